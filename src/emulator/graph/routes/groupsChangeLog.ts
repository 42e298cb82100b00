// The change log behind GET /groups/delta (groupsDelta.ts). It is kept here, not in the writers:
// every delta call first reconciles a per-group entry (a hash of the stored group, its state and its
// live members) against the store and gives each difference a new version number. So changes made by
// any module (a restore from the deleted items bin, a purge, a member's own deletion) are seen, and no
// writer has to remember to log. A delta token is a version watermark.
//
// LIMITATIONS: a change reverted before the next delta call (by anyone) is not reported (deltas are
// net changes); member history older than 7 days (the token lifetime) is dropped.
import { createHash } from 'node:crypto'
import type { Json, TenantStore } from '../../store/tenantStore'
import type { GraphContext } from '../context'
import { findDirectoryObject } from './directoryObjects'
import { groupKind, membersLink, type GroupBody } from './groupShapes'

const entryKind = 'groupsDelta.entry'
const counterKind = 'groupsDelta.counter'
/** Delta tokens for identity resources last 7 days (graph-api.md §7.6). */
export const lifetimeMs = 7 * 24 * 3600 * 1000

interface MemberEvent extends Json {
  id: string
  type: string
  version: number
  removed: boolean
  at: string
}
interface Entry extends Json {
  id: string
  /** Last change of any kind (properties, state or members). */
  version: number
  /** Last change of the properties or state only. */
  propertyVersion: number
  hash: string
  state: 'live' | 'softDeleted' | 'gone'
  members: Record<string, string>
  events: MemberEvent[]
  changedAt: string
}
function liveMembers(store: TenantStore, groupId: string): Record<string, string> {
  const members: Record<string, string> = {}
  for (const id of store.targets(membersLink, groupId)) {
    const object = findDirectoryObject(store, id)
    if (object !== undefined) members[id] = object.odataType
  }
  return members
}

/** Brings the change log up to date with the store; returns the newest version. */
export function reconcile(ctx: GraphContext): number {
  const store = ctx.store
  const start = store.get<{ value: number }>(counterKind, 'counter')?.value ?? 0
  let version = start
  const now = ctx.clock.now()
  const at = now.toISOString()
  const cutoff = new Date(now.getTime() - lifetimeMs).toISOString()
  const entries = new Map(store.list<Entry>(entryKind).map((stored) => [stored.id, stored.body]))
  const groups = [
    ...store.list<GroupBody>(groupKind).map((s) => ({ body: s.body, state: 'live' as const })),
    ...store
      .list<GroupBody>(groupKind, { deleted: true })
      .map((s) => ({ body: s.body, state: 'softDeleted' as const })),
  ]
  for (const { body, state } of groups) {
    const id = String(body.id)
    const old = entries.get(id)
    entries.delete(id)
    const hash = createHash('sha1').update(JSON.stringify(body)).digest('base64url')
    const members = state === 'live' ? liveMembers(store, id) : (old?.members ?? {})
    const events = (old?.events ?? []).filter((e) => e.at >= cutoff)
    // One new version per group and reconciliation, taken on its first difference.
    const change: { version?: number } = {}
    const stamp = (): number => (change.version ??= ++version)
    const propertiesChanged = old === undefined || old.hash !== hash || old.state !== state
    if (propertiesChanged) stamp()
    for (const [memberId, type] of Object.entries(members))
      if (old?.members[memberId] === undefined)
        events.push({ id: memberId, type, version: stamp(), removed: false, at })
    for (const [memberId, type] of Object.entries(old?.members ?? {}))
      if (members[memberId] === undefined)
        events.push({ id: memberId, type, version: stamp(), removed: true, at })
    const changed = change.version
    if (old !== undefined && changed === undefined && events.length === old.events.length) continue
    store.put(entryKind, id, {
      id,
      version: changed ?? old!.version,
      propertyVersion: propertiesChanged ? changed! : old.propertyVersion,
      hash,
      state,
      members,
      events,
      changedAt: changed === undefined ? old!.changedAt : at,
    } satisfies Entry)
  }
  // What is left was purged since the last call (hard delete, or purged from the deleted items bin).
  for (const entry of entries.values()) {
    if (entry.state === 'gone') {
      if (entry.changedAt < cutoff) store.purge(entryKind, entry.id)
      continue
    }
    const v = ++version
    store.put(entryKind, entry.id, {
      ...entry,
      state: 'gone',
      members: {},
      version: v,
      propertyVersion: v,
      changedAt: at,
    })
  }
  if (version !== start) store.put(counterKind, 'counter', { value: version })
  return version
}

/** members@delta for a group: all current members when `from` is null, else the net changes in (from, to]. */
export function membersDelta(store: TenantStore, id: string, from: number | null, to: number): Json[] {
  if (from === null)
    return Object.entries(liveMembers(store, id)).map(([memberId, type]) => ({
      '@odata.type': type,
      id: memberId,
    }))
  const latest = new Map<string, MemberEvent>()
  const entry = store.get<Entry>(entryKind, id)
  for (const event of entry?.events ?? [])
    if (event.version > from && event.version <= to) latest.set(event.id, event)
  return [...latest.values()].map((e) => ({
    '@odata.type': e.type,
    id: e.id,
    ...(e.removed ? { '@removed': { reason: 'deleted' } } : {}),
  }))
}

/** Groups changed in (from, to], oldest change first; with `members`, membership changes count too. */
export function changedSince(store: TenantStore, from: number, to: number, members: boolean): string[] {
  return store
    .list<Entry>(entryKind)
    .map((s) => s.body)
    .filter((e) => {
      const version = members ? e.version : e.propertyVersion
      return version > from && version <= to
    })
    .sort((a, b) => a.version - b.version)
    .map((e) => e.id)
}
