// Administrative units as stored (kind 'administrativeUnit', graph-api.md §6.3) and the restricted
// management rule shared with the objects they contain: Graph's application permissions do not apply
// to members of a restricted management AU (RMAU), so writes to them are refused unless the app holds a
// role scoped to the unit.
import { GraphError, graphErrors } from '../../errors'
import type { Json, TenantStore } from '../../store/tenantStore'
import type { GraphContext } from '../context'
import type { EntityShape } from '../replies'
import { checkObjectId } from '../validate'
import { holdsUnitScopedRole } from './roleShapes'

export const administrativeUnitKind = 'administrativeUnit'
/** Link kind: source AU -> target member (user, group or device). */
export const auMembersLink = 'administrativeUnit.members'
/** At most this many restricted management AUs per tenant [D]. */
export const maxRestrictedUnits = 100

export type AdministrativeUnitBody = Json

export const auReadPermissions = [
  'AdministrativeUnit.Read.All',
  'AdministrativeUnit.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
]
export const auWritePermissions = ['AdministrativeUnit.ReadWrite.All']

export const auProperties: readonly string[] = [
  'id',
  'deletedDateTime',
  'displayName',
  'description',
  'visibility',
  'isMemberManagementRestricted',
  'membershipType',
  'membershipRule',
  'membershipRuleProcessingState',
]

export const auShape: EntityShape = {
  contextPath: 'directory/administrativeUnits',
  properties: auProperties,
  typeName: 'administrativeUnit',
}

/** True when `objectId` is a member of a live restricted management AU (null or absent counts as false). */
export function isManagementRestricted(store: TenantStore, objectId: string): boolean {
  for (const unitId of store.sources(auMembersLink, objectId)) {
    const unit = store.get<AdministrativeUnitBody>(administrativeUnitKind, unitId)
    if (unit?.isMemberManagementRestricted === true) return true
  }
  return false
}

/**
 * The refusal for a write to an RMAU member. Status and code are UNCONFIRMED (graph-api.md §6.3: "403
 * Authorization_RequestDenied likely"); the message follows the portal's.
 */
export function restrictedManagementError(objectType: 'user' | 'group' | 'device'): GraphError {
  return new GraphError(
    403,
    'Authorization_RequestDenied',
    `This ${objectType} is a member of a restricted management administrative unit. Management rights are limited to administrators scoped on that administrative unit.`,
  )
}

/**
 * Throws the restricted management refusal when `objectId` is an RMAU member, unless the calling app
 * holds a role that manages `objectType` scoped to that unit (roleShapes.ts; a tenant-wide role does not
 * count [D]).
 */
export function assertManageable(
  ctx: GraphContext,
  objectId: string,
  objectType: 'user' | 'group' | 'device',
): void {
  if (
    isManagementRestricted(ctx.store, objectId) &&
    !holdsUnitScopedRole(ctx.store, ctx.caller.servicePrincipalId, objectId, objectType)
  )
    throw restrictedManagementError(objectType)
}

/** The live unit named by the route's {id}: 400 for an id that is not a GUID, 404 when there is none. */
export function requireUnit(ctx: GraphContext): AdministrativeUnitBody {
  const id = ctx.params.id!
  const unit = ctx.store.get<AdministrativeUnitBody>(administrativeUnitKind, checkObjectId(id))
  if (unit === undefined) throw graphErrors.notFound(id)
  return unit
}
