// Group members and owners through $ref (graph-api.md §6.2): add (204), remove (204), list (with
// @odata.type on each item), and transitive members. The checks shared with POST and PATCH /groups
// (members@odata.bind) live here too, so every way in applies the same rules.
//
// LIMITATIONS (UNCONFIRMED in the reference, messages are the emulator's own unless noted):
// - Microsoft 365 and role-assignable groups refuse groups as members, owners must be users or service
//   principals, and a group cannot be its own member: 400 Request_BadRequest.
// - A group has at most 100 owners [D]; the 400 beyond it is the emulator's.
// - Removing the last owner of a Microsoft 365 group is refused with 400 ([3P] message); other groups
//   may lose their last owner.
// - Every member is listed whatever the caller may read of its type (Graph hides the properties of
//   types the app has no permission for); HiddenMembership is not enforced for app callers.
import { graphErrors } from '../../errors'
import { recordAudit } from '../audit'
import type { GraphContext, GraphRoute } from '../context'
import { noContent } from '../replies'
import { checkObjectId } from '../validate'
import { assertManageable } from './administrativeUnitShapes'
import {
  directoryObjectPage,
  duplicateReference,
  findDirectoryObject,
  linkedObjects,
  referencedObject,
  type DirectoryObject,
} from './directoryObjects'
import {
  isUnified,
  memberReadPermissions,
  membersLink,
  memberWritePermissions,
  ownersLink,
  requireGroup,
  roleManagementPermission,
  type GroupBody,
} from './groupShapes'

export type Relation = 'members' | 'owners'
const linkKinds: Readonly<Record<Relation, string>> = { members: membersLink, owners: ownersLink }
const maxOwners = 100

/** Role-assignable groups need RoleManagement.ReadWrite.Directory (§6.1); RMAU members refuse apps (§6.3). */
export function assertGroupWritable(ctx: GraphContext, group: GroupBody): void {
  if (group.isAssignableToRole === true && !ctx.caller.roles.includes(roleManagementPermission))
    throw graphErrors.forbidden()
  assertManageable(ctx, String(group.id), 'group')
}

/** Whether `object` may become a member or owner of `group` (duplicates included). */
export function checkNewReference(
  ctx: GraphContext,
  group: GroupBody,
  relation: Relation,
  object: DirectoryObject,
): void {
  const id = String(object.body.id)
  if (relation === 'members' && object.kind === 'group') {
    if (id === group.id) throw graphErrors.badRequest('A group cannot be added as a member of itself.')
    if (isUnified(group))
      throw graphErrors.badRequest('Microsoft 365 groups do not support groups as members.')
    if (group.isAssignableToRole === true)
      throw graphErrors.badRequest('Groups that are assignable to roles do not support groups as members.')
  }
  if (relation === 'owners') {
    if (object.kind === 'group')
      throw graphErrors.badRequest('Only users and service principals can own a group.')
    if (ctx.store.targets(ownersLink, String(group.id)).length >= maxOwners)
      throw graphErrors.badRequest(`A group can have at most ${maxOwners} owners.`)
  }
  if (ctx.store.hasLink(linkKinds[relation], String(group.id), id)) throw duplicateReference(relation)
}

const auditType = (object: DirectoryObject): string =>
  object.kind === 'servicePrincipal' ? 'ServicePrincipal' : object.kind === 'user' ? 'User' : 'Group'

/** Links `object` as a member or owner and records "Add member to group" / "Add owner to group". */
export function addReference(
  ctx: GraphContext,
  group: GroupBody,
  relation: Relation,
  object: DirectoryObject,
): void {
  ctx.store.link(linkKinds[relation], String(group.id), String(object.body.id))
  recordAudit(ctx, {
    category: 'GroupManagement',
    activityDisplayName: relation === 'members' ? 'Add member to group' : 'Add owner to group',
    operationType: 'Assign',
    target: { id: String(object.body.id), displayName: displayNameOf(object), type: auditType(object) },
    modifiedProperties: groupAuditProperties(group),
  })
}

const displayNameOf = (object: DirectoryObject): string | null =>
  typeof object.body.displayName === 'string' ? object.body.displayName : null

