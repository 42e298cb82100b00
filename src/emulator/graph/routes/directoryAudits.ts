// Directory audit logs (graph-api.md §7.12): every change a Graph call makes in a tenant is recorded
// (graph/audit.ts) and read back here, newest first.
//
// LIMITATIONS: records appear at once (real audit events lag by minutes, UNCONFIRMED SLA); the default
// page size is 100 (Graph's is not documented in the reference); $orderby accepts activityDateTime only;
// string comparisons in $filter are case-insensitive (see graph/filter.ts).
import { graphErrors } from '../../errors'
import type { GraphContext, GraphRoute } from '../context'
import { collection, entity, type EntityShape } from '../replies'
import { compileFilter, type FilterFields } from '../filter'

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

const permissions = ['AuditLog.Read.All']

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

function ordered(ctx: GraphContext): Record<string, unknown>[] {
  const records = ctx.store.audits()
  const orderBy = (ctx.query.orderBy ?? 'activityDateTime desc').trim()
  const match = /^activityDateTime(?:\s+(asc|desc))?$/i.exec(orderBy)
  if (match === null)
    throw graphErrors.unsupportedQuery(
      `$orderby '${orderBy}' is not supported; use activityDateTime asc or activityDateTime desc.`,
    )
  // Records are stored in the order they happened; without $orderby the newest come first, and
  // $orderby=activityDateTime without a direction is ascending, as OData says.
  const direction = match[1]?.toLowerCase() ?? (ctx.query.orderBy === undefined ? 'desc' : 'asc')
  const ordered = direction === 'desc' ? records.reverse() : records
  if (ctx.query.filter === undefined) return ordered
  const keep = compileFilter(ctx.query.filter, filterFields, { advanced: false, typeName: 'directoryAudit' })
  return ordered.filter(keep)
}

export const directoryAuditRoutes: GraphRoute[] = [
  {
    method: 'GET',
    path: '/auditLogs/directoryAudits',
    permissions,
    query: ['$select', '$top', '$skiptoken', '$orderby', '$filter'],
    handle: (ctx) => collection(ctx, shape, ordered(ctx)),
  },
  {
    method: 'GET',
    path: '/auditLogs/directoryAudits/{id}',
    permissions,
    query: ['$select'],
    handle: (ctx) => {
      const record = ctx.store.audits().find((a) => a.id === ctx.params.id)
      if (record === undefined) throw graphErrors.notFound(ctx.params.id!)
      return entity(ctx, shape, record)
    },
  },
]
