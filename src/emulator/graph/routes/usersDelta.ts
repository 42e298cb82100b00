// GET /users/delta (graph-api.md §7.6): an initial round over every user, paged with
// @odata.nextLink and ended by @odata.deltaLink; later rounds return what changed since.
//
// How changes are found: each round, as it starts, stores a snapshot (per user: a hash of what the
// client tracks, or 'D' for a soft-deleted user) that the deltaLink on its last page names. The next
// call compares that snapshot with the store, so changes made by anything (Graph routes, the admin
// API, the provisioning engine) are seen without a change log every writer would have to feed. The entries of a round are
// stored too, so its pages stay stable while the client follows nextLink.
//
// LIMITATIONS (differences from Graph):
// - $filter (id eq '...'), $expand=manager, Prefer: return=minimal and odata.maxpagesize are not
//   supported (501); pages hold 100 users.
// - A user changed while a round is being paged may be reported again in the next round.
// - A user created and deleted between two rounds is not reported; a soft-deleted user that is then
//   purged is reported twice (reason "changed", later "deleted").
// - Tokens (state and rounds) live 7 days by the emulator's clock; an unknown, malformed or expired
//   token answers 400 syncStateNotFound.
import { createHash, randomUUID } from 'node:crypto'
import { GraphError, graphErrors } from '../../errors'
import type { GraphContext, GraphRoute, Reply } from '../context'
import { project } from '../odata'
import type { Body } from '../validate'
import { expireDeletedItems } from './deletedItems'
import {
  canonicalSelect,
  defaultUserView,
  publicBody,
  userKind,
  userProperties,
  type UserBody,
} from './userShapes'

const stateKind = 'user.deltaState'
const roundKind = 'user.deltaRound'
const pageSize = 100
const tokenLifetimeMs = 7 * 24 * 3600 * 1000

interface DeltaState extends Body {
  createdAt: string
  select: string[] | null
  /** userId -> hash of the tracked view, or 'D' when soft-deleted. */
  hashes: Record<string, string>
}

interface DeltaEntry {
  id: string
  removed?: 'changed' | 'deleted'
}

interface DeltaRound extends Body {
  createdAt: string
  select: string[] | null
  entries: DeltaEntry[]
  /** The state the deltaLink at the end of this round names. */
  nextState: string
}

const syncStateNotFound = (): GraphError =>
  new GraphError(
    400,
    'syncStateNotFound',
    'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
  )

const encode = (text: string): string => Buffer.from(text, 'utf8').toString('base64url')
const decode = (token: string): string => Buffer.from(token, 'base64url').toString('utf8')

/** What the client tracks of a user: the selected properties, or every public one. */
function tracked(user: UserBody, select: string[] | null): Body {
  return select === null ? publicBody(user) : project(publicBody(user), select, userProperties, 'user')
}

const hashOf = (view: Body): string =>
  createHash('sha1').update(JSON.stringify(view)).digest('base64url').slice(0, 16)

function snapshot(ctx: GraphContext, select: string[] | null): Record<string, string> {
  const hashes: Record<string, string> = {}
  for (const stored of ctx.store.list<UserBody>(userKind))
    hashes[stored.id] = hashOf(tracked(stored.body, select))
  for (const stored of ctx.store.list<UserBody>(userKind, { deleted: true })) hashes[stored.id] = 'D'
  return hashes
}

/** When each tenant's expired tokens were last swept (a cache: sweeping reads every stored snapshot). */
const lastSweep = new Map<string, number>()

function sweepExpired(ctx: GraphContext, now: number): void {
  if (now - (lastSweep.get(ctx.store.tenantId) ?? 0) < 3600 * 1000) return
  lastSweep.set(ctx.store.tenantId, now)
  for (const kind of [stateKind, roundKind])
    for (const stored of ctx.store.list<Body>(kind))
      if (now - Date.parse(String(stored.body.createdAt)) > tokenLifetimeMs) ctx.store.purge(kind, stored.id)
}

/** Loads a state or round, refusing unknown and expired ones. */
function load<T extends Body>(ctx: GraphContext, kind: string, id: string): T {
  const now = ctx.clock.now().getTime()
  sweepExpired(ctx, now)
  const found = ctx.store.get<T>(kind, id)
  if (found === undefined || now - Date.parse(String(found.createdAt)) > tokenLifetimeMs)
    throw syncStateNotFound()
  return found
}

