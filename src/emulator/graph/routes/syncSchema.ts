// A synchronization job's schema (graph-api.md §3.7): GET, and PUT which replaces the whole schema.
// The default schema is in defaultSyncSchema.ts, the checks of a PUT in syncSchemaValidate.ts.
//
// LIMITATIONS (UNCONFIRMED in the reference):
// - The default schema's rule id, mapping order and list, directory definitions and constant spellings
//   (defaultSyncSchema.ts). Only one rule (USER_INBOUND_USER) with one User object mapping is accepted.
// - schemaInvalid errors are 400 with code schemaInvalid in Graph's usual envelope; their messages are
//   the emulator's. Besides the documented matching-attribute rule, an unknown rule id, a rule reading
//   or writing other directories, a second object mapping or a non-User one, an attribute or scoping
//   operand no directory defines and a target attribute mapped twice are schemaInvalid.
// - directories must come back as GET returned them (501 otherwise: attribute discovery and custom
//   attributes are not modelled). version is kept as sent.
// - Scoping operators accepted: see filterOperators in syncScopeFilter.ts.
// - The template-level schema (PUT /applications/{id}/synchronization/templates/{templateId}/schema)
//   answers 501.
// - Audit activity "Update attribute mappings or scope" (ProvisioningManagement) is the emulator's name.
import { graphErrors } from '../../errors'
import type { Json } from '../../store/tenantStore'
import { recordAudit } from '../audit'
import type { GraphContext, GraphRoute } from '../context'
import { entity, noContent, type EntityShape } from '../replies'
import { appWritePermissions } from './appShapes'
import { checkSchemaPut } from './syncSchemaValidate'
import {
  provisioningAudit,
  requireJob,
  requireSyncSp,
  syncJobKey,
  syncReadPermissions,
  syncSchemaKind,
  syncWritePermissions,
} from './syncShapes'

const path = '/servicePrincipals/{id}/synchronization/jobs/{jobId}/schema'
const shape = (ctx: GraphContext): EntityShape => ({
  contextPath: `servicePrincipals('${ctx.params.id}')/synchronization/jobs('${ctx.params.jobId}')/schema`,
  properties: ['id', 'version', 'synchronizationRules', 'directories'],
  typeName: 'synchronizationSchema',
})

/** The job's stored schema (created with the job). */
export function jobSchema(ctx: GraphContext, spId: string, jobId: string): Json {
  const schema = ctx.store.get<Json>(syncSchemaKind, syncJobKey(spId, jobId))
  if (schema === undefined) throw graphErrors.notFound(jobId)
  return schema
}

export const syncSchemaRoutes: GraphRoute[] = [
  {
    method: 'GET',
    path,
    permissions: syncReadPermissions,
    handle: (ctx) => {
      const spId = String(requireSyncSp(ctx, syncReadPermissions).id)
      const jobId = String(requireJob(ctx, spId).job.id)
      return entity(ctx, shape(ctx), jobSchema(ctx, spId, jobId))
    },
  },
  {
    method: 'PUT',
    path,
    permissions: syncWritePermissions,
    handle: (ctx) => {
      const sp = requireSyncSp(ctx, syncWritePermissions)
      const spId = String(sp.id)
      const jobId = String(requireJob(ctx, spId).job.id)
      const stored = jobSchema(ctx, spId, jobId)
      const schema = checkSchemaPut(ctx.body, jobId, stored)
      ctx.store.replace(syncSchemaKind, syncJobKey(spId, jobId), schema)
      recordAudit(ctx, {
        ...provisioningAudit,
        activityDisplayName: 'Update attribute mappings or scope',
        operationType: 'Update',
        target: { id: spId, displayName: String(sp.displayName), type: 'ServicePrincipal' },
        modifiedProperties: [{ displayName: 'JobId', oldValue: null, newValue: jobId }],
      })
      return noContent()
    },
  },
  {
    method: 'PUT',
    path: '/applications/{id}/synchronization/templates/{templateId}/schema',
    permissions: appWritePermissions,
    handle: () => {
      throw graphErrors.notImplemented(
        'template-level synchronization schemas; PUT the job schema at /servicePrincipals/{id}/synchronization/jobs/{jobId}/schema',
      )
    },
  },
]
