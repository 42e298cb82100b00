// Groups (graph-api.md §6.1): create with optional owners@odata.bind / members@odata.bind, list (paged,
// $select, $count), get, PATCH (204; members@odata.bind, at most 20, all or none), DELETE (soft or hard
// by group type). This module also gathers the group and administrative unit route families, delta
// first so /groups/delta is not taken for a group id.
//
// LIMITATIONS (known differences from Graph; UNCONFIRMED in the reference unless noted):
// - DELETE soft-deletes Microsoft 365 groups and, by default, security groups (the current v1.0 page
//   [D]; older pages say security groups are hard-deleted): PUT /_emulator/tenants/{t}/groupSettings
//   {"securityGroupDelete":"hard"} switches to the old behaviour. Mail-enabled non-Microsoft 365 groups
//   (only the admin API can make them) are always hard-deleted.
// - At most 20 owners@odata.bind plus members@odata.bind entries at creation ([D] on an older page);
//   the 400 messages for that and for more than 20 members@odata.bind on PATCH are the emulator's.
// - Dynamic membership, Exchange properties and licensing are not modelled (501). Creating a
//   mail-enabled group that is not a Microsoft 365 group gives Graph's observed 400 [3P]; a Microsoft 365
//   group with mailEnabled false, or a group neither mail- nor security-enabled, gives a 400.
// - A duplicate Microsoft 365 mailNickname gives 400 Request_BadRequest on proxyAddresses [3P].
// - A group in a restricted management AU refuses every app that does not hold a group-managing role
//   scoped to that unit (roleManagement.ts): PATCH, DELETE and member or owner changes answer 403
//   Authorization_RequestDenied with the portal's wording (status and code UNCONFIRMED, §6.3).
// - Messages the reference does not give: a missing required property, a read-only property, a
//   changed groupTypes or isAssignableToRole; "Invalid object identifier '...'" (400) for an id that is
//   not a GUID and "Invalid value specified for property '...' of resource 'Group'." are [3P].
// - Role-assignable groups: creation, member and owner changes and deletion need
//   RoleManagement.ReadWrite.Directory besides the route's permission (403 otherwise) [D].
// - $filter, $search and $orderby are not supported yet (501).
import { randomUUID } from 'node:crypto'
import { graphErrors } from '../../errors'
import type { TenantStore } from '../../store/tenantStore'
import { modifiedProperties, recordAudit } from '../audit'
import type { GraphContext, GraphRoute } from '../context'
import { entity, noContent } from '../replies'
import { requireObject } from '../validate'
import { administrativeUnitRoutes } from './administrativeUnits'
import { assertManageable, auMembersLink } from './administrativeUnitShapes'
import { duplicateReference, resolveReference, type DirectoryObject } from './directoryObjects'
import { directoryList } from './directoryList'
import { groupFilterFields } from './groupFilter'
import {
  addReference,
  assertGroupWritable,
  checkNewReference,
  groupMemberRoutes,
  type Relation,
} from './groupMembers'
import {
  groupKind,
  groupProperties,
  groupReadPermissions,
  groupSettings,
  groupShape,
  groupView,
  groupWritePermissions,
  isPlainSecurityGroup,
  isUnified,
  membersLink,
  newGroupBody,
  ownersLink,
  requireGroup,
  unifiedWithNickname,
  type GroupBody,
} from './groupShapes'
import { groupsDeltaRoutes } from './groupsDelta'
import { checkGroupBody, checkGroupTypeRules } from './groupValidate'

const maxBinds = 20

/** Resolves @odata.bind URLs; the same object twice in one request is a duplicate reference. */
function resolveBinds(ctx: GraphContext, binds: readonly unknown[], relation: Relation): DirectoryObject[] {
  const seen = new Set<string>()
  return binds.map((url) => {
    const object = resolveReference(ctx.store, url, `${relation}@odata.bind`)
    if (seen.has(object.id)) throw duplicateReference(relation)
    seen.add(object.id)
    return object
  })
}

function checkNicknameFree(ctx: GraphContext, group: GroupBody): void {
  if (
    isUnified(group) &&
    unifiedWithNickname(ctx.store, String(group.mailNickname), String(group.id)) !== undefined
  )
    throw graphErrors.badRequest(
      'Another object with the same value for property proxyAddresses already exists.',
    )
}

/** Removes a group and every relationship it takes part in (a hard delete). */
export function purgeGroup(store: TenantStore, id: string): void {
  for (const kind of [membersLink, ownersLink])
    for (const target of store.targets(kind, id)) store.unlink(kind, id, target)
  for (const kind of [membersLink, auMembersLink])
    for (const source of store.sources(kind, id)) store.unlink(kind, source, id)
  store.purge(groupKind, id)
}

