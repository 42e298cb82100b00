// App role assignments on a resource service principal (graph-api.md §3.8): POST, GET and DELETE
// /servicePrincipals/{id}/appRoleAssignedTo. For cross-tenant sync these assignments (msiam_access)
// decide which users and groups are in scope.
//
// LIMITATIONS:
// - Graph pairs AppRoleAssignment.ReadWrite.All with Application.Read.All (UNCONFIRMED pairing); the
//   emulator asks for AppRoleAssignment.ReadWrite.All alone on writes.
// - The app role's allowedMemberTypes are not checked against the principal's type; a disabled app
//   role counts as not found. The all-zero default role id is accepted only on a service principal
//   that defines no app roles.
// - A resourceId that is not the service principal in the URL answers 400 Request_BadRequest with the
//   emulator's own message (UNCONFIRMED). Read-only members in the body (principalType, ...) answer 400.
// - Assignments are stored until deleted, whatever happens to the principal; the list shows only those
//   whose principal is live (Entra hides them while the principal is deleted). The provisioning engine
//   must check the principal's liveness the same way.
// - The audit activity and category follow the principal's type, as Entra's portal shows them ("Add
//   app role assignment grant to user" under UserManagement, "... to group" under GroupManagement,
//   "... to service principal" under ApplicationManagement); the reference does not list them.
// - The assignment id is 43 base64url characters, random (Graph derives it from the principal id).
import { randomBytes } from 'node:crypto'
import { graphErrors } from '../../errors'
import type { Json } from '../../store/tenantStore'
import { auditValue, recordAudit } from '../audit'
import type { GraphContext, GraphRoute } from '../context'
import { collection, entity, noContent, type EntityShape } from '../replies'
import { isGuid, onlyKnownProperties, requireObject } from '../validate'
import { appRoleAssignmentKind, enabledAppRole, requireServicePrincipal } from './appShapes'
import { findDirectoryObject, type DirectoryObjectKind } from './directoryObjects'
import { graphTime } from './userShapes'

const writePermissions = ['AppRoleAssignment.ReadWrite.All']
const readPermissions = [
  'Application.Read.All',
  'AppRoleAssignment.ReadWrite.All',
  'Application.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
]
const properties = [
  'id',
  'deletedDateTime',
  'appRoleId',
  'createdDateTime',
  'principalDisplayName',
  'principalId',
  'principalType',
  'resourceDisplayName',
  'resourceId',
]
const shape = (ctx: GraphContext): EntityShape => ({
  contextPath: `servicePrincipals('${ctx.params.id}')/appRoleAssignedTo`,
  properties,
  typeName: 'appRoleAssignment',
})
const defaultRoleId = '00000000-0000-0000-0000-000000000000'

const principalTypes: Readonly<Record<DirectoryObjectKind, string>> = {
  user: 'User',
  group: 'Group',
  servicePrincipal: 'ServicePrincipal',
}
const auditNames: Readonly<Record<string, { category: string; add: string; remove: string }>> = {
  User: {
    category: 'UserManagement',
    add: 'Add app role assignment grant to user',
    remove: 'Remove app role assignment from user',
  },
  Group: {
    category: 'GroupManagement',
    add: 'Add app role assignment to group',
    remove: 'Remove app role assignment from group',
  },
  ServicePrincipal: {
    category: 'ApplicationManagement',
    add: 'Add app role assignment to service principal',
    remove: 'Remove app role assignment from service principal',
  },
}

function requiredGuid(body: Json, name: string): string {
  const value = body[name]
  if (value === undefined || value === null)
    throw graphErrors.badRequest(`The property '${name}' is required to create an app role assignment.`)
  if (!isGuid(value))
    throw graphErrors.badRequest(`Invalid value for '${name}': ${JSON.stringify(value)}. Expected a GUID.`)
  return value.toLowerCase()
}

/** The live assignments to this service principal, in creation order. */
export function assignmentsTo(ctx: GraphContext, spId: string): Json[] {
  return ctx.store
    .list<Json>(appRoleAssignmentKind)
    .map((a) => a.body)
    .filter((a) => a.resourceId === spId)
}

