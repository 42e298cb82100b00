// Graph-shaped success replies: @odata.context on entities and collections, 201/204 where Graph uses them.
import type { GraphContext, Reply } from './context'
import { nextLink, page, project } from './odata'

export const noContent = (): Reply => ({ status: 204 })

export interface EntityShape {
  /** The entity set path in @odata.context, e.g. policies/crossTenantAccessPolicy/partners. */
  readonly contextPath: string
  /** Properties $select may name. */
  readonly properties: readonly string[]
  readonly typeName: string
}

function contextUrl(ctx: GraphContext, contextPath: string, suffix: string): string {
  const select = ctx.query.select ? `(${ctx.query.select.join(',')})` : ''
  return `${ctx.serviceRoot}/$metadata#${contextPath}${select}${suffix}`
}

export function entity(
  ctx: GraphContext,
  shape: EntityShape,
  value: Record<string, unknown>,
  status = 200,
): Reply {
  const body = {
    '@odata.context': contextUrl(ctx, shape.contextPath, '/$entity'),
    ...project(value, ctx.query.select, shape.properties, shape.typeName),
  }
  return { status, body }
}

/**
 * One page of any collection: @odata.context (with the $select list), @odata.count on the first page
 * when asked (graph-api.md §7.2), @odata.nextLink while more follow, and each item through `view`.
 * Callers decide whether $count is allowed (directory collections need the advanced query parameters).
 */
export function pagedReply<T>(
  ctx: GraphContext,
  contextPath: string,
  items: readonly T[],
  view: (item: T) => Record<string, unknown>,
  defaultPageSize = 100,
): Reply {
  const { items: pageItems, nextSkipToken } = page(items, ctx.query, defaultPageSize)
  const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx, contextPath, '') }
  if (ctx.query.count === true && ctx.query.skipToken === undefined) body['@odata.count'] = items.length
  if (nextSkipToken !== undefined)
    body['@odata.nextLink'] = nextLink(ctx.serviceRoot, ctx.path, ctx.query, nextSkipToken)
  body.value = pageItems.map(view)
  return { status: 200, body }
}

/** A page of a collection of one entity type, projected by $select (default page size 100, as directory collections). */
export function collection(
  ctx: GraphContext,
  shape: EntityShape,
  values: readonly Record<string, unknown>[],
  defaultPageSize = 100,
): Reply {
  return pagedReply(
    ctx,
    shape.contextPath,
    values,
    (item) => project(item, ctx.query.select, shape.properties, shape.typeName),
    defaultPageSize,
  )
}
