// Service principals: list, get, update and delete (soft delete into the directory's bin).
//
// LIMITATIONS:
// - The only service principals are those instantiating the cross-tenant sync template creates: the
//   client apps of the admin API and first-party apps (Microsoft Graph, ...) are not listed.
// - The alternate key form /servicePrincipals(appId='{appId}') is not routed (the router matches
//   whole segments); it answers 400 BadRequest naming the segment.
// - POST /servicePrincipals answers 501.
// - PATCH updates accountEnabled, appRoleAssignmentRequired, description, displayName, homepage,
//   loginUrl, logoutUrl, notes, notificationEmailAddresses, preferredSingleSignOnMode and tags; other
//   properties answer 501, read-only ones 400.
// - DELETE leaves the service principal's app role assignments and synchronization state stored; they
//   are unreachable while it is deleted. Listing and restoring deleted service principals through
//   /directory/deletedItems is not served by this module.
// - With only Application.ReadWrite.OwnedBy, GET /servicePrincipals lists the ones the caller owns.
// - $filter: id, appId, displayName (eq, in; displayName also startsWith), servicePrincipalType and
//   applicationTemplateId (eq), tags/any(t:t eq '...').
import { graphErrors } from '../../errors'
import { recordAudit } from '../audit'
import type { GraphRoute } from '../context'
import type { FilterFields } from '../filter'
import { entity, noContent } from '../replies'
import { checkEnum } from '../validate'
import {
  applicationCategory,
  appReadPermissions,
  appWritePermissions,
  listedObjects,
  requireServicePrincipal,
  servicePrincipalKind,
  servicePrincipalOwnersLink,
  servicePrincipalProperties,
  servicePrincipalShape,
} from './appShapes'
import {
  boolean,
  nonEmptyString,
  nullableString,
  nullableUrl,
  patchRoute,
  stringArray,
  type PatchSpec,
} from './appPatch'
import { appFilterFields } from './applications'
import { directoryList, type DirectoryListOptions } from './directoryList'
import { canonicalSelect } from './userShapes'

const filterFields: FilterFields = {
  ...appFilterFields,
  servicePrincipalType: { type: 'string', operators: ['eq'] },
  applicationTemplateId: { type: 'guid', operators: ['eq'] },
}

const listOptions: DirectoryListOptions = {
  contextPath: 'servicePrincipals',
  typeName: 'servicePrincipal',
  properties: servicePrincipalProperties,
  filterFields,
  orderable: { displayName: 'default' },
  defaultView: (body) => body,
  fullView: (body) => body,
}

const patchSpec: PatchSpec = {
  typeName: 'servicePrincipal',
  properties: servicePrincipalProperties,
  readOnly: [
    'id',
    'appId',
    'appDisplayName',
    'applicationTemplateId',
    'appOwnerOrganizationId',
    'deletedDateTime',
    'servicePrincipalType',
    'signInAudience',
  ],
  writable: {
    accountEnabled: boolean,
    appRoleAssignmentRequired: boolean,
    description: nullableString(1024),
    displayName: nonEmptyString,
    homepage: nullableUrl,
    loginUrl: nullableUrl,
    logoutUrl: nullableUrl,
    notes: nullableString(1024),
    notificationEmailAddresses: stringArray,
    preferredSingleSignOnMode: (v, p) => {
      if (v !== null) checkEnum(v, p, ['password', 'saml', 'notSupported', 'oidc'])
    },
    tags: stringArray,
  },
}

export const servicePrincipalRoutes: GraphRoute[] = [
  {
    method: 'POST',
    path: '/servicePrincipals',
    permissions: appWritePermissions,
    handle: () => {
      throw graphErrors.notImplemented(
        'POST /servicePrincipals; the cross-tenant sync template instantiation creates the service principal',
      )
    },
  },
  {
    method: 'GET',
    path: '/servicePrincipals',
    permissions: appReadPermissions,
    query: ['$select', '$filter', '$top', '$skiptoken', '$count', '$orderby'],
    handle: (ctx) =>
      directoryList(
        canonicalSelect(ctx, servicePrincipalProperties),
        listedObjects(ctx, servicePrincipalKind, servicePrincipalOwnersLink),
        listOptions,
      ),
  },
  {
    method: 'GET',
    path: '/servicePrincipals/{id}',
    permissions: appReadPermissions,
    query: ['$select'],
    handle: (ctx) =>
      entity(
        canonicalSelect(ctx, servicePrincipalProperties),
        servicePrincipalShape,
        requireServicePrincipal(ctx, ctx.params.id!, appReadPermissions),
      ),
  },
  patchRoute({
    path: '/servicePrincipals/{id}',
    kind: servicePrincipalKind,
    spec: patchSpec,
    what: 'a service principal',
    auditName: 'service principal',
    targetType: 'ServicePrincipal',
    find: requireServicePrincipal,
  }),
  {
    method: 'DELETE',
    path: '/servicePrincipals/{id}',
    permissions: appWritePermissions,
    handle: (ctx) => {
      const sp = requireServicePrincipal(ctx, ctx.params.id!, appWritePermissions)
      ctx.store.softDelete(servicePrincipalKind, String(sp.id), ctx.clock.now().toISOString())
      recordAudit(ctx, {
        category: applicationCategory,
        activityDisplayName: 'Delete service principal',
        operationType: 'Delete',
        target: { id: String(sp.id), displayName: String(sp.displayName), type: 'ServicePrincipal' },
      })
      return noContent()
    },
  },
]