function audit(ctx: GraphContext, assignment: Json, action: 'add' | 'remove'): void {
  const names = auditNames[String(assignment.principalType)] ?? auditNames.ServicePrincipal!
  recordAudit(ctx, {
    category: names.category,
    activityDisplayName: names[action],
    operationType: action === 'add' ? 'Assign' : 'Unassign',
    target: {
      id: String(assignment.principalId),
      displayName: assignment.principalDisplayName as string | null,
      type: String(assignment.principalType),
    },
    modifiedProperties: ['appRoleId', 'resourceId', 'resourceDisplayName'].map((name) => ({
      displayName: `AppRole.${name}`,
      oldValue: action === 'add' ? null : auditValue(assignment[name]),
      newValue: action === 'add' ? auditValue(assignment[name]) : null,
    })),
  })
}

export const appRoleAssignmentRoutes: GraphRoute[] = [
  {
    method: 'POST',
    path: '/servicePrincipals/{id}/appRoleAssignedTo',
    permissions: writePermissions,
    handle: (ctx) => {
      const sp = requireServicePrincipal(ctx, ctx.params.id!, writePermissions)
      const body = requireObject(ctx.body, 'an app role assignment')
      onlyKnownProperties(body, properties, 'appRoleAssignment')
      for (const name of Object.keys(body))
        if (!['principalId', 'resourceId', 'appRoleId'].includes(name) && !name.startsWith('@odata.'))
          throw graphErrors.badRequest(`Property '${name}' is read-only and cannot be set.`)
      const principalId = requiredGuid(body, 'principalId')
      const resourceId = requiredGuid(body, 'resourceId')
      const appRoleId = requiredGuid(body, 'appRoleId')
      const spId = String(sp.id)
      if (resourceId !== spId)
        throw graphErrors.badRequest(
          `The resourceId '${resourceId}' must be the id of the service principal in the request URL ('${spId}').`,
        )
      const principal = findDirectoryObject(ctx.store, principalId)
      if (principal === undefined) throw graphErrors.notFound(principalId)
      const roles = Array.isArray(sp.appRoles) ? sp.appRoles : []
      const knownRole =
        enabledAppRole(sp, appRoleId) !== undefined || (appRoleId === defaultRoleId && roles.length === 0)
      if (!knownRole) throw graphErrors.badRequest('Permission being assigned was not found on application.')
      const duplicate = assignmentsTo(ctx, spId).some(
        (a) => a.principalId === principalId && a.appRoleId === appRoleId,
      )
      if (duplicate) throw graphErrors.badRequest('Permission being assigned already exists on the object.')
      const assignment: Json = {
        id: randomBytes(32).toString('base64url'),
        deletedDateTime: null,
        appRoleId,
        createdDateTime: graphTime(ctx.clock.now()),
        principalDisplayName: principal.body.displayName ?? null,
        principalId,
        principalType: principalTypes[principal.kind],
        resourceDisplayName: sp.displayName ?? null,
        resourceId: spId,
      }
      ctx.store.insert(appRoleAssignmentKind, String(assignment.id), assignment)
      audit(ctx, assignment, 'add')
      return entity(ctx, shape(ctx), assignment, 201)
    },
  },
  {
    method: 'GET',
    path: '/servicePrincipals/{id}/appRoleAssignedTo',
    permissions: readPermissions,
    query: ['$select', '$top', '$skiptoken'],
    handle: (ctx) => {
      const sp = requireServicePrincipal(ctx, ctx.params.id!, readPermissions)
      const live = assignmentsTo(ctx, String(sp.id)).filter(
        (a) => findDirectoryObject(ctx.store, String(a.principalId)) !== undefined,
      )
      return collection(ctx, shape(ctx), live)
    },
  },
  {
    method: 'DELETE',
    path: '/servicePrincipals/{id}/appRoleAssignedTo/{assignmentId}',
    permissions: writePermissions,
    handle: (ctx) => {
      const sp = requireServicePrincipal(ctx, ctx.params.id!, writePermissions)
      const assignmentId = ctx.params.assignmentId!
      const assignment = ctx.store.get<Json>(appRoleAssignmentKind, assignmentId)
      if (assignment === undefined || assignment.resourceId !== sp.id)
        throw graphErrors.notFound(assignmentId)
      ctx.store.purge(appRoleAssignmentKind, assignmentId)
      audit(ctx, assignment, 'remove')
      return noContent()
    },
  },
]
