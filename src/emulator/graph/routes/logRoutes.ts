// What the two log APIs share (directoryAudits.ts, provisioningLogs.ts): a newest-first list ordered by
// activityDateTime only, with $filter, $select, $top and paging, and a read by id; AuditLog.Read.All.
// Records are sorted by time, not trusted to be in write order (on-demand and cycle records interleave);
// records with the same activityDateTime keep the order they were written in (reversed when descending).
import { graphErrors } from '../../errors'
import type { GraphContext, GraphRoute } from '../context'
import { compileFilter, type FilterFields } from '../filter'
import { collection, entity, type EntityShape } from '../replies'

type LogRecord = Record<string, unknown>

export interface LogApi {
  readonly path: string
  readonly shape: EntityShape
  readonly filterFields: FilterFields
  readonly records: (ctx: GraphContext) => LogRecord[]
}

const permissions = ['AuditLog.Read.All']

function ordered(ctx: GraphContext, api: LogApi): LogRecord[] {
  const orderBy = (ctx.query.orderBy ?? 'activityDateTime desc').trim()
  const match = /^activityDateTime(?:\s+(asc|desc))?$/i.exec(orderBy)
  if (match === null)
    throw graphErrors.unsupportedQuery(
      `$orderby '${orderBy}' is not supported; use activityDateTime asc or activityDateTime desc.`,
    )
  // Without $orderby the newest come first; $orderby=activityDateTime without a direction is ascending,
  // as OData says.
  const descending =
    (match[1]?.toLowerCase() ?? (ctx.query.orderBy === undefined ? 'desc' : 'asc')) === 'desc'
  const keep =
    ctx.query.filter === undefined
      ? () => true
      : compileFilter(ctx.query.filter, api.filterFields, { advanced: false, typeName: api.shape.typeName })
  const records = api
    .records(ctx)
    .map((record, seq) => ({ record, seq, at: Date.parse(String(record.activityDateTime)) }))
    .sort((a, b) => a.at - b.at || a.seq - b.seq)
    .map((r) => r.record)
  return (descending ? records.reverse() : records).filter(keep)
}

export function logRoutes(api: LogApi): GraphRoute[] {
  return [
    {
      method: 'GET',
      path: api.path,
      permissions,
      query: ['$select', '$top', '$skiptoken', '$orderby', '$filter'],
      handle: (ctx) => collection(ctx, api.shape, ordered(ctx, api)),
    },
    {
      method: 'GET',
      path: `${api.path}/{id}`,
      permissions,
      query: ['$select'],
      handle: (ctx) => {
        const record = api.records(ctx).find((r) => r.id === ctx.params.id)
        if (record === undefined) throw graphErrors.notFound(ctx.params.id!)
        return entity(ctx, api.shape, record)
      },
    },
  ]
}
