// Writes to the target tenant: the B2B users a job creates, matches, updates, soft-deletes, disables
// and restores (graph-api.md §3.7-§3.8, §5.2), each with a directory audit record in the target, as
// Entra logs changes made by the provisioning service.
//
// UNCONFIRMED: the initiator shown in the target's audit log (the emulator names the app
// Microsoft.Azure.SyncFabric), the identities of a synced user, and that a synced user's creationType is
// Invitation with externalUserState Accepted. A user without a userType mapping is created as Guest,
// the B2B default.
import type { Store, TenantRecord } from '../store/store'
import type { Json, TenantStore } from '../store/tenantStore'
import { appendAudit, modifiedProperties, type AuditOrigin, type ModifiedProperty } from '../graph/audit'
import {
  graphTime,
  guestUpn,
  homeObjectIdKey,
  homeTenantIdKey,
  managerLinkKind,
  newUserBody,
  userKind,
} from '../graph/routes/userShapes'
import type { ExportPlan } from './exportPlan'

export const syncFabric = {
  appId: '00000014-0000-0000-c000-000000000000',
  displayName: 'Microsoft.Azure.SyncFabric',
}

export interface TargetSide {
  readonly tenant: TenantRecord
  readonly store: TenantStore
  readonly sourceTenantId: string
  readonly origin: AuditOrigin
  /** Built on first use: a cycle with nothing to export never reads the target's users. */
  index?: { byHome: Map<string, string>; byUpn: Map<string, string> }
}

/** The target of a job, for one cycle (or one provision on demand) whose changes are audited as `correlationId`. */
export function targetSide(
  store: Store,
  sourceTenantId: string,
  targetTenantId: string,
  correlationId: string,
  at: Date,
): TargetSide {
  return {
    tenant: store.getTenant(targetTenantId)!,
    store: store.tenant(targetTenantId),
    sourceTenantId,
    origin: {
      correlationId,
      at,
      initiatedBy: {
        user: null,
        app: { ...syncFabric, servicePrincipalId: null, servicePrincipalName: null },
      },
    },
  }
}

function indexOf(side: TargetSide): NonNullable<TargetSide['index']> {
  if (side.index !== undefined) return side.index
  const byHome = new Map<string, string>()
  const byUpn = new Map<string, string>()
  for (const deleted of [false, true])
    for (const { body } of side.store.list<Json>(userKind, { deleted })) {
      if (body[homeTenantIdKey] === side.sourceTenantId)
        byHome.set(String(body[homeObjectIdKey]), String(body.id))
      if (!deleted) byUpn.set(String(body.userPrincipalName).toLowerCase(), String(body.id))
    }
  side.index = { byHome, byUpn }
  return side.index
}

function audit(
  side: TargetSide,
  activity: string,
  op: 'Add' | 'Update' | 'Delete' | 'Restore',
  user: Json,
  changes: ModifiedProperty[] = [],
): void {
  appendAudit(
    side.store,
    {
      category: 'UserManagement',
      activityDisplayName: activity,
      operationType: op,
      target: { id: String(user.id), displayName: String(user.displayName), type: 'User' },
      modifiedProperties: changes,
    },
    side.origin,
  )
}

/** The target user that already stands for this source user (by its alternative security id), live or deleted. */
export function matchUser(side: TargetSide, sourceId: string): { user: Json; deleted: boolean } | undefined {
  const id = indexOf(side).byHome.get(sourceId)
  if (id === undefined) return undefined
  const found = side.store.find<Json>(userKind, id)
  return found === undefined ? undefined : { user: found.body, deleted: found.deletedAt !== undefined }
}

/** A live target user holding this UPN, if any (a conflict for a new B2B user). */
export function userWithUpn(side: TargetSide, upn: string): Json | undefined {
  const id = indexOf(side).byUpn.get(upn.toLowerCase())
  return id === undefined ? undefined : side.store.get<Json>(userKind, id)
}

export const b2bUpn = (side: TargetSide, plan: ExportPlan, fallback: string): string =>
  guestUpn(plan.upnSource ?? fallback, side.tenant)

/** Applies the plan's attributes to a user body; `adding` lets ObjectAddOnly attributes flow. */
function applyPlan(user: Json, plan: ExportPlan, adding: boolean): Json {
  const next: Json = { ...user }
  for (const a of plan.attributes) {
    if (a.flow === 'ObjectAddOnly' && !adding) continue
    const current = user[a.property]
    const empty =
      current === null || current === undefined || (Array.isArray(current) && current.length === 0)
    if (a.flow === 'IfEmpty' && !empty && !adding) continue
    next[a.property] = a.value
  }
  return next
}

const isEmpty = (value: unknown): boolean =>
  value === null || value === undefined || (Array.isArray(value) && value.length === 0)

const changedNames = (before: Json, after: Json): string[] =>
  Object.keys(after).filter(
    (k) => !k.startsWith('emulator.') && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  )