/** Stores a round that ends with a new snapshot, and answers its first page. */
function startRound(ctx: GraphContext, select: string[] | null, entries: DeltaEntry[]): Reply {
  const createdAt = ctx.clock.now().toISOString()
  const stateId = randomUUID()
  ctx.store.insert(stateKind, stateId, {
    createdAt,
    select,
    hashes: snapshot(ctx, select),
  } satisfies DeltaState)
  const roundId = randomUUID()
  const round: DeltaRound = { createdAt, select, entries, nextState: stateId }
  ctx.store.insert(roundKind, roundId, round)
  return pageOf(ctx, roundId, round, 0)
}

function pageOf(ctx: GraphContext, roundId: string, round: DeltaRound, offset: number): Reply {
  const value = round.entries.slice(offset, offset + pageSize).map((entry) => {
    if (entry.removed !== undefined) return { id: entry.id, '@removed': { reason: entry.removed } }
    const user = ctx.store.get<UserBody>(userKind, entry.id)
    if (user === undefined) {
      const reason = ctx.store.find(userKind, entry.id) === undefined ? 'deleted' : 'changed'
      return { id: entry.id, '@removed': { reason } }
    }
    if (round.select === null) return defaultUserView(user)
    // Delta answers always carry the id, selected or not.
    return { ...project(publicBody(user), round.select, userProperties, 'user'), id: user.id }
  })
  const select = round.select === null ? '' : `(${round.select.join(',')})`
  const body: Body = { '@odata.context': `${ctx.serviceRoot}/$metadata#users${select}` }
  const next = offset + pageSize
  if (next < round.entries.length)
    body['@odata.nextLink'] = `${ctx.serviceRoot}/users/delta?$skiptoken=${encode(`r1.${roundId}.${next}`)}`
  else
    body['@odata.deltaLink'] = `${ctx.serviceRoot}/users/delta?$deltatoken=${encode(`s1.${round.nextState}`)}`
  body.value = value
  return { status: 200, body }
}

function changesSince(ctx: GraphContext, state: DeltaState): DeltaEntry[] {
  const entries: DeltaEntry[] = []
  const seen = new Set<string>()
  for (const stored of ctx.store.list<UserBody>(userKind)) {
    seen.add(stored.id)
    if (state.hashes[stored.id] !== hashOf(tracked(stored.body, state.select)))
      entries.push({ id: stored.id })
  }
  for (const stored of ctx.store.list<UserBody>(userKind, { deleted: true })) {
    seen.add(stored.id)
    const before = state.hashes[stored.id]
    if (before !== undefined && before !== 'D') entries.push({ id: stored.id, removed: 'changed' })
  }
  for (const id of Object.keys(state.hashes)) if (!seen.has(id)) entries.push({ id, removed: 'deleted' })
  return entries
}

function delta(ctx: GraphContext): Reply {
  if (typeof ctx.headers.prefer === 'string' && /return=minimal|odata\.maxpagesize/i.test(ctx.headers.prefer))
    throw graphErrors.notImplemented(`the Prefer header '${ctx.headers.prefer}' on /users/delta`)
  const { skipToken, deltaToken } = ctx.query
  if ((skipToken !== undefined || deltaToken !== undefined) && ctx.query.select !== undefined)
    throw graphErrors.badRequest(
      '$select can only be given on the initial delta request; it is kept in the tokens.',
    )
  if (skipToken !== undefined && deltaToken !== undefined)
    throw graphErrors.badRequest('Give either $skiptoken or $deltatoken, not both.')
  expireDeletedItems(ctx)
  if (skipToken !== undefined) {
    const match = /^r1\.([0-9a-f-]{36})\.(\d+)$/.exec(decode(skipToken))
    if (match === null) throw syncStateNotFound()
    return pageOf(ctx, match[1]!, load<DeltaRound>(ctx, roundKind, match[1]!), Number(match[2]))
  }
  if (deltaToken !== undefined) {
    const match = /^s1\.([0-9a-f-]{36})$/.exec(decode(deltaToken))
    if (match === null) throw syncStateNotFound()
    const state = load<DeltaState>(ctx, stateKind, match[1]!)
    return startRound(ctx, state.select, changesSince(ctx, state))
  }
  const selected = canonicalSelect(ctx, userProperties)
  const select = selected.query.select === undefined ? null : [...selected.query.select]
  if (select !== null) project({}, select, userProperties, 'user')
  const entries = ctx.store.list<UserBody>(userKind).map((u) => ({ id: u.id }))
  return startRound(ctx, select, entries)
}

export const usersDeltaRoutes: GraphRoute[] = [
  {
    method: 'GET',
    path: '/users/delta',
    permissions: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
    query: ['$select', '$skiptoken', '$deltatoken'],
    handle: delta,
  },
]
