// Users: create, list, get (by id or userPrincipalName, #EXT# included), update and soft delete
// (graph-api.md §5.2-5.4, §7.2, §7.3, §7.11). This module also gathers the whole users family
// (delta, manager, invitations, deleted items) into `userRoutes`, with /users/delta ahead of /users/{id}.
//
// LIMITATIONS (differences from Graph, or UNCONFIRMED in the reference):
// - The only verified domain is the tenant's initial domain; any other UPN domain is refused.
// - Messages for a missing required property ("Property 'x' is required when creating a user.") and
//   for invalid values follow Graph's style but are UNCONFIRMED word for word.
// - identities, proxyAddresses and the other read-only properties cannot be written (Graph allows
//   identities for B2C local accounts); assignedLicenses, extensions, photos and the many other user
//   properties and navigations are not modelled: $select or a body naming them gets a 400.
// - $count=true without `ConsistencyLevel: eventual` is refused with 400 (Graph silently ignores it).
// - $expand supports manager only (with an optional inner $select); $search is not supported (501).
// - isManagementRestricted is not modelled.
// - The manager link survives the user's soft delete and restore; only a purge removes it.
import { randomUUID } from 'node:crypto'
import { modifiedProperties, recordAudit } from '../audit'
import type { GraphContext, GraphRoute, Reply } from '../context'
import { entity, noContent } from '../replies'
import { requireObject, type Body } from '../validate'
import { directoryList } from './directoryList'
import { deletedItemRoutes } from './deletedItems'
import { invitationRoutes } from './invitations'
import { expandManager, managerRoutes } from './userManager'
import { usersDeltaRoutes } from './usersDelta'
import {
  canonicalSelect,
  defaultUserView,
  findUserByUpn,
  graphTime,
  newUserBody,
  publicBody,
  requireUser,
  upnConflict,
  userDeletePermissions,
  userFilterFields,
  userKind,
  userProperties,
  userReadPermissions,
  userShape,
  userView,
  userWritePermissions,
  type UserBody,
} from './userShapes'
import { checkUserBody } from './userValidate'

const category = 'UserManagement'

const userList = {
  contextPath: 'users',
  typeName: 'user',
  properties: userProperties,
  filterFields: userFilterFields,
  orderable: { displayName: 'default', userPrincipalName: 'default', createdDateTime: 'advanced' },
  defaultView: defaultUserView,
  fullView: publicBody,
} as const

function getUser(ctx: GraphContext): Reply {
  const selected = canonicalSelect(ctx, userProperties)
  const user = requireUser(selected, ctx.params.id!)
  const reply = entity(selected, userShape, userView(selected, user))
  // An expanded manager is shown even when $select does not name it, as Graph does.
  const manager = expandManager(selected, user)
  if (manager !== undefined) (reply.body as Body).manager = manager
  return reply
}

const userCrudRoutes: GraphRoute[] = [
  {
    method: 'POST',
    path: '/users',
    permissions: userWritePermissions,
    handle: (ctx) => {
      const properties = checkUserBody(requireObject(ctx.body, 'a user'), ctx.tenant, 'create')
      if (findUserByUpn(ctx.store, String(properties.userPrincipalName)) !== undefined) upnConflict()
      const id = randomUUID()
      const user = newUserBody({ id, now: ctx.clock.now(), tenant: ctx.tenant, properties })
      ctx.store.insert(userKind, id, user)
      recordAudit(ctx, {
        category,
        activityDisplayName: 'Add user',
        operationType: 'Add',
        target: { id, displayName: String(user.displayName), type: 'User' },
        modifiedProperties: modifiedProperties(undefined, properties),
      })
      return entity(ctx, userShape, defaultUserView(user), 201)
    },
  },
  {
    method: 'GET',
    path: '/users',
    permissions: userReadPermissions,
    query: ['$select', '$filter', '$top', '$skiptoken', '$count', '$orderby'],
    cost: 2,
    handle: (ctx) =>
      directoryList(
        canonicalSelect(ctx, userProperties),
        ctx.store.list<UserBody>(userKind).map((u) => u.body),
        userList,
      ),
  },
  {
    method: 'GET',
    path: '/users/{id}',
    permissions: userReadPermissions,
    query: ['$select', '$expand'],
    handle: getUser,
  },
  {
    method: 'PATCH',
    path: '/users/{id}',
    permissions: userWritePermissions,
    handle: (ctx) => {
      const user = requireUser(ctx, ctx.params.id!)
      const changes = checkUserBody(requireObject(ctx.body, 'a user'), ctx.tenant, 'update')
      const updated: UserBody = { ...user, ...changes }
      const upn = changes.userPrincipalName
      if (typeof upn === 'string' && upn.toLowerCase() !== String(user.userPrincipalName).toLowerCase()) {
        if (findUserByUpn(ctx.store, upn) !== undefined) upnConflict()
        // The sign-in identity follows the UPN, as Entra keeps it.
        updated.identities = (Array.isArray(user.identities) ? (user.identities as Body[]) : []).map(
          (identity) =>
            identity.signInType === 'userPrincipalName' ? { ...identity, issuerAssignedId: upn } : identity,
        )
      }
      ctx.store.replace(userKind, String(user.id), updated)
      recordAudit(ctx, {
        category,
        activityDisplayName: 'Update user',
        operationType: 'Update',
        target: { id: String(user.id), displayName: String(updated.displayName), type: 'User' },
        modifiedProperties: modifiedProperties(user, changes),
      })
      return noContent()
    },
  },
  {
    method: 'DELETE',
    path: '/users/{id}',
    permissions: userDeletePermissions,
    handle: (ctx) => {
      const user = requireUser(ctx, ctx.params.id!)
      const id = String(user.id)
      const now = graphTime(ctx.clock.now())
      ctx.store.replace(userKind, id, { ...user, deletedDateTime: now })
      ctx.store.softDelete(userKind, id, now)
      recordAudit(ctx, {
        category,
        activityDisplayName: 'Delete user',
        operationType: 'Delete',
        target: { id, displayName: String(user.displayName), type: 'User' },
      })
      return noContent()
    },
  },
]

/** The users family, in matching order: /users/delta must come before /users/{id}. */
export const userRoutes: GraphRoute[] = [
  ...usersDeltaRoutes,
  ...userCrudRoutes,
  ...managerRoutes,
  ...invitationRoutes,
  ...deletedItemRoutes,
]
