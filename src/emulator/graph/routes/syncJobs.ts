// Synchronization jobs of a service principal (graph-api.md §3.5-§3.6): create (born disabled and
// paused, with the default schema), list, get, delete, start, pause and restart. The cycles themselves
// are the provisioning engine's (src/emulator/provisioning); these routes only move the job's schedule
// and status (syncShapes.ts), and record when it was started for the engine's scheduler.
//
// LIMITATIONS (UNCONFIRMED in the reference):
// - One job per template per service principal: a second POST for Azure2Azure answers 400
//   Request_BadRequest. A templateId that is not one of the service principal's templates answers 400.
// - POST accepts templateId only: schedule and synchronizationJobSettings answer 501, id, status and
//   schema 400 (read-only).
// - A missing job answers 404 Request_ResourceNotFound (the synchronization service's own error code
//   is not documented).
// - pause sets schedule.state Disabled and status.code Paused (the born state); start and restart set
//   schedule.state Active and status.code NotRun (Active once a cycle has run), clear quarantine (restart:
//   with QuarantineState, Full or ForceDeletes in the scope) and put the documented lastExecution
//   placeholder when there was none.
// - restart with no criteria (or no resetScope) means Escrows, Watermark, QuarantineState, the portal's
//   "Restart provisioning"; scope names are case-sensitive.
// - start, pause and restart take no other body members; start and pause accept no body or {}.
// - Audit activities (ProvisioningManagement, "Account Provisioning"): "Add provisioning
//   configuration", "Delete provisioning configuration", "Start provisioning", "Pause provisioning",
//   "Restart provisioning" are the emulator's names.
import { graphErrors } from '../../errors'
import type { Json } from '../../store/tenantStore'
import { recordAudit, type AuditEntry } from '../audit'
import type { GraphContext, GraphRoute } from '../context'
import { collection, entity, noContent, type EntityShape } from '../replies'
import { checkObject, fail, onlyKnownProperties, requireObject } from '../validate'
import { connectorStateKind } from '../../provisioning/connectorState'
import { defaultSyncSchema } from './defaultSyncSchema'
import {
  newJob,
  newJobId,
  placeholderExecution,
  provisioningAudit,
  requireJob,
  requireSyncSp,
  resetScopes,
  syncJobKey,
  syncJobKind,
  syncReadPermissions,
  syncSchemaKind,
  syncTemplates,
  syncWritePermissions,
  unsetTime,
  type ResetScope,
  type SyncJobRecord,
} from './syncShapes'

const jobs = '/servicePrincipals/{id}/synchronization/jobs'
const jobShape = (ctx: GraphContext): EntityShape => ({
  contextPath: `servicePrincipals('${ctx.params.id}')/synchronization/jobs`,
  properties: ['id', 'templateId', 'schedule', 'status', 'synchronizationJobSettings'],
  typeName: 'synchronizationJob',
})

function jobsOf(ctx: GraphContext, spId: string): SyncJobRecord[] {
  return ctx.store
    .list<SyncJobRecord>(syncJobKind)
    .map((r) => r.body)
    .filter((r) => r.servicePrincipalId === spId)
}

function audit(
  ctx: GraphContext,
  sp: Json,
  activity: string,
  op: AuditEntry['operationType'],
  jobId: string,
): void {
  recordAudit(ctx, {
    ...provisioningAudit,
    activityDisplayName: activity,
    operationType: op,
    target: { id: String(sp.id), displayName: String(sp.displayName), type: 'ServicePrincipal' },
    modifiedProperties: [{ displayName: 'JobId', oldValue: null, newValue: jobId }],
  })
}

function noBody(ctx: GraphContext, action: string): void {
  if (ctx.body === undefined) return
  const body = requireObject(ctx.body, `${action} of a synchronization job`)
  onlyKnownProperties(body, [], `synchronizationJob.${action}`)
}

const hasRun = (status: Json): boolean => {
  const last = status.lastExecution as Json | null
  return last !== null && last !== undefined && last.timeBegan !== unsetTime
}

/** start and restart: the schedule runs again, the job waits for (or resumes) its cycles. */
function activate(job: Json, clearQuarantine: boolean): Json {
  const status = { ...(job.status as Json) }
  if (clearQuarantine) status.quarantine = null
  const quarantined = status.quarantine !== null && status.quarantine !== undefined
  status.code = quarantined ? 'Quarantine' : hasRun(status) ? 'Active' : 'NotRun'
  status.lastExecution ??= placeholderExecution()
  return { ...job, schedule: { ...(job.schedule as Json), state: 'Active' }, status }
}

function parseResetScope(body: unknown): ResetScope[] {
  const fallback: ResetScope[] = ['Escrows', 'Watermark', 'QuarantineState']
  if (body === undefined) return fallback
  const request = requireObject(body, 'restart of a synchronization job')
  onlyKnownProperties(request, ['criteria'], 'synchronizationJob.restart')
  const criteria = request.criteria
  if (criteria !== undefined)
    checkObject(criteria, 'criteria', { resetScope: () => undefined }, 'synchronizationJobRestartCriteria')
  const text = criteria === null || criteria === undefined ? undefined : (criteria as Json).resetScope
  if (text === undefined || text === null || text === '') return fallback
  if (typeof text !== 'string')
    fail('criteria.resetScope', text, `a comma-separated string of ${resetScopes.join(', ')}`)
  return [
    ...new Set(
      text.split(',').map((part) => {
        const name = part.trim()
        if (!resetScopes.includes(name as ResetScope))
          fail('criteria.resetScope', name, `a comma-separated list of ${resetScopes.join(', ')}`)
        return name as ResetScope
      }),
    ),
  ]
}

