// A user's manager: PUT/DELETE /users/{id}/manager/$ref, GET /users/{id}/manager and $expand=manager.
// Stored as one link of kind 'user.manager' (user -> manager); the provisioning engine reads it.
//
// LIMITATIONS (UNCONFIRMED in the reference): making a user their own manager answers 400
// Request_BadRequest; DELETE with no manager set answers 404 Request_ResourceNotFound naming 'manager';
// the audit records are "Update user" with a modified property 'Manager'; only users can be managers
// (Graph also allows organizational contacts).
import { graphErrors } from '../../errors'
import { recordAudit } from '../audit'
import type { GraphContext, GraphRoute } from '../context'
import { project } from '../odata'
import { entity, noContent, type EntityShape } from '../replies'
import { isGuid, requireObject, type Body } from '../validate'
import {
  canonicalSelect,
  defaultUserView,
  managerLinkKind,
  publicBody,
  requireUser,
  userKind,
  userProperties,
  userReadPermissions,
  userView,
  userWritePermissions,
  type UserBody,
} from './userShapes'

const managerShape: EntityShape = {
  contextPath: 'directoryObjects',
  properties: userProperties,
  typeName: 'user',
}

/** The live manager of a user, if any (a soft-deleted manager is not shown). */
export function currentManager(ctx: GraphContext, userId: string): UserBody | undefined {
  for (const managerId of ctx.store.targets(managerLinkKind, userId)) {
    const manager = ctx.store.get<UserBody>(userKind, managerId)
    if (manager !== undefined) return manager
  }
  return undefined
}

/**
 * The manager to put in a GET /users/{id} answer when $expand=manager is asked for, else undefined.
 * $expand is read from the raw query: odata.ts splits on commas, which breaks manager($select=a,b).
 */
export function expandManager(ctx: GraphContext, user: UserBody): Body | undefined {
  let raw: string | undefined
  for (const [name, value] of ctx.query.raw) if (name.toLowerCase() === '$expand') raw = value
  if (raw === undefined) return undefined
  const match = /^\s*manager\s*(?:\(\s*\$select\s*=\s*([^)]*)\))?\s*$/i.exec(raw)
  if (match === null)
    throw graphErrors.notImplemented(`$expand=${raw} on users (only manager can be expanded)`)
  const manager = currentManager(ctx, String(user.id))
  if (manager === undefined) return undefined
  const innerSelect = match[1]
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  const view =
    innerSelect === undefined
      ? defaultUserView(manager)
      : project(publicBody(manager), innerSelect, userProperties, 'user')
  return { '@odata.type': '#microsoft.graph.user', ...view }
}

/** The object id in an @odata.id such as https://graph.microsoft.com/v1.0/users/{id}. */
function referencedId(body: Body): string {
  for (const name of Object.keys(body))
    if (name !== '@odata.id')
      throw graphErrors.badRequest(
        `The property '${name}' does not exist on a reference; the body must be {"@odata.id": ".../directoryObjects/{id}"}.`,
      )
  const ref = body['@odata.id']
  if (typeof ref !== 'string')
    throw graphErrors.badRequest("The property '@odata.id' is required for a reference.")
  let segments: string[]
  try {
    segments = new URL(ref, 'https://graph.microsoft.com/v1.0/').pathname.split('/').filter((s) => s !== '')
  } catch {
    segments = []
  }
  const id = decodeURIComponent(segments.at(-1) ?? '')
  const set = segments.at(-2)?.toLowerCase()
  if (!isGuid(id) || (set !== 'users' && set !== 'directoryobjects'))
    throw graphErrors.badRequest(
      `Invalid URL format specified in @odata.id: '${ref}'. Expected https://graph.microsoft.com/v1.0/directoryObjects/{id}.`,
    )
  return id.toLowerCase()
}

/** Replaces the user's manager links (`previous`) with `managerId` (none for null), audited as 'Update user'. */
function setManager(
  ctx: GraphContext,
  user: UserBody,
  previous: readonly string[],
  managerId: string | null,
): void {
  const userId = String(user.id)
  for (const old of previous) ctx.store.unlink(managerLinkKind, userId, old)
  if (managerId !== null) ctx.store.link(managerLinkKind, userId, managerId)
  recordAudit(ctx, {
    category: 'UserManagement',
    activityDisplayName: 'Update user',
    operationType: 'Update',
    target: { id: userId, displayName: String(user.displayName), type: 'User' },
    modifiedProperties: [{ displayName: 'Manager', oldValue: previous[0] ?? null, newValue: managerId }],
  })
}

export const managerRoutes: GraphRoute[] = [
  {
    method: 'GET',
    path: '/users/{id}/manager',
    permissions: userReadPermissions,
    query: ['$select'],
    handle: (ctx) => {
      const selected = canonicalSelect(ctx, userProperties)
      const user = requireUser(selected, ctx.params.id!)
      const manager = currentManager(selected, String(user.id))
      if (manager === undefined) throw graphErrors.notFound('manager')
      return entity(selected, managerShape, {
        '@odata.type': '#microsoft.graph.user',
        ...userView(selected, manager),
      })
    },
  },
  {
    method: 'PUT',
    path: '/users/{id}/manager/$ref',
    permissions: userWritePermissions,
    handle: (ctx) => {
      const user = requireUser(ctx, ctx.params.id!)
      const userId = String(user.id)
      const managerId = referencedId(requireObject(ctx.body, 'a manager reference'))
      const manager = ctx.store.get<UserBody>(userKind, managerId)
      if (manager === undefined) throw graphErrors.notFound(managerId)
      if (managerId === userId) throw graphErrors.badRequest('A user cannot be their own manager.')
      setManager(ctx, user, ctx.store.targets(managerLinkKind, userId), managerId)
      return noContent()
    },
  },
  {
    method: 'DELETE',
    path: '/users/{id}/manager/$ref',
    permissions: userWritePermissions,
    handle: (ctx) => {
      const user = requireUser(ctx, ctx.params.id!)
      const previous = ctx.store.targets(managerLinkKind, String(user.id))
      if (previous.length === 0) throw graphErrors.notFound('manager')
      setManager(ctx, user, previous, null)
      return noContent()
    },
  },
]
