// Directory role definitions and assignments through unified RBAC (graph-api.md §6.3):
// GET /roleManagement/directory/roleDefinitions[/{id}], POST, GET (list with $filter, by id) and DELETE
// /roleManagement/directory/roleAssignments. An assignment scoped to a restricted management unit
// ('/administrativeUnits/{id}') is what lets an app change the unit's members (roleShapes.ts).
//
// Why unified RBAC and not /directory/administrativeUnits/{id}/scopedRoleMembers: scopedRoleMembers
// names an activated directoryRole, and activating one is permanent in a tenant, so a stack that used
// it could not leave the tenant as it found it. scopedRoleMembers stays unmodelled (501).
//
// LIMITATIONS (UNCONFIRMED in the reference; messages are the emulator's):
// - Only the built-in roles in roleShapes.ts; custom role definitions answer 501.
// - directoryScopeId '/' and '/administrativeUnits/{id}' (a live unit) only; an application scope
//   ('/{appObjectId}') and appScopeId answer 501. conditions are refused (400).
// - A role that cannot be scoped to a unit, a unit that does not exist, or a principal that is not a
//   live user, group or service principal: 400 Request_BadRequest.
// - The same role, principal and scope twice: 409 with Graph's "conflicting object" text (Entra's
//   exact reply is UNCONFIRMED).
// - $filter on principalId, roleDefinitionId and directoryScopeId (eq, and); no $expand.
// - Assignments scoped to a unit that is later deleted stay listed (what Entra does is UNCONFIRMED);
//   they grant nothing, as the unit has no members.
// - The emulator's client apps (made by the admin API, the callers of every test) are not listed under
//   /servicePrincipals; their service principal ids (the tokens' oid) are accepted as principals.
// - Ids are 43 random base64url characters plus '-1', the form Entra's ids have (derived there).
import { randomBytes } from 'node:crypto'
import { clientAppKind, type ClientApp } from '../../auth/clientApps'
import { graphErrors } from '../../errors'
import type { Json } from '../../store/tenantStore'
import { recordAudit } from '../audit'
import type { GraphContext, GraphRoute } from '../context'
import { compileFilter, type FilterFields } from '../filter'
import { collection, entity, noContent } from '../replies'
import { isGuid, onlyKnownProperties, requireObject } from '../validate'
import { administrativeUnitKind } from './administrativeUnitShapes'
import { findDirectoryObject } from './directoryObjects'
import {
  builtInRoles,
  findRole,
  roleAssignmentKind,
  roleAssignmentShape,
  roleDefinitionShape,
  roleDefinitionView,
  unitScope,
  type BuiltInRole,
} from './roleShapes'

const base = '/roleManagement/directory'
const writePermissions = ['RoleManagement.ReadWrite.Directory']
const readPermissions = [
  'RoleManagement.Read.Directory',
  'RoleManagement.Read.All',
  'RoleManagement.ReadWrite.Directory',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
]
const idField = { type: 'string', operators: ['eq'] } as const
const filterFields: FilterFields = {
  principalId: idField,
  roleDefinitionId: idField,
  directoryScopeId: idField,
}

/** A live user, group or service principal, or a client app's service principal (see LIMITATIONS). */
const isPrincipal = (ctx: GraphContext, id: string): boolean =>
  findDirectoryObject(ctx.store, id) !== undefined ||
  ctx.store.list<ClientApp>(clientAppKind).some((app) => app.body.servicePrincipalId === id.toLowerCase())

function requireRole(id: string): BuiltInRole {
  const role = findRole(id)
  if (role === undefined) throw graphErrors.notFound(id)
  return role
}

/** The body of a new assignment, every reference checked: nothing is stored when one fails. */
function checkAssignment(ctx: GraphContext): { role: BuiltInRole; principalId: string; scope: string } {
  const body = requireObject(ctx.body, 'a role assignment')
  onlyKnownProperties(
    body,
    ['@odata.type', 'principalId', 'roleDefinitionId', 'directoryScopeId', 'appScopeId', 'condition'],
    'unifiedRoleAssignment',
  )
  if (body.appScopeId !== undefined && body.appScopeId !== null)
    throw graphErrors.notImplemented('role assignments with an appScopeId')
  if (body.condition !== undefined && body.condition !== null)
    throw graphErrors.badRequest('Conditions on directory role assignments are not supported here.')
  for (const name of ['principalId', 'roleDefinitionId', 'directoryScopeId'])
    if (typeof body[name] !== 'string' || body[name] === '')
      throw graphErrors.badRequest(`The property '${name}' is required when creating a role assignment.`)
  const roleId = String(body.roleDefinitionId)
  const role = findRole(roleId)
  if (role === undefined)
    throw graphErrors.badRequest(`The role definition '${roleId}' does not exist in this tenant.`)
  const principalId = String(body.principalId)
  if (!isGuid(principalId) || !isPrincipal(ctx, principalId))
    throw graphErrors.badRequest(
      `The principal '${principalId}' is not a user, group or service principal of this tenant.`,
    )
  const scope = String(body.directoryScopeId)
  if (scope === '/') return { role, principalId: principalId.toLowerCase(), scope }
  const unit = /^\/administrativeUnits\/([^/]+)$/i.exec(scope)?.[1]
  if (unit === undefined) throw graphErrors.notImplemented(`directoryScopeId '${scope}'`)
  if (!isGuid(unit) || ctx.store.get<Json>(administrativeUnitKind, unit.toLowerCase()) === undefined)
    throw graphErrors.badRequest(`The administrative unit '${unit}' in directoryScopeId does not exist.`)
  if (!role.unitScopable)
    throw graphErrors.badRequest(
      `The role '${role.displayName}' cannot be assigned at an administrative unit scope.`,
    )
  return { role, principalId: principalId.toLowerCase(), scope: unitScope(unit.toLowerCase()) }
}

