// Shapes shared by the application, service principal and app role assignment routes
// (graph-api.md §3.2, §3.8): store kinds, properties, permissions, and the owner rule of
// Application.ReadWrite.OwnedBy.
//
// Store bodies (read by the provisioning engine):
// - kind 'application', id = object id: the Graph application exactly as GET shows it.
// - kind 'servicePrincipal', id = object id: the Graph servicePrincipal exactly as GET shows it,
//   including appId, appRoles, appRoleAssignmentRequired and applicationTemplateId.
// - kind 'appRoleAssignment', id = assignment id: the Graph appRoleAssignment ({id, appRoleId,
//   principalId, principalType 'User'|'Group'|'ServicePrincipal', principalDisplayName, resourceId,
//   resourceDisplayName, createdDateTime, deletedDateTime}); resourceId is the service principal.
// - links 'application.owners' / 'servicePrincipal.owners': object id -> the calling app's service
//   principal id, recorded when an app creates the object (what OwnedBy checks).
import { graphErrors } from '../../errors'
import type { Json } from '../../store/tenantStore'
import type { GraphContext } from '../context'
import type { EntityShape } from '../replies'
import { checkObjectId } from '../validate'

export const applicationKind = 'application'
export const servicePrincipalKind = 'servicePrincipal'
export const appRoleAssignmentKind = 'appRoleAssignment'
export const applicationOwnersLink = 'application.owners'
export const servicePrincipalOwnersLink = 'servicePrincipal.owners'

export const ownedBy = 'Application.ReadWrite.OwnedBy'
export const appReadPermissions = [
  'Application.Read.All',
  ownedBy,
  'Application.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
]
export const appWritePermissions = [ownedBy, 'Application.ReadWrite.All', 'Directory.ReadWrite.All']

export const applicationProperties = [
  'id',
  'deletedDateTime',
  'appId',
  'applicationTemplateId',
  'createdDateTime',
  'description',
  'disabledByMicrosoftStatus',
  'displayName',
  'groupMembershipClaims',
  'identifierUris',
  'info',
  'isDeviceOnlyAuthSupported',
  'isFallbackPublicClient',
  'notes',
  'publisherDomain',
  'serviceManagementReference',
  'signInAudience',
  'tags',
  'tokenEncryptionKeyId',
  'addIns',
  'api',
  'appRoles',
  'keyCredentials',
  'optionalClaims',
  'parentalControlSettings',
  'passwordCredentials',
  'publicClient',
  'requiredResourceAccess',
  'spa',
  'verifiedPublisher',
  'web',
]

export const servicePrincipalProperties = [
  'id',
  'deletedDateTime',
  'accountEnabled',
  'addIns',
  'alternativeNames',
  'appDescription',
  'appDisplayName',
  'appId',
  'applicationTemplateId',
  'appOwnerOrganizationId',
  'appRoleAssignmentRequired',
  'appRoles',
  'description',
  'disabledByMicrosoftStatus',
  'displayName',
  'homepage',
  'info',
  'keyCredentials',
  'loginUrl',
  'logoutUrl',
  'notes',
  'notificationEmailAddresses',
  'oauth2PermissionScopes',
  'passwordCredentials',
  'preferredSingleSignOnMode',
  'preferredTokenSigningKeyThumbprint',
  'replyUrls',
  'resourceSpecificApplicationPermissions',
  'samlSingleSignOnSettings',
  'servicePrincipalNames',
  'servicePrincipalType',
  'signInAudience',
  'tags',
  'tokenEncryptionKeyId',
  'verifiedPublisher',
]

export const applicationShape: EntityShape = {
  contextPath: 'applications',
  properties: applicationProperties,
  typeName: 'application',
}
export const servicePrincipalShape: EntityShape = {
  contextPath: 'servicePrincipals',
  properties: servicePrincipalProperties,
  typeName: 'servicePrincipal',
}

export const applicationCategory = 'ApplicationManagement'

/**
 * Application.ReadWrite.OwnedBy reaches only objects the calling app owns: when it is the only one of
 * the route's permissions the token has, the object must be owned by the caller, else 403.
 */
export function requireOwnerIfOwnedByOnly(
  ctx: GraphContext,
  routePermissions: readonly string[],
  ownersLink: string,
  objectId: string,
): void {
  if (!ownedByOnly(ctx, routePermissions)) return
  if (!ctx.store.hasLink(ownersLink, objectId, ctx.caller.servicePrincipalId)) throw graphErrors.forbidden()
}

/** The live objects of `kind` a list shows: all, or with only Application.ReadWrite.OwnedBy, those the caller owns. */
export function listedObjects(ctx: GraphContext, kind: string, ownersLink: string): Json[] {
  let objects = ctx.store.list<Json>(kind)
  if (ownedByOnly(ctx, appReadPermissions))
    objects = objects.filter((o) => ctx.store.hasLink(ownersLink, o.id, ctx.caller.servicePrincipalId))
  return objects.map((o) => o.body)
}

export function ownedByOnly(ctx: GraphContext, routePermissions: readonly string[]): boolean {
  const granted = routePermissions.filter((p) => ctx.caller.roles.includes(p))
  return granted.length === 1 && granted[0] === ownedBy
}

export function requireApplication(ctx: GraphContext, id: string, permissions: readonly string[]): Json {
  const key = checkObjectId(id)
  const app = ctx.store.get<Json>(applicationKind, key)
  if (app === undefined) throw graphErrors.notFound(id)
  requireOwnerIfOwnedByOnly(ctx, permissions, applicationOwnersLink, key)
  return app
}

export function requireServicePrincipal(ctx: GraphContext, id: string, permissions: readonly string[]): Json {
  const key = checkObjectId(id)
  const sp = ctx.store.get<Json>(servicePrincipalKind, key)
  if (sp === undefined) throw graphErrors.notFound(id)
  requireOwnerIfOwnedByOnly(ctx, permissions, servicePrincipalOwnersLink, key)
  return sp
}

/** The app role a service principal defines with this id, if it is enabled. */
export function enabledAppRole(sp: Json, appRoleId: string): Json | undefined {
  const roles = Array.isArray(sp.appRoles) ? (sp.appRoles as Json[]) : []
  return roles.find((r) => String(r.id).toLowerCase() === appRoleId.toLowerCase() && r.isEnabled === true)
}
