// Admin API for groups (no token, loopback only):
//   POST /_emulator/tenants/{tenant}/groups  {"groups":[{displayName, mailNickname?, description?,
//        securityEnabled?, mailEnabled?, groupTypes?, id?, members?: [objectIds], owners?: [objectIds]}]}
//        -> 201 {"value":[groups as GET /groups shows them]}. All or nothing, in one transaction; a group
//        may list groups created earlier in the same request as members. Unlike Graph, it can make
//        mail-enabled security and distribution groups (as Exchange would), for tests of the rules on them.
//   GET|PUT /_emulator/tenants/{tenant}/groupSettings  {"securityGroupDelete":"soft"|"hard"}: what
//        DELETE /groups/{id} does to security groups (graph-api.md §6.1: the docs changed).
import { randomUUID } from 'node:crypto'
import type { TenantStore } from '../store/tenantStore'
import { findDirectoryObject } from '../graph/routes/directoryObjects'
import {
  groupKind,
  groupSettings,
  groupSettingsKind,
  groupView,
  isUnified,
  isValidMailNickname,
  membersLink,
  newGroupBody,
  ownersLink,
  type GroupBody,
  type GroupSettings,
} from '../graph/routes/groupShapes'
import { AdminError, type AdminExtension, type AdminRequest, type AdminReply } from './extensions'

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const known = [
  'displayName',
  'mailNickname',
  'description',
  'securityEnabled',
  'mailEnabled',
  'groupTypes',
  'id',
  'members',
  'owners',
]

const bad = (where: string, message: string): never => {
  throw new AdminError(400, `${where}: ${message}`)
}

function optional<T>(
  entry: Record<string, unknown>,
  name: string,
  where: string,
  check: (v: unknown) => v is T,
  expected: string,
): T | undefined {
  const value = entry[name]
  if (value === undefined) return undefined
  if (!check(value)) bad(`${where}.${name}`, `${JSON.stringify(value)} is not ${expected}`)
  return value as T
}
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean'
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== ''
const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string')
const isGroupTypes = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => s === 'Unified')

/** A mail alias from a display name: the characters Graph allows, or group<n> when none are left. */
function nicknameFrom(displayName: string, index: number): string {
  const cleaned = displayName.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64)
  return cleaned === '' ? `group${index}` : cleaned
}