function requireAssignment(ctx: GraphContext): Json {
  const assignment = ctx.store.get<Json>(roleAssignmentKind, ctx.params.id!)
  if (assignment === undefined) throw graphErrors.notFound(ctx.params.id!)
  return assignment
}

const audit = (ctx: GraphContext, assignment: Json, role: BuiltInRole | undefined, add: boolean): void =>
  recordAudit(ctx, {
    category: 'RoleManagement',
    activityDisplayName:
      String(assignment.directoryScopeId) === '/'
        ? `${add ? 'Add' : 'Remove'} member ${add ? 'to' : 'from'} role`
        : `${add ? 'Add' : 'Remove'} member ${add ? 'to' : 'from'} role scoped over Restricted Management Administrative Unit`,
    operationType: add ? 'Assign' : 'Unassign',
    target: { id: String(assignment.principalId), type: 'ServicePrincipal' },
    modifiedProperties: [
      { displayName: 'Role.DisplayName', oldValue: null, newValue: role?.displayName ?? null },
      { displayName: 'Role.Scope', oldValue: null, newValue: String(assignment.directoryScopeId) },
    ],
  })

export const roleManagementRoutes: GraphRoute[] = [
  {
    method: 'GET',
    path: `${base}/roleDefinitions`,
    permissions: readPermissions,
    query: ['$select'],
    handle: (ctx) => collection(ctx, roleDefinitionShape, builtInRoles.map(roleDefinitionView)),
  },
  {
    method: 'GET',
    path: `${base}/roleDefinitions/{id}`,
    permissions: readPermissions,
    query: ['$select'],
    handle: (ctx) => entity(ctx, roleDefinitionShape, roleDefinitionView(requireRole(ctx.params.id!))),
  },
  {
    method: 'POST',
    path: `${base}/roleDefinitions`,
    permissions: writePermissions,
    handle: () => {
      throw graphErrors.notImplemented('custom role definitions')
    },
  },
  {
    method: 'POST',
    path: `${base}/roleAssignments`,
    permissions: writePermissions,
    handle: (ctx) => {
      const { role, principalId, scope } = checkAssignment(ctx)
      const duplicate = ctx.store
        .list<Json>(roleAssignmentKind)
        .some(
          ({ body }) =>
            body.principalId === principalId &&
            body.roleDefinitionId === role.id &&
            body.directoryScopeId === scope,
        )
      if (duplicate) throw graphErrors.conflictingObject()
      const id = `${randomBytes(32).toString('base64url')}-1`
      const assignment = {
        id,
        principalId,
        roleDefinitionId: role.id,
        directoryScopeId: scope,
        appScopeId: null,
        condition: null,
      }
      ctx.store.insert(roleAssignmentKind, id, assignment)
      audit(ctx, assignment, role, true)
      return entity(ctx, roleAssignmentShape, assignment, 201)
    },
  },
  {
    method: 'GET',
    path: `${base}/roleAssignments`,
    permissions: readPermissions,
    query: ['$select', '$filter', '$top', '$skiptoken'],
    handle: (ctx) => {
      const keep =
        ctx.query.filter === undefined
          ? () => true
          : compileFilter(ctx.query.filter, filterFields, {
              advanced: false,
              typeName: 'unifiedRoleAssignment',
            })
      const assignments = ctx.store.list<Json>(roleAssignmentKind).map((s) => s.body)
      return collection(ctx, roleAssignmentShape, assignments.filter(keep))
    },
  },
  {
    method: 'GET',
    path: `${base}/roleAssignments/{id}`,
    permissions: readPermissions,
    query: ['$select'],
    handle: (ctx) => entity(ctx, roleAssignmentShape, requireAssignment(ctx)),
  },
  {
    method: 'DELETE',
    path: `${base}/roleAssignments/{id}`,
    permissions: writePermissions,
    handle: (ctx) => {
      const assignment = requireAssignment(ctx)
      ctx.store.purge(roleAssignmentKind, String(assignment.id))
      audit(ctx, assignment, findRole(assignment.roleDefinitionId), false)
      return noContent()
    },
  },
]
