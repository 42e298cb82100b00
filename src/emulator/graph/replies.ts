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

function contextUrl(ctx: GraphContext, shape: EntityShape, suffix: string): string {
  const select = ctx.query.select ? `(${ctx.query.select.join(',')})` : ''
  return `${ctx.serviceRoot}/$metadata#${shape.contextPath}${select}${suffix}`
}

export function entity(
  ctx: GraphContext,
  shape: EntityShape,
  value: Record<string, unknown>,
  status = 200,
): Reply {
  const body = {
    '@odata.context': contextUrl(ctx, shape, '/$entity'),
    ...project(value, ctx.query.select, shape.properties, shape.typeName),
  }
  return { status, body }
}

/** A page of a collection, with @odata.nextLink when more follow (default page size 100, as directory collections). */
export function collection(
  ctx: GraphContext,
  shape: EntityShape,
  values: readonly Record<string, unknown>[],
  defaultPageSize = 100,
): Reply {
  const { items, nextSkipToken } = page(values, ctx.query, defaultPageSize)
  const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx, shape, '') }
  if (ctx.query.count) body['@odata.count'] = values.length
  if (nextSkipToken !== undefined)
    body['@odata.nextLink'] = nextLink(ctx.serviceRoot, ctx.path, ctx.query, nextSkipToken)
  body.value = items.map((item) => project(item, ctx.query.select, shape.properties, shape.typeName))
  return { status: 200, body }
}
