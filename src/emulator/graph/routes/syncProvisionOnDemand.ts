// POST .../jobs/{jobId}/provisionOnDemand (graph-api.md §3.5): the request is checked and rate
// limited as Graph documents (5 requests per 10 s per job), then the provisioning engine provisions
// the subjects now (provisioning/onDemand.ts) and the answer is 200 with a stringKeyStringValuePair
// whose value is a JSON *string* (key "Microsoft.Identity.Health.CPP.Common.DataContracts.SyncFabric.StatusInfo").
//
// LIMITATIONS:
// - The rate limit counts every request that reaches an existing job (throttled ones excepted) in a
//   sliding 10 s window of the emulator's clock, per job, in memory (a restart forgets it). The 429's
//   code TooManyRequests and message follow §7.5's generic shape; Graph's exact answer is UNCONFIRMED.
// - subjects[].objectTypeName must be User (group provisioning on demand is a preview not modelled);
//   a subject that is not a live user of the tenant answers 404 Request_ResourceNotFound. At most one parameter with at most 5 subjects
//   (Graph's limits here are UNCONFIRMED).
import { GraphError, graphErrors } from '../../errors'
import type { Store } from '../../store/store'
import { provisionOnDemand } from '../../provisioning/onDemand'
import type { Json } from '../../store/tenantStore'
import type { GraphContext, GraphRoute } from '../context'
import { checkEnum, fail, isGuid, onlyKnownProperties, requireObject } from '../validate'
import { jobSchema } from './syncSchema'
import { requireJob, requireSyncSp, syncJobKey, syncWritePermissions } from './syncShapes'

export const provisionOnDemandLimit = { requests: 5, windowMs: 10_000 }

/** Accepted request times per job, per emulator (keyed by its Store, so emulators in one process stay apart). */
const windows = new WeakMap<Store, Map<string, number[]>>()

function throttle(ctx: GraphContext, key: string): void {
  let perJob = windows.get(ctx.allTenants)
  if (perJob === undefined) {
    perJob = new Map()
    windows.set(ctx.allTenants, perJob)
  }
  const now = ctx.clock.now().getTime()
  const recent = (perJob.get(key) ?? []).filter((t) => t > now - provisionOnDemandLimit.windowMs)
  if (recent.length >= provisionOnDemandLimit.requests) {
    perJob.set(key, recent)
    const retryAfter = Math.max(1, Math.ceil((recent[0]! + provisionOnDemandLimit.windowMs - now) / 1000))
    throw new GraphError(429, 'TooManyRequests', 'Please retry again later.', undefined, {
      'Retry-After': String(retryAfter),
    })
  }
  recent.push(now)
  perJob.set(key, recent)
}

function checkRequest(body: unknown, ruleIds: readonly string[]): void {
  const request = requireObject(body, 'provisionOnDemand')
  onlyKnownProperties(request, ['parameters'], 'synchronizationJob.provisionOnDemand')
  const parameters = request.parameters
  if (!Array.isArray(parameters) || parameters.length !== 1)
    fail('parameters', parameters, 'an array with one synchronizationJobApplicationParameters')
  const parameter = requireObject(parameters[0], 'parameters[0]')
  onlyKnownProperties(parameter, ['ruleId', 'subjects'], 'synchronizationJobApplicationParameters')
  if (typeof parameter.ruleId !== 'string' || !ruleIds.includes(parameter.ruleId))
    fail('parameters[0].ruleId', parameter.ruleId, `a rule id of the job's schema (${ruleIds.join(', ')})`)
  const subjects = parameter.subjects
  if (!Array.isArray(subjects) || subjects.length < 1 || subjects.length > 5)
    fail('parameters[0].subjects', subjects, 'an array of 1 to 5 synchronizationJobSubject')
  subjects.forEach((item, i) => {
    const subject = requireObject(item, `parameters[0].subjects[${i}]`)
    onlyKnownProperties(subject, ['objectId', 'objectTypeName', 'links'], 'synchronizationJobSubject')
    if (!isGuid(subject.objectId)) fail(`parameters[0].subjects[${i}].objectId`, subject.objectId, 'a GUID')
    checkEnum(subject.objectTypeName, `parameters[0].subjects[${i}].objectTypeName`, ['User'])
    if (subject.links !== undefined && subject.links !== null)
      throw graphErrors.notImplemented('subjects[].links in provisionOnDemand (group member links)')
  })
}

export const syncProvisionOnDemandRoutes: GraphRoute[] = [
  {
    method: 'POST',
    path: '/servicePrincipals/{id}/synchronization/jobs/{jobId}/provisionOnDemand',
    permissions: syncWritePermissions,
    handle: (ctx) => {
      const spId = String(requireSyncSp(ctx, syncWritePermissions).id)
      const record = requireJob(ctx, spId)
      const jobId = String(record.job.id)
      throttle(ctx, `${ctx.tenant.id}:${syncJobKey(spId, jobId)}`)
      const rules = (jobSchema(ctx, spId, jobId).synchronizationRules as Json[]).map((r) => String(r.id))
      checkRequest(ctx.body, rules)
      const subjects = (((ctx.body as Json).parameters as Json[])[0]!.subjects as Json[]).map((s) =>
        String(s.objectId),
      )
      const result = provisionOnDemand(ctx.allTenants, ctx.clock, ctx.tenant.id, record, subjects)
      return {
        status: 200,
        body: {
          '@odata.context': `${ctx.serviceRoot}/$metadata#microsoft.graph.stringKeyStringValuePair`,
          ...result,
        },
      }
    },
  },
]