function saveJob(ctx: GraphContext, spId: string, record: SyncJobRecord): void {
  ctx.store.replace(syncJobKind, syncJobKey(spId, String(record.job.id)), record)
}

export const syncJobRoutes: GraphRoute[] = [
  {
    method: 'POST',
    path: jobs,
    permissions: syncWritePermissions,
    handle: (ctx) => {
      const sp = requireSyncSp(ctx, syncWritePermissions)
      const body = requireObject(ctx.body, 'a synchronization job')
      onlyKnownProperties(body, [...jobShape(ctx).properties, 'schema'], 'synchronizationJob')
      for (const name of ['id', 'status', 'schema'])
        if (body[name] !== undefined)
          throw graphErrors.badRequest(`Property '${name}' is read-only and cannot be set.`)
      for (const name of ['schedule', 'synchronizationJobSettings'])
        if (body[name] !== undefined)
          throw graphErrors.notImplemented(`setting '${name}' when creating a synchronization job`)
      const templateId = body.templateId
      if (typeof templateId !== 'string')
        throw graphErrors.badRequest("The property 'templateId' is required.")
      const templates = syncTemplates(sp).map((t) => String(t.id))
      if (!templates.includes(templateId))
        throw graphErrors.badRequest(
          `The template '${templateId}' is not a synchronization template of this service principal (templates: ${templates.join(', ') || 'none'}).`,
        )
      const spId = String(sp.id)
      const existing = jobsOf(ctx, spId).find((r) => r.job.templateId === templateId)
      if (existing !== undefined)
        throw graphErrors.badRequest(
          `A synchronization job for template '${templateId}' already exists on this service principal: '${String(existing.job.id)}'.`,
        )
      const job = newJob(newJobId(ctx.tenant.id))
      const jobId = String(job.id)
      const record: SyncJobRecord = { servicePrincipalId: spId, job, pendingRestart: null }
      ctx.store.insert(syncJobKind, syncJobKey(spId, jobId), record)
      ctx.store.insert(syncSchemaKind, syncJobKey(spId, jobId), defaultSyncSchema(jobId))
      audit(ctx, sp, 'Add provisioning configuration', 'Add', jobId)
      return entity(ctx, jobShape(ctx), job, 201)
    },
  },
  {
    method: 'GET',
    path: jobs,
    permissions: syncReadPermissions,
    handle: (ctx) => {
      const sp = requireSyncSp(ctx, syncReadPermissions)
      return collection(
        ctx,
        jobShape(ctx),
        jobsOf(ctx, String(sp.id)).map((r) => r.job),
      )
    },
  },
  {
    method: 'GET',
    path: `${jobs}/{jobId}`,
    permissions: syncReadPermissions,
    handle: (ctx) =>
      entity(ctx, jobShape(ctx), requireJob(ctx, String(requireSyncSp(ctx, syncReadPermissions).id)).job),
  },
  {
    method: 'DELETE',
    path: `${jobs}/{jobId}`,
    permissions: syncWritePermissions,
    handle: (ctx) => {
      const sp = requireSyncSp(ctx, syncWritePermissions)
      const spId = String(sp.id)
      const jobId = String(requireJob(ctx, spId).job.id)
      ctx.store.purge(syncJobKind, syncJobKey(spId, jobId))
      ctx.store.purge(syncSchemaKind, syncJobKey(spId, jobId))
      // The job's connector state goes with it; the users it provisioned stay in the target (§3.8).
      ctx.store.purge(connectorStateKind, syncJobKey(spId, jobId))
      audit(ctx, sp, 'Delete provisioning configuration', 'Delete', jobId)
      return noContent()
    },
  },
  {
    method: 'POST',
    path: `${jobs}/{jobId}/start`,
    permissions: syncWritePermissions,
    handle: (ctx) => {
      const sp = requireSyncSp(ctx, syncWritePermissions)
      const record = requireJob(ctx, String(sp.id))
      noBody(ctx, 'start')
      saveJob(ctx, String(sp.id), {
        ...record,
        job: activate(record.job, true),
        activatedDateTime: ctx.clock.now().toISOString(),
      })
      audit(ctx, sp, 'Start provisioning', 'Update', String(record.job.id))
      return noContent()
    },
  },
  {
    method: 'POST',
    path: `${jobs}/{jobId}/pause`,
    permissions: syncWritePermissions,
    handle: (ctx) => {
      const sp = requireSyncSp(ctx, syncWritePermissions)
      const record = requireJob(ctx, String(sp.id))
      noBody(ctx, 'pause')
      const job = record.job
      const paused: Json = {
        ...job,
        schedule: { ...(job.schedule as Json), state: 'Disabled' },
        status: { ...(job.status as Json), code: 'Paused' },
      }
      saveJob(ctx, String(sp.id), { ...record, job: paused })
      audit(ctx, sp, 'Pause provisioning', 'Update', String(job.id))
      return noContent()
    },
  },
  {
    method: 'POST',
    path: `${jobs}/{jobId}/restart`,
    permissions: syncWritePermissions,
    handle: (ctx) => {
      const sp = requireSyncSp(ctx, syncWritePermissions)
      const record = requireJob(ctx, String(sp.id))
      const resetScope = parseResetScope(ctx.body)
      const lifts = resetScope.some((s) => s === 'QuarantineState' || s === 'Full' || s === 'ForceDeletes')
      saveJob(ctx, String(sp.id), {
        ...record,
        job: activate(record.job, lifts),
        pendingRestart: { resetScope, requestedDateTime: ctx.clock.now().toISOString() },
        activatedDateTime: ctx.clock.now().toISOString(),
      })
      audit(ctx, sp, 'Restart provisioning', 'Update', String(record.job.id))
      return noContent()
    },
  },
]
