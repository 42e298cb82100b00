// One page of a directory collection (users, deleted items): $filter through the shared compiler,
// $orderby, $count with the advanced query rules (graph-api.md §7.3), $select and paging (§7.2:
// default 100, $top up to 999, @odata.count on the first page only).
//
// LIMITATIONS: $orderby takes one property (with asc or desc); strings sort case-insensitively by code
// point, not by Graph's collation.
import type { GraphContext, Reply } from '../context'
import { advancedQueryError, advancedQueryRequested, compileFilter, type FilterFields } from '../filter'
import { project } from '../odata'
import { pagedReply } from '../replies'
import type { Body } from '../validate'
import { graphErrors } from '../../errors'

export interface DirectoryListOptions {
  /** Entity set in @odata.context, e.g. 'users'. */
  readonly contextPath: string
  readonly typeName: string
  /** Properties $select may name. */
  readonly properties: readonly string[]
  readonly filterFields: FilterFields
  /** Sortable properties: whether $orderby on it works by default or needs advanced query parameters. */
  readonly orderable: Readonly<Record<string, 'default' | 'advanced'>>
  /** The object as shown without $select. */
  readonly defaultView: (body: Body) => Body
  /** The object $select picks from. */
  readonly fullView: (body: Body) => Body
}

interface OrderBy {
  readonly property: string
  readonly descending: boolean
}

function parseOrderBy(text: string, options: DirectoryListOptions, advanced: boolean): OrderBy {
  const match = /^\s*([A-Za-z]+)(?:\s+(asc|desc))?\s*$/i.exec(text)
  if (match === null)
    throw graphErrors.unsupportedQuery(
      `The $orderby expression '${text}' is not supported: the emulator sorts by one property, optionally followed by asc or desc.`,
    )
  const property = Object.keys(options.orderable).find((p) => p.toLowerCase() === match[1]!.toLowerCase())
  if (property === undefined)
    throw graphErrors.unsupportedQuery(
      `Sorting by the property '${match[1]}' is not supported on ${options.contextPath}; supported: ${Object.keys(options.orderable).join(', ')}.`,
    )
  if (options.orderable[property] === 'advanced' && !advanced)
    throw advancedQueryError(`$orderby on property '${property}'`)
  return { property, descending: match[2]?.toLowerCase() === 'desc' }
}

function sortKey(value: unknown): string {
  return typeof value === 'string'
    ? value.toLowerCase()
    : value === null || value === undefined
      ? ''
      : JSON.stringify(value)
}

export function directoryList(
  ctx: GraphContext,
  bodies: readonly Body[],
  options: DirectoryListOptions,
): Reply {
  const query = ctx.query
  // Refuse an unknown $select name even when the page turns out empty.
  if (query.select !== undefined) project({}, query.select, options.properties, options.typeName)
  const advanced = advancedQueryRequested(ctx.headers, query.count)
  if (query.count === true && !advanced) throw advancedQueryError("Query option '$count'")
  let items = [...bodies]
  if (query.filter !== undefined) {
    const predicate = compileFilter(query.filter, options.filterFields, {
      advanced,
      typeName: options.typeName,
    })
    items = items.filter((item) => predicate(item))
  }
  if (query.orderBy !== undefined) {
    if (query.filter !== undefined && !advanced)
      throw advancedQueryError('Using $orderby together with $filter')
    const order = parseOrderBy(query.orderBy, options, advanced)
    const direction = order.descending ? -1 : 1
    items.sort((a, b) => {
      const left = sortKey(a[order.property])
      const right = sortKey(b[order.property])
      return left < right ? -direction : left > right ? direction : 0
    })
  }
  const select = query.select
  return pagedReply(ctx, options.contextPath, items, (item) =>
    select === undefined
      ? options.defaultView(item)
      : project(options.fullView(item), select, options.properties, options.typeName),
  )
}
