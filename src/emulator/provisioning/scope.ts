// Which source users a job provisions (graph-api.md §3.7-§3.8): with SyncAll false, users assigned to
// the configuration's service principal and direct members of assigned groups (nested groups do not
// count); with SyncAll true, every user. Of those, only internal members are synchronized (external
// users and internal guests are skipped, as the built-in "Filter external users" scope does), and the
// object mapping's scoping filter must hold (any group of clauses with all its clauses true).
//
// Decision recorded in README ("The emulator"): the service principal's appRoleAssignmentRequired does
// not change the scope; the portal's "Scope" setting is the SyncAll secret, which is what the engine
// reads. UNCONFIRMED: string comparisons in scoping clauses are case-sensitive.
import type { Store } from '../store/store'
import type { Json, TenantStore } from '../store/tenantStore'
import { appRoleAssignmentKind } from '../graph/routes/appShapes'
import { groupKind, membersLink } from '../graph/routes/groupShapes'
import { homeTenantIdKey, managerLinkKind, userKind } from '../graph/routes/userShapes'
import type { JobConfig } from './jobConfig'
import { asText, sourceAttribute, type SourceView } from './sourceAttributes'

export type SkipReason =
  'NotAssigned' | 'ExternalUser' | 'InternalGuest' | 'ScopingFilter' | 'MappingDisabled'

export const skipDescriptions: Readonly<Record<SkipReason, string>> = {
  NotAssigned:
    'The user is not assigned to the configuration, directly or as a direct member of an assigned group, and the scope is "Sync only assigned users and groups".',
  ExternalUser:
    "The user is an external user in the source tenant (scope group 'Filter external users': alternativeSecurityIds EQUALS 'None' does not hold); only internal members are synchronized.",
  InternalGuest: 'The user is an internal guest (userType Guest); only internal members are synchronized.',
  ScopingFilter: "The user does not satisfy the object mapping's scoping filter.",
  MappingDisabled: 'The User object mapping of the job is disabled.',
}

/** Users assigned directly and the direct user members of assigned groups (live principals only). */
function assignedUsers(tenant: TenantStore, spId: string): Set<string> {
  const ids = new Set<string>()
  for (const { body } of tenant.list<Json>(appRoleAssignmentKind)) {
    if (body.resourceId !== spId) continue
    const principal = String(body.principalId)
    if (body.principalType === 'User') ids.add(principal)
    else if (body.principalType === 'Group' && tenant.get(groupKind, principal) !== undefined)
      for (const member of tenant.targets(membersLink, principal)) ids.add(member)
  }
  return ids
}

const isExternal = (user: Json): boolean =>
  user[homeTenantIdKey] !== undefined ||
  user.creationType === 'Invitation' ||
  String(user.userPrincipalName).includes('#EXT#')

function clauseHolds(clause: Json, view: SourceView): boolean {
  const value = sourceAttribute(view, String(clause.sourceOperandName))
  const operands = ((clause.targetOperand as Json | undefined)?.values as string[] | undefined) ?? []
  const values = Array.isArray(value) ? value.map(asText) : value === null ? [] : [asText(value)]
  const one = values[0] ?? null
  const number = (v: string | null): number => (v === null ? Number.NaN : Number(v))
  switch (clause.operatorName) {
    case 'EQUALS':
      return one !== null && operands.includes(one)
    case 'NOT EQUALS':
      return one === null || !operands.includes(one)
    case 'IS TRUE':
      return one?.toLowerCase() === 'true'
    case 'IS FALSE':
      return one?.toLowerCase() !== 'true'
    case 'IS NULL':
      return one === null || one === ''
    case 'IS NOT NULL':
      return one !== null && one !== ''
    case 'REGEX MATCH':
      return one !== null && operands.some((p) => new RegExp(p).test(one))
    case 'NOT REGEX MATCH':
      return one === null || !operands.some((p) => new RegExp(p).test(one))
    case 'Greater_Than':
      return number(one) > number(operands[0] ?? null)
    case 'Greater_Than_OR_EQUALS':
      return number(one) >= number(operands[0] ?? null)
    case 'Less_Than':
      return number(one) < number(operands[0] ?? null)
    case 'Less_Than_OR_EQUALS':
      return number(one) <= number(operands[0] ?? null)
    case 'INCLUDES':
      return values.some((v) => operands.includes(v))
    default:
      return false
  }
}

/** inputFilterGroups and categoryFilterGroups are experimental and not applied (they do not deprovision). */
function filterHolds(scope: Json | null, view: SourceView): boolean {
  const groups = (scope?.groups as Json[] | null | undefined) ?? []
  if (groups.length === 0) return true
  return groups.some((g) => ((g.clauses as Json[] | undefined) ?? []).every((c) => clauseHolds(c, view)))
}

export type ScopeCheck = (view: SourceView) => SkipReason | undefined

/** A check for one cycle: undefined when the user is in scope, else why it is skipped. */
export function scopeOf(store: Store, config: JobConfig): ScopeCheck {
  const tenant = store.tenant(config.sourceTenantId)
  const assigned = config.syncAll ? undefined : assignedUsers(tenant, config.spId)
  return (view) => {
    if (!config.mapping.enabled) return 'MappingDisabled'
    if (assigned !== undefined && !assigned.has(String(view.user.id))) return 'NotAssigned'
    if (isExternal(view.user)) return 'ExternalUser'
    if (view.user.userType === 'Guest') return 'InternalGuest'
    if (!filterHolds(config.mapping.scope, view)) return 'ScopingFilter'
    return undefined
  }
}

/** Every live source user, for one cycle. */
export const sourceUsers = (store: Store, tenantId: string): Json[] =>
  store
    .tenant(tenantId)
    .list<Json>(userKind)
    .map((u) => u.body)

/** A source user's manager, when the manager is a live user (the engine maps it to the manager's target user). */
export const liveManagerOf = (tenant: TenantStore, userId: string): string | null =>
  tenant.targets(managerLinkKind, userId).find((m) => tenant.get(userKind, m) !== undefined) ?? null