const groupCrudRoutes: GraphRoute[] = [
  {
    method: 'POST',
    path: '/groups',
    permissions: groupWritePermissions,
    handle: (ctx) => {
      const { properties, memberBinds, ownerBinds } = checkGroupBody(
        requireObject(ctx.body, 'a group'),
        'create',
      )
      if (memberBinds.length + ownerBinds.length > maxBinds)
        throw graphErrors.badRequest(
          `At most ${maxBinds} owners and members can be bound when a group is created; add more with POST /groups/{id}/members/$ref.`,
        )
      const id = randomUUID()
      const base = newGroupBody(
        {
          id,
          displayName: String(properties.displayName),
          mailNickname: String(properties.mailNickname),
          mailEnabled: properties.mailEnabled === true,
          securityEnabled: properties.securityEnabled === true,
          groupTypes: (properties.groupTypes as string[] | undefined) ?? [],
        },
        ctx.tenant,
        ctx.clock.now(),
      )
      const group: GroupBody = { ...base, ...properties, groupTypes: base.groupTypes }
      checkGroupTypeRules(ctx, group, undefined)
      checkNicknameFree(ctx, group)
      const owners = resolveBinds(ctx, ownerBinds, 'owners')
      const members = resolveBinds(ctx, memberBinds, 'members')
      ctx.store.insert(groupKind, id, group)
      recordAudit(ctx, {
        category: 'GroupManagement',
        activityDisplayName: 'Add group',
        operationType: 'Add',
        target: { id, displayName: String(group.displayName), type: 'Group' },
        modifiedProperties: modifiedProperties(undefined, properties),
      })
      for (const [relation, objects] of [
        ['owners', owners],
        ['members', members],
      ] as const)
        for (const object of objects) {
          checkNewReference(ctx, group, relation, object)
          addReference(ctx, group, relation, object)
        }
      return entity(ctx, groupShape, groupView(ctx.store, group, false), 201)
    },
  },
  {
    method: 'GET',
    path: '/groups',
    permissions: groupReadPermissions,
    query: ['$select', '$top', '$skiptoken', '$count', '$filter', '$orderby'],
    cost: 2,
    handle: (ctx) =>
      directoryList(
        ctx,
        ctx.store.list<GroupBody>(groupKind).map((stored) => stored.body),
        {
          contextPath: 'groups',
          typeName: 'group',
          properties: groupProperties,
          filterFields: groupFilterFields,
          orderable: { displayName: 'default', createdDateTime: 'advanced' },
          defaultView: (group) => groupView(ctx.store, group, false),
          fullView: (group) => groupView(ctx.store, group, true),
        },
      ),
  },
  {
    method: 'GET',
    path: '/groups/{id}',
    permissions: groupReadPermissions,
    query: ['$select'],
    handle: (ctx) =>
      entity(
        ctx,
        groupShape,
        groupView(ctx.store, requireGroup(ctx, ctx.params.id!), ctx.query.select !== undefined),
      ),
  },
  {
    method: 'PATCH',
    path: '/groups/{id}',
    permissions: groupWritePermissions,
    handle: (ctx) => {
      const group = requireGroup(ctx, ctx.params.id!)
      const { properties, memberBinds } = checkGroupBody(requireObject(ctx.body, 'a group'), 'update')
      if (memberBinds.length > 0) assertGroupWritable(ctx, group)
      else assertManageable(ctx, String(group.id), 'group')
      if (memberBinds.length > maxBinds)
        throw graphErrors.badRequest(
          `At most ${maxBinds} members can be added in one request with members@odata.bind; got ${memberBinds.length}.`,
        )
      const updated: GroupBody = { ...group, ...properties }
      checkGroupTypeRules(ctx, updated, group)
      if (properties.mailNickname !== undefined) checkNicknameFree(ctx, updated)
      // Every entry is checked before any is linked: the request adds all of them or none (§6.2).
      const members = resolveBinds(ctx, memberBinds, 'members')
      for (const object of members) checkNewReference(ctx, group, 'members', object)
      if (Object.keys(properties).length > 0) {
        ctx.store.replace(groupKind, String(group.id), updated)
        recordAudit(ctx, {
          category: 'GroupManagement',
          activityDisplayName: 'Update group',
          operationType: 'Update',
          target: { id: String(group.id), displayName: String(updated.displayName), type: 'Group' },
          modifiedProperties: modifiedProperties(group, properties),
        })
      }
      for (const object of members) addReference(ctx, updated, 'members', object)
      return noContent()
    },
  },
  {
    method: 'DELETE',
    path: '/groups/{id}',
    permissions: groupWritePermissions,
    handle: (ctx) => {
      const group = requireGroup(ctx, ctx.params.id!)
      assertGroupWritable(ctx, group)
      const id = String(group.id)
      const hard =
        (group.mailEnabled === true && !isUnified(group)) ||
        (isPlainSecurityGroup(group) && groupSettings(ctx.store).securityGroupDelete === 'hard')
      const now = ctx.clock.now().toISOString()
      if (hard) purgeGroup(ctx.store, id)
      else {
        ctx.store.replace(groupKind, id, { ...group, deletedDateTime: now.replace(/\.\d{3}Z$/, 'Z') })
        ctx.store.softDelete(groupKind, id, now)
      }
      recordAudit(ctx, {
        category: 'GroupManagement',
        activityDisplayName: hard ? 'Hard Delete group' : 'Delete group',
        operationType: 'Delete',
        target: { id, displayName: String(group.displayName), type: 'Group' },
      })
      return noContent()
    },
  },
]

/** Every group and administrative unit route (one registration in routes/index.ts). */
export const groupAndUnitRoutes: GraphRoute[] = [
  ...groupsDeltaRoutes,
  ...groupCrudRoutes,
  ...groupMemberRoutes,
  ...administrativeUnitRoutes,
]
