// Directory audit logs (graph-api.md §7.12): every change a Graph call makes in a tenant is recorded
// (graph/audit.ts) and read back here, newest first.
//
// LIMITATIONS: records appear at once (real audit events lag by minutes, UNCONFIRMED SLA); the default
// page size is 100 (Graph's is not documented in the reference); $orderby accepts activityDateTime only.
import { graphErrors } from '../../errors'
import type { GraphContext, GraphRoute } from '../context'
import { collection, entity, type EntityShape } from '../replies'

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
  return direction === 'desc' ? records.reverse() : records
}

export const directoryAuditRoutes: GraphRoute[] = [
  {
    method: 'GET',
    path: '/auditLogs/directoryAudits',
    permissions,
    query: ['$select', '$top', '$skiptoken', '$orderby'],
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