export function createUser(
  side: TargetSide,
  id: string,
  sourceUser: Json,
  plan: ExportPlan,
  now: Date,
): Json {
  const upn = b2bUpn(side, plan, String(sourceUser.userPrincipalName))
  const mail = typeof sourceUser.mail === 'string' ? sourceUser.mail : null
  const body = newUserBody({
    id,
    now,
    tenant: side.tenant,
    properties: {
      userPrincipalName: upn,
      mailNickname: upn.slice(0, upn.lastIndexOf('@')).replace('#EXT#', '_EXT_'),
      userType: 'Guest',
      creationType: 'Invitation',
      externalUserState: 'Accepted',
      externalUserStateChangeDateTime: graphTime(now),
      otherMails: mail === null ? [] : [mail],
      proxyAddresses: mail === null ? [] : [`SMTP:${mail}`],
    },
  })
  body.identities = [{ signInType: 'federated', issuer: 'ExternalAzureAD', issuerAssignedId: null }]
  const user: Json = {
    ...applyPlan(body, plan, true),
    [homeTenantIdKey]: side.sourceTenantId,
    [homeObjectIdKey]: String(sourceUser.id),
  }
  side.store.insert(userKind, id, user)
  indexOf(side).byHome.set(String(sourceUser.id), id)
  indexOf(side).byUpn.set(upn.toLowerCase(), id)
  // The record names the properties the new user was given values for, as Entra's "Add user" does.
  const given = changedNames({}, user).filter((k) => !isEmpty(user[k]))
  audit(side, 'Add user', 'Add', user, modifiedProperties(undefined, user, given))
  return user
}

/**
 * Writes the plan onto an existing target user and returns what changed. `adding` is true when the
 * engine adopts a user as an Add (a pending invitation), so ObjectAddOnly attributes flow too.
 */
export function updateUser(
  side: TargetSide,
  user: Json,
  plan: ExportPlan,
  sourceId: string,
  adding: boolean,
): ModifiedProperty[] {
  let next = applyPlan(user, plan, adding)
  next = { ...next, [homeTenantIdKey]: side.sourceTenantId, [homeObjectIdKey]: sourceId }
  if (user.externalUserState === 'PendingAcceptance')
    Object.assign(next, {
      externalUserState: 'Accepted',
      externalUserStateChangeDateTime: graphTime(side.origin.at),
    })
  else if (plan.upnSource !== null) {
    // The UPN follows the source's, unless another user holds it; a pending invitation keeps its own (§3.8).
    const upn = guestUpn(plan.upnSource, side.tenant)
    if (
      upn.toLowerCase() !== String(user.userPrincipalName).toLowerCase() &&
      userWithUpn(side, upn) === undefined
    ) {
      next.userPrincipalName = upn
      indexOf(side).byUpn.delete(String(user.userPrincipalName).toLowerCase())
      indexOf(side).byUpn.set(upn.toLowerCase(), String(user.id))
    }
  }
  indexOf(side).byHome.set(sourceId, String(user.id))
  const names = changedNames(user, next)
  if (names.length === 0 && user[homeObjectIdKey] === sourceId) return []
  side.store.replace(userKind, String(user.id), next)
  const changes = modifiedProperties(user, next, names)
  audit(side, 'Update user', 'Update', next, changes)
  return changes
}

export function softDeleteUser(side: TargetSide, user: Json): void {
  const at = graphTime(side.origin.at)
  side.store.replace(userKind, String(user.id), { ...user, deletedDateTime: at })
  side.store.softDelete(userKind, String(user.id), at)
  indexOf(side).byUpn.delete(String(user.userPrincipalName).toLowerCase())
  audit(side, 'Delete user', 'Delete', user)
}

export function restoreUser(side: TargetSide, user: Json): Json {
  const restored = { ...user, deletedDateTime: null }
  side.store.replace(userKind, String(user.id), restored)
  side.store.restore(userKind, String(user.id))
  indexOf(side).byUpn.set(String(user.userPrincipalName).toLowerCase(), String(user.id))
  audit(side, 'Restore user', 'Restore', restored)
  return restored
}

/** Sets (or clears, with null) a target user's manager; true when it changed. */
export function setManager(side: TargetSide, user: Json, managerId: string | null): boolean {
  const current = side.store.targets(managerLinkKind, String(user.id))
  if (managerId === null ? current.length === 0 : current.length === 1 && current[0] === managerId)
    return false
  for (const old of current) side.store.unlink(managerLinkKind, String(user.id), old)
  if (managerId !== null) side.store.link(managerLinkKind, String(user.id), managerId)
  audit(side, 'Update user', 'Update', user, [
    {
      displayName: 'Manager',
      oldValue: current[0] === undefined ? null : JSON.stringify(current[0]),
      newValue: managerId === null ? null : JSON.stringify(managerId),
    },
  ])
  return true
}
