// Provisioning logs (graph-api.md §3.9): GET /auditLogs/provisioning lists the provisioningObjectSummary
// records the provisioning engine wrote in this tenant (provisioning/provisioningLog.ts), for every job
// whose source is this tenant; GET /auditLogs/provisioning/{id} reads one. v1.0 and beta alike.
//
// Permissions: AuditLog.Read.All only, as graph-api.md §3.9 gives it and directoryAudits.ts does;
// Directory.Read.All alone gets 403. Whether Graph also requires or accepts Directory.Read.All here is
// UNCONFIRMED (the docs' permission table for this API was not available to check).
//
// LIMITATIONS (differences from Graph, and guesses):
// - Newest first by default, like directoryAudits.ts: Graph's docs do not state the default order
//   (UNCONFIRMED; the reference's example asks for $orderby=activityDateTime desc explicitly).
//   $orderby accepts activityDateTime asc|desc only; records with the same activityDateTime keep the
//   order they were written in (reversed when descending).
// - Default page size 100, $top up to 999 (odata.ts), as directoryAudits.ts; Graph's are not documented.
// - $filter: eq on the ids, provisioningAction and the nested ids and names declared below; eq, gt, ge,
//   lt, le on activityDateTime. Graph's docs list eq, contains, gt and lt; ge/le are accepted as in
//   directoryAudits.ts (UNCONFIRMED on Graph). String comparisons are case-insensitive (Graph documents
//   them as case-sensitive here). contains() and tolower(), which Graph documents and the reference's
//   example uses, are refused with 400 Request_UnsupportedQuery by the shared compiler (graph/filter.ts
//   has no contains yet). Other operators (ne, in, startswith) get 400 too.
// - $select is accepted (Graph does not document it for this API, UNCONFIRMED); $count and $search get 501.
// - Reports throttling (5 requests / 10 s per app per tenant, graph-api.md §7.5) is not modelled: the call
//   costs 1 resource unit in the shared identity bucket, as directoryAudits does (see throttle.ts).
// - Records appear as soon as a cycle ends; real provisioning logs lag by minutes (UNCONFIRMED SLA).
import type { GraphRoute } from '../context'
import type { FilterFields } from '../filter'
import type { EntityShape } from '../replies'
import { logRoutes } from './logRoutes'

const shape: EntityShape = {
  contextPath: 'auditLogs/provisioning',
  properties: [
    'id',
    'activityDateTime',
    'tenantId',
    'jobId',
    'cycleId',
    'changeId',
    'provisioningAction',
    'durationInMilliseconds',
    'servicePrincipal',
    'sourceSystem',
    'targetSystem',
    'initiatedBy',
    'sourceIdentity',
    'targetIdentity',
    'provisioningStatusInfo',
    'provisioningSteps',
    'modifiedProperties',
  ],
  typeName: 'provisioningObjectSummary',
}

const text = { type: 'string', operators: ['eq'] } as const
const named = { type: 'object', fields: { id: text, displayName: text } } as const
const identity = { type: 'object', fields: { id: text, displayName: text, identityType: text } } as const
const filterFields: FilterFields = {
  id: text,
  tenantId: text,
  jobId: text,
  cycleId: text,
  changeId: text,
  provisioningAction: text,
  activityDateTime: { type: 'datetime', operators: ['eq', 'gt', 'ge', 'lt', 'le'] },
  servicePrincipal: named,
  sourceSystem: named,
  targetSystem: named,
  initiatedBy: named,
  sourceIdentity: identity,
  targetIdentity: identity,
  provisioningStatusInfo: { type: 'object', fields: { status: text } },
}

export const provisioningLogRoutes: GraphRoute[] = logRoutes({
  path: '/auditLogs/provisioning',
  shape,
  filterFields,
  records: (ctx) => ctx.store.provisioningLogs(),
})
