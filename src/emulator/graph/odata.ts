// OData system query options: parsing, $select projection and paging. Handlers declare which options
// they support; the rest are refused here, so no option is ever silently ignored.
import { graphErrors } from '../errors'

export interface ODataQuery {
  readonly select?: readonly string[]
  readonly expand?: readonly string[]
  readonly filter?: string
  readonly top?: number
  readonly skipToken?: string
  readonly count?: boolean
  readonly orderBy?: string
  readonly search?: string
  readonly deltaToken?: string
  /** The raw query string's pairs, to rebuild nextLink URLs. */
  readonly raw: URLSearchParams
}

const known = new Set([
  '$select',
  '$expand',
  '$filter',
  '$top',
  '$skiptoken',
  '$count',
  '$orderby',
  '$search',
  '$skip',
  '$deltatoken',
  '$format',
])

export function parseQuery(search: URLSearchParams, supported: readonly string[], path: string): ODataQuery {
  const query: { -readonly [K in keyof ODataQuery]?: ODataQuery[K] } = { raw: search }
  for (const [name, value] of search) {
    const option = name.toLowerCase()
    if (!option.startsWith('$')) {
      throw graphErrors.badRequest(
        `The emulator is strict: the query parameter '${name}' is not one it knows (only OData system query options such as $select are accepted).`,
      )
    }
    if (!known.has(option))
      throw graphErrors.badRequest(
        `Query option '${name}' is not supported. It is not a valid OData system query option.`,
      )
    if (!supported.includes(option)) throw graphErrors.notImplemented(`the query option '${name}' on ${path}`)
    switch (option) {
      case '$select':
        query.select = value
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
        break
      case '$expand':
        query.expand = value
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
        break
      case '$filter':
        query.filter = value
        break
      case '$top': {
        const top = Number(value)
        if (!Number.isInteger(top) || top < 1 || top > 999)
          throw graphErrors.badRequest(
            `Invalid page size specified: '${value}'. Must be between 1 and 999 inclusive.`,
          )
        query.top = top
        break
      }
      case '$skiptoken':
        query.skipToken = value
        break
      case '$count':
        query.count = value === 'true'
        break
      case '$orderby':
        query.orderBy = value
        break
      case '$search':
        query.search = value
        break
      case '$deltatoken':
        query.deltaToken = value
        break
      default:
        throw graphErrors.notImplemented(`the query option '${name}' on ${path}`)
    }
  }
  return query as ODataQuery
}

/** Keeps only the selected properties (and OData annotations) of an entity, refusing unknown names. */
export function project(
  entity: Record<string, unknown>,
  select: readonly string[] | undefined,
  known: readonly string[],
  typeName: string,
): Record<string, unknown> {
  if (select === undefined) return entity
  const projected: Record<string, unknown> = {}
  for (const name of select) {
    if (!known.includes(name))
      throw graphErrors.badRequest(
        `Could not find a property named '${name}' on type 'microsoft.graph.${typeName}'.`,
      )
    projected[name] = entity[name] ?? null
  }
  for (const [key, value] of Object.entries(entity)) if (key.startsWith('@odata.')) projected[key] = value
  return projected
}

/** A page of `items` after the position in $skiptoken, and the token for the next page, if any. */
export function page<T>(
  items: readonly T[],
  query: ODataQuery,
  defaultSize: number,
): { items: T[]; nextSkipToken?: string } {
  const size = query.top ?? defaultSize
  let offset = 0
  if (query.skipToken !== undefined) {
    const decoded = /^o(\d+)$/.exec(Buffer.from(query.skipToken, 'base64url').toString('utf8'))
    if (decoded === null)
      throw graphErrors.badRequest(
        `The $skiptoken '${query.skipToken}' is not valid. Follow @odata.nextLink as it is returned.`,
      )
    offset = Number(decoded[1])
  }
  const slice = items.slice(offset, offset + size)
  const next =
    offset + size < items.length ? Buffer.from(`o${offset + size}`).toString('base64url') : undefined
  return next === undefined ? { items: slice } : { items: slice, nextSkipToken: next }
}

/** The URL of the next page: the request's own URL with its query options and the new $skiptoken. */
export function nextLink(serviceRoot: string, path: string, query: ODataQuery, skipToken: string): string {
  // Option names keep their literal '$' as in Graph's links ($skiptoken, not %24skiptoken); values are encoded.
  const pairs: string[] = []
  for (const [name, value] of query.raw) {
    if (name.toLowerCase() !== '$skiptoken') pairs.push(`${name}=${encodeURIComponent(value)}`)
  }
  pairs.push(`$skiptoken=${encodeURIComponent(skipToken)}`)
  return `${serviceRoot}${path}?${pairs.join('&')}`
}