const groupAuditProperties = (group: GroupBody) => [
  { displayName: 'Group.ObjectID', oldValue: null, newValue: JSON.stringify(group.id) },
  { displayName: 'Group.DisplayName', oldValue: null, newValue: JSON.stringify(group.displayName) },
]

/** The live direct members (or owners), in the order they were added; unresolvable ids are skipped. */
export function liveTargets(ctx: GraphContext, relation: Relation, groupId: string): DirectoryObject[] {
  return linkedObjects(ctx.store, linkKinds[relation], groupId)
}

/** Members of nested groups too, each once (cycles are tolerated). */
function transitiveMembers(ctx: GraphContext, groupId: string): DirectoryObject[] {
  const seen = new Set<string>([groupId])
  const result: DirectoryObject[] = []
  const queue = [groupId]
  while (queue.length > 0) {
    for (const member of liveTargets(ctx, 'members', queue.shift()!)) {
      const id = String(member.body.id)
      if (seen.has(id)) continue
      seen.add(id)
      result.push(member)
      if (member.kind === 'group') queue.push(id)
    }
  }
  return result
}

function listRoute(
  segment: string,
  cost: number,
  list: (ctx: GraphContext, groupId: string) => DirectoryObject[],
): GraphRoute {
  return {
    method: 'GET',
    path: `/groups/{id}/${segment}`,
    permissions: memberReadPermissions,
    query: ['$select', '$top', '$skiptoken', '$count'],
    cost,
    handle: (ctx) => {
      const group = requireGroup(ctx, ctx.params.id!)
      return directoryObjectPage(ctx, list(ctx, String(group.id)))
    },
  }
}

function refRoutes(relation: Relation): GraphRoute[] {
  const verb = relation === 'members' ? 'member' : 'owner'
  return [
    {
      method: 'POST',
      path: `/groups/{id}/${relation}/$ref`,
      permissions: memberWritePermissions,
      handle: (ctx) => {
        const group = requireGroup(ctx, ctx.params.id!)
        assertGroupWritable(ctx, group)
        const object = referencedObject(ctx, `a ${verb} reference`)
        checkNewReference(ctx, group, relation, object)
        addReference(ctx, group, relation, object)
        return noContent()
      },
    },
    {
      method: 'DELETE',
      path: `/groups/{id}/${relation}/{memberId}/$ref`,
      permissions: memberWritePermissions,
      handle: (ctx) => {
        const group = requireGroup(ctx, ctx.params.id!)
        const memberId = checkObjectId(ctx.params.memberId!)
        assertGroupWritable(ctx, group)
        const groupId = String(group.id)
        if (!ctx.store.hasLink(linkKinds[relation], groupId, memberId))
          throw graphErrors.notFound(ctx.params.memberId!)
        if (relation === 'owners' && isUnified(group) && ctx.store.targets(ownersLink, groupId).length === 1)
          throw graphErrors.badRequest(
            'The group must have at least one owner, hence this owner cannot be removed.',
          )
        ctx.store.unlink(linkKinds[relation], groupId, memberId)
        const object = findDirectoryObject(ctx.store, memberId)
        recordAudit(ctx, {
          category: 'GroupManagement',
          activityDisplayName:
            relation === 'members' ? 'Remove member from group' : 'Remove owner from group',
          operationType: 'Unassign',
          target: {
            id: memberId,
            displayName: object === undefined ? null : displayNameOf(object),
            type: object === undefined ? 'Other' : auditType(object),
          },
          modifiedProperties: groupAuditProperties(group).map((p) => ({
            ...p,
            oldValue: p.newValue,
            newValue: null,
          })),
        })
        return noContent()
      },
    },
  ]
}

export const groupMemberRoutes: GraphRoute[] = [
  ...refRoutes('members'),
  ...refRoutes('owners'),
  listRoute('members', 3, (ctx, id) => liveTargets(ctx, 'members', id)),
  listRoute('transitiveMembers', 5, transitiveMembers),
  listRoute('owners', 1, (ctx, id) => liveTargets(ctx, 'owners', id)),
]
