// Administrative unit members through $ref (graph-api.md §6.3): add (204), remove (204) and list. A
// restricted management AU accepts users, devices and security groups only (not Microsoft 365 or
// mail-enabled groups). Managing the unit's membership stays allowed for apps even for RMAUs.
//
// LIMITATIONS (UNCONFIRMED in the reference; the 400 messages are the emulator's):
// - A service principal, or a Microsoft 365 or mail-enabled group for a restricted unit, gives 400
//   Request_BadRequest. Devices are not modelled, so a device reference is a 404.
// - visibility 'HiddenMembership' does not hide members from app callers.
import { graphErrors } from '../../errors'
import { recordAudit } from '../audit'
import type { GraphContext, GraphRoute } from '../context'
import { noContent } from '../replies'
import { checkObjectId } from '../validate'
import {
  auMembersLink,
  auReadPermissions,
  auWritePermissions,
  requireUnit,
  type AdministrativeUnitBody,
} from './administrativeUnitShapes'
import {
  directoryObjectPage,
  duplicateReference,
  findDirectoryObject,
  linkedObjects,
  referencedObject,
  type DirectoryObject,
} from './directoryObjects'
import { isPlainSecurityGroup } from './groupShapes'

const base = '/directory/administrativeUnits/{id}/members'

function checkMemberType(unit: AdministrativeUnitBody, object: DirectoryObject): void {
  if (object.kind === 'servicePrincipal')
    throw graphErrors.badRequest('Only users, groups and devices can be members of an administrative unit.')
  if (
    unit.isMemberManagementRestricted === true &&
    object.kind === 'group' &&
    !isPlainSecurityGroup(object.body)
  )
    throw graphErrors.badRequest(
      'A restricted management administrative unit accepts users, devices and security groups only; Microsoft 365 groups and mail-enabled groups cannot be added.',
    )
}

function audit(
  ctx: GraphContext,
  unit: AdministrativeUnitBody,
  memberId: string,
  object: DirectoryObject | undefined,
  adding: boolean,
): void {
  const restricted = unit.isMemberManagementRestricted === true
  const unitText = restricted ? 'restricted management administrative unit' : 'administrative unit'
  const unitProperties = [
    { displayName: 'AdministrativeUnit.ObjectID', value: JSON.stringify(unit.id) },
    { displayName: 'AdministrativeUnit.DisplayName', value: JSON.stringify(unit.displayName) },
  ]
  recordAudit(ctx, {
    category: 'AdministrativeUnit',
    activityDisplayName: adding ? `Add member to ${unitText}` : `Remove member from ${unitText}`,
    operationType: adding ? 'Add' : 'Delete',
    target: {
      id: memberId,
      displayName: typeof object?.body.displayName === 'string' ? object.body.displayName : null,
      type: object === undefined ? 'Other' : object.kind === 'user' ? 'User' : 'Group',
    },
    modifiedProperties: unitProperties.map((p) => ({
      displayName: p.displayName,
      oldValue: adding ? null : p.value,
      newValue: adding ? p.value : null,
    })),
  })
}

export const administrativeUnitMemberRoutes: GraphRoute[] = [
  {
    method: 'POST',
    path: `${base}/$ref`,
    permissions: auWritePermissions,
    handle: (ctx) => {
      const unit = requireUnit(ctx)
      const object = referencedObject(ctx, 'a member reference')
      checkMemberType(unit, object)
      if (ctx.store.hasLink(auMembersLink, String(unit.id), object.id)) throw duplicateReference('members')
      ctx.store.link(auMembersLink, String(unit.id), object.id)
      audit(ctx, unit, object.id, object, true)
      return noContent()
    },
  },
  {
    method: 'DELETE',
    path: `${base}/{memberId}/$ref`,
    permissions: auWritePermissions,
    handle: (ctx) => {
      const unit = requireUnit(ctx)
      const memberId = checkObjectId(ctx.params.memberId!)
      if (!ctx.store.unlink(auMembersLink, String(unit.id), memberId))
        throw graphErrors.notFound(ctx.params.memberId!)
      audit(ctx, unit, memberId, findDirectoryObject(ctx.store, memberId), false)
      return noContent()
    },
  },
  {
    method: 'GET',
    path: base,
    permissions: auReadPermissions,
    query: ['$select', '$top', '$skiptoken', '$count'],
    handle: (ctx) => {
      const unit = requireUnit(ctx)
      return directoryObjectPage(ctx, linkedObjects(ctx.store, auMembersLink, String(unit.id)))
    },
  },
]