function createGroups(request: AdminRequest): AdminReply {
  const tenant = request.tenant()
  const store: TenantStore = request.store.tenant(tenant.id)
  const entries = request.body.groups
  if (!Array.isArray(entries))
    bad('groups', 'expected an array of {displayName, mailNickname?, securityEnabled?, members?}')
  const unknownTop = Object.keys(request.body).find((k) => k !== 'groups')
  if (unknownTop !== undefined) bad(unknownTop, 'unknown property; the body is {"groups":[...]}')
  const nicknames = new Set(
    store
      .list<GroupBody>(groupKind)
      .filter((g) => isUnified(g.body))
      .map((g) => String(g.body.mailNickname).toLowerCase()),
  )
  const now = request.clock.now()
  const created: GroupBody[] = (entries as unknown[]).map((raw, index) => {
    const where = `groups[${index}]`
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) bad(where, 'expected an object')
    const entry = raw as Record<string, unknown>
    const extra = Object.keys(entry).find((k) => !known.includes(k))
    if (extra !== undefined) bad(`${where}.${extra}`, `unknown property; allowed: ${known.join(', ')}`)
    const displayName = optional(entry, 'displayName', where, isText, 'a non-empty string')
    if (displayName === undefined) bad(`${where}.displayName`, 'is required (a non-empty string)')
    const groupTypes = optional(entry, 'groupTypes', where, isGroupTypes, "[] or ['Unified']") ?? []
    const unified = groupTypes.includes('Unified')
    const mailEnabled = optional(entry, 'mailEnabled', where, isBoolean, 'true or false') ?? unified
    const securityEnabled = optional(entry, 'securityEnabled', where, isBoolean, 'true or false') ?? !unified
    if (unified && !mailEnabled)
      bad(`${where}.mailEnabled`, 'a Microsoft 365 group (Unified) must be mail-enabled')
    if (!mailEnabled && !securityEnabled)
      bad(where, 'a group must be mail-enabled, security-enabled, or both')
    const mailNickname =
      optional(
        entry,
        'mailNickname',
        where,
        isValidMailNickname,
        'a mail alias (1-64 ASCII characters, no spaces or @()\\[]";:.<>,)',
      ) ?? nicknameFrom(displayName!, index)
    if (unified) {
      if (nicknames.has(mailNickname.toLowerCase()))
        bad(`${where}.mailNickname`, `'${mailNickname}' is already used by a Microsoft 365 group`)
      nicknames.add(mailNickname.toLowerCase())
    }
    const id = (
      optional(entry, 'id', where, (v): v is string => typeof v === 'string' && guid.test(v), 'a GUID') ??
      randomUUID()
    ).toLowerCase()
    if (findDirectoryObject(store, id) !== undefined || store.find(groupKind, id) !== undefined)
      bad(`${where}.id`, `an object with id ${id} already exists`)
    const description = optional(
      entry,
      'description',
      where,
      (v): v is string => typeof v === 'string',
      'a string',
    )
    const group = newGroupBody(
      {
        id,
        displayName: displayName!,
        mailNickname,
        mailEnabled,
        securityEnabled,
        groupTypes,
        description: description ?? null,
      },
      tenant,
      now,
    )
    store.insert(groupKind, id, group)
    link(
      store,
      group,
      'members',
      optional(entry, 'members', where, isIdList, 'an array of object ids') ?? [],
      where,
    )
    link(
      store,
      group,
      'owners',
      optional(entry, 'owners', where, isIdList, 'an array of object ids') ?? [],
      where,
    )
    return group
  })
  return { status: 201, body: { value: created.map((group) => groupView(store, group, false)) } }
}

function link(
  store: TenantStore,
  group: GroupBody,
  relation: 'members' | 'owners',
  ids: readonly string[],
  where: string,
): void {
  const seen = new Set<string>()
  ids.forEach((rawId, i) => {
    const at = `${where}.${relation}[${i}]`
    const object = findDirectoryObject(store, rawId)
    if (object === undefined) bad(at, `no user, group or service principal '${rawId}' in this tenant`)
    const id = String(object!.body.id)
    if (seen.has(id)) bad(at, `'${id}' is listed twice`)
    seen.add(id)
    if (id === group.id) bad(at, 'a group cannot be a member or owner of itself')
    if (relation === 'owners' && object!.kind === 'group')
      bad(at, 'owners must be users or service principals')
    if (relation === 'members' && object!.kind === 'group' && isUnified(group))
      bad(at, 'Microsoft 365 groups cannot have groups as members')
    store.link(relation === 'members' ? membersLink : ownersLink, String(group.id), id)
  })
}

function settings(request: AdminRequest): AdminReply {
  const store = request.store.tenant(request.tenant().id)
  if (request.method === 'GET') return { status: 200, body: groupSettings(store) }
  const value = request.body.securityGroupDelete
  const extra = Object.keys(request.body).find((k) => k !== 'securityGroupDelete')
  if (extra !== undefined) bad(extra, 'unknown property; the body is {"securityGroupDelete":"soft"|"hard"}')
  if (value !== 'soft' && value !== 'hard')
    bad('securityGroupDelete', `${JSON.stringify(value)} is not "soft" or "hard"`)
  const updated: GroupSettings = { ...groupSettings(store), securityGroupDelete: value as 'soft' | 'hard' }
  store.put(groupSettingsKind, 'settings', updated)
  return { status: 200, body: updated }
}

export const groupsAdmin: AdminExtension = (request) => {
  const [root, , area, ...rest] = request.segments
  if (root !== 'tenants' || rest.length > 0) return undefined
  if (area === 'groups' && request.method === 'POST') return createGroups(request)
  if (area === 'groupSettings' && (request.method === 'GET' || request.method === 'PUT'))
    return settings(request)
  return undefined
}
