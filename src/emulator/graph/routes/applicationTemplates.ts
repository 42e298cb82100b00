// Application templates (graph-api.md §3.2): only the cross-tenant synchronization template is
// served. Instantiating it creates the application and its service principal, owned by the caller.
//
// LIMITATIONS:
// - Only template 518e5f48-1fc8-4c48-9387-9fdf28b0dfe7; any other id is 404 Request_ResourceNotFound
//   and listing the gallery (GET /applicationTemplates) is 501.
// - GET /applicationTemplates/{id} needs no permission in Graph (any valid token); the emulator's
//   pipeline needs one, so it accepts any Application.*, Directory.* or Synchronization.* permission.
// - The template's members other than id and homePageUrl are UNCONFIRMED (displayName
//   "Cross-tenant synchronization", supportedProvisioningTypes ["sync"], ...).
// - Whether Application.ReadWrite.OwnedBy suffices for a gallery template is UNCONFIRMED; it does here,
//   and the calling app becomes owner of both objects (what later OwnedBy calls check).
// - The instantiated objects are readable at once (no replication lag; Graph's portal says up to 15 s).
// - serviceManagementReference (instantiate's optional body member) is refused with 400.
import { graphErrors } from '../../errors'
import { modifiedProperties, recordAudit } from '../audit'
import type { GraphRoute } from '../context'
import { entity, type EntityShape } from '../replies'
import { onlyKnownProperties, requireObject } from '../validate'
import {
  appReadPermissions,
  applicationCategory,
  applicationKind,
  applicationOwnersLink,
  appWritePermissions,
  servicePrincipalKind,
  servicePrincipalOwnersLink,
} from './appShapes'
import { ctsTemplate, ctsTemplateId, instantiateCts } from './ctsTemplate'

const templateShape: EntityShape = {
  contextPath: 'applicationTemplates',
  properties: Object.keys(ctsTemplate()),
  typeName: 'applicationTemplate',
}
const anyAppPermission = [
  ...appReadPermissions,
  'Synchronization.Read.All',
  'Synchronization.ReadWrite.All',
  'AppRoleAssignment.ReadWrite.All',
]

function requireCtsTemplate(id: string): void {
  if (id.toLowerCase() !== ctsTemplateId) throw graphErrors.notFound(id)
}

export const applicationTemplateRoutes: GraphRoute[] = [
  {
    method: 'GET',
    path: '/applicationTemplates',
    permissions: anyAppPermission,
    handle: () => {
      throw graphErrors.notImplemented(
        `listing the application gallery; only GET /applicationTemplates/${ctsTemplateId} (cross-tenant synchronization) is served`,
      )
    },
  },
  {
    method: 'GET',
    path: '/applicationTemplates/{id}',
    permissions: anyAppPermission,
    query: ['$select'],
    handle: (ctx) => {
      requireCtsTemplate(ctx.params.id!)
      return entity(ctx, templateShape, ctsTemplate())
    },
  },
  {
    method: 'POST',
    path: '/applicationTemplates/{id}/instantiate',
    permissions: appWritePermissions,
    handle: (ctx) => {
      requireCtsTemplate(ctx.params.id!)
      const body = requireObject(ctx.body, 'instantiating an application template')
      onlyKnownProperties(body, ['displayName'], 'applicationTemplate.instantiate')
      const displayName = body.displayName
      if (typeof displayName !== 'string' || displayName.trim() === '')
        throw graphErrors.badRequest(
          "The parameter 'displayName' is required and must be a non-empty string.",
        )
      const { application, servicePrincipal } = instantiateCts(displayName, ctx.tenant, ctx.clock.now())
      const appObjectId = String(application.id)
      const spId = String(servicePrincipal.id)
      ctx.store.insert(applicationKind, appObjectId, application)
      ctx.store.insert(servicePrincipalKind, spId, servicePrincipal)
      ctx.store.link(applicationOwnersLink, appObjectId, ctx.caller.servicePrincipalId)
      ctx.store.link(servicePrincipalOwnersLink, spId, ctx.caller.servicePrincipalId)
      recordAudit(ctx, {
        category: applicationCategory,
        activityDisplayName: 'Add application',
        operationType: 'Add',
        target: { id: appObjectId, displayName, type: 'Application' },
        modifiedProperties: modifiedProperties(undefined, {
          AppId: application.appId,
          DisplayName: displayName,
          ApplicationTemplateId: ctsTemplateId,
        }),
      })
      recordAudit(ctx, {
        category: applicationCategory,
        activityDisplayName: 'Add service principal',
        operationType: 'Add',
        target: { id: spId, displayName, type: 'ServicePrincipal' },
        modifiedProperties: modifiedProperties(undefined, {
          AppId: servicePrincipal.appId,
          AccountEnabled: true,
        }),
      })
      return {
        status: 201,
        body: {
          '@odata.context': `${ctx.serviceRoot}/$metadata#microsoft.graph.applicationServicePrincipal`,
          application,
          servicePrincipal,
        },
      }
    },
  },
]
