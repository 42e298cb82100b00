// Directory audit logs (graph-api.md §7.12): every change a Graph call makes in a tenant is recorded
// (graph/audit.ts) and read back here, newest first.
//
// LIMITATIONS: records appear at once (real audit events lag by minutes, UNCONFIRMED SLA); the default
// page size is 100 (Graph's is not documented in the reference); $orderby accepts activityDateTime only;
// string comparisons in $filter are case-insensitive (see graph/filter.ts).
import type { GraphRoute } from '../context'
import type { EntityShape } from '../replies'
import { logRoutes } from './logRoutes'
import type { FilterFields } from '../filter'

const shape: EntityShape = {
  contextPath: 'auditLogs/directoryAudits',
  properties: [
    'id',
    'category',
    'correlationId',
    'result',
    'resultReason',
    'activityDisplayName',
    'activityDateTime',
    'loggedByService',
    'operationType',
    'initiatedBy',
    'targetResources',
    'additionalDetails',
  ],
  typeName: 'directoryAudit',
}

const text = { type: 'string', operators: ['eq'] } as const
/** The filterable properties graph-api.md §7.12 lists, plus category (widely used in practice). */
const filterFields: FilterFields = {
  id: text,
  category: text,
  correlationId: text,
  loggedByService: text,
  activityDisplayName: { type: 'string', operators: ['eq', 'startsWith'] },
  activityDateTime: { type: 'datetime', operators: ['eq', 'ge', 'le'] },
  initiatedBy: {
    type: 'object',
    fields: {
      user: { type: 'object', fields: { id: text, displayName: text, userPrincipalName: text } },
      app: { type: 'object', fields: { appId: text, displayName: text } },
    },
  },
  targetResources: { type: 'objectCollection', fields: { id: text, displayName: text } },
}

export const directoryAuditRoutes: GraphRoute[] = logRoutes({
  path: '/auditLogs/directoryAudits',
  shape,
  filterFields,
  records: (ctx) => ctx.store.audits(),
})
