// Applications: list, get, update and delete (soft delete into the directory's bin). Applications are
// created by instantiating the cross-tenant sync template (applicationTemplates.ts).
//
// LIMITATIONS:
// - POST /applications answers 501 (the emulator creates applications only from the template).
// - PATCH updates displayName, description, notes, tags and web; the other application properties
//   answer 501, read-only ones 400.
// - DELETE also soft-deletes the application's service principal in the same tenant (Entra does this
//   for the home tenant; the exact coupling is UNCONFIRMED). Listing and restoring deleted applications
//   through /directory/deletedItems is not served by this module.
// - With only Application.ReadWrite.OwnedBy, GET /applications lists the apps the caller owns.
// - $filter: id, appId, displayName (eq, in; displayName also startsWith), tags/any(t:t eq '...').
import { graphErrors } from '../../errors'
import type { Json } from '../../store/tenantStore'
import { recordAudit } from '../audit'
import type { GraphRoute } from '../context'
import type { FilterFields } from '../filter'
import { entity, noContent } from '../replies'

import {
  applicationCategory,
  applicationKind,
  applicationOwnersLink,
  applicationProperties,
  applicationShape,
  appReadPermissions,
  appWritePermissions,
  listedObjects,
  requireApplication,
  servicePrincipalKind,
} from './appShapes'
import {
  nonEmptyString,
  patchRoute,
  nullableString,
  stringArray,
  webSection,
  type PatchSpec,
} from './appPatch'
import { ctsTemplateId } from './ctsTemplate'
import { directoryList, type DirectoryListOptions } from './directoryList'
import { canonicalSelect } from './userShapes'

export const appFilterFields: FilterFields = {
  id: { type: 'guid', operators: ['eq', 'in'] },
  appId: { type: 'guid', operators: ['eq', 'in'] },
  displayName: { type: 'string', operators: ['eq', 'in', 'startsWith'] },
  tags: { type: 'stringCollection', operators: ['eq'] },
}

const listOptions: DirectoryListOptions = {
  contextPath: 'applications',
  typeName: 'application',
  properties: applicationProperties,
  filterFields: appFilterFields,
  orderable: { displayName: 'default' },
  defaultView: (body) => body,
  fullView: (body) => body,
}

const patchSpec: PatchSpec = {
  typeName: 'application',
  properties: applicationProperties,
  readOnly: ['id', 'appId', 'applicationTemplateId', 'createdDateTime', 'deletedDateTime', 'publisherDomain'],
  writable: {
    displayName: nonEmptyString,
    description: nullableString(1024),
    notes: nullableString(1024),
    tags: stringArray,
    web: webSection,
  },
}

export const applicationRoutes: GraphRoute[] = [
  {
    method: 'POST',
    path: '/applications',
    permissions: appWritePermissions,
    handle: () => {
      throw graphErrors.notImplemented(
        `POST /applications; create the cross-tenant sync application with POST /applicationTemplates/${ctsTemplateId}/instantiate`,
      )
    },
  },
  {
    method: 'GET',
    path: '/applications',
    permissions: appReadPermissions,
    query: ['$select', '$filter', '$top', '$skiptoken', '$count', '$orderby'],
    cost: 2,
    handle: (ctx) =>
      directoryList(
        canonicalSelect(ctx, applicationProperties),
        listedObjects(ctx, applicationKind, applicationOwnersLink),
        listOptions,
      ),
  },
  {
    method: 'GET',
    path: '/applications/{id}',
    permissions: appReadPermissions,
    query: ['$select'],
    handle: (ctx) =>
      entity(
        canonicalSelect(ctx, applicationProperties),
        applicationShape,
        requireApplication(ctx, ctx.params.id!, appReadPermissions),
      ),
  },
  patchRoute({
    path: '/applications/{id}',
    kind: applicationKind,
    spec: patchSpec,
    what: 'an application',
    auditName: 'application',
    targetType: 'Application',
    find: requireApplication,
  }),
  {
    method: 'DELETE',
    path: '/applications/{id}',
    permissions: appWritePermissions,
    handle: (ctx) => {
      const app = requireApplication(ctx, ctx.params.id!, appWritePermissions)
      const at = ctx.clock.now().toISOString()
      const id = String(app.id)
      ctx.store.softDelete(applicationKind, id, at)
      recordAudit(ctx, {
        category: applicationCategory,
        activityDisplayName: 'Delete application',
        operationType: 'Delete',
        target: { id, displayName: String(app.displayName), type: 'Application' },
      })
      const sp = ctx.store.list<Json>(servicePrincipalKind).find((s) => s.body.appId === app.appId)
      if (sp !== undefined) {
        ctx.store.softDelete(servicePrincipalKind, sp.id, at)
        recordAudit(ctx, {
          category: applicationCategory,
          activityDisplayName: 'Delete service principal',
          operationType: 'Delete',
          target: { id: sp.id, displayName: String(sp.body.displayName), type: 'ServicePrincipal' },
        })
      }
      return noContent()
    },
  },
]
