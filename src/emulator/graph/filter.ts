// A small OData $filter compiler for directory-style resources (graph-api.md §7.3): it parses the
// text once, checks every property and operator against what the resource declares, and returns a
// predicate. Route families describe their filterable properties with FilterFields and reuse it.
//
// Supported: eq, ne, gt, ge, lt, le, in (...), and, or, not(...) / not <expr>, null comparisons,
// startsWith(p,'x'), endsWith(p,'x'), string literals with '' escapes, true/false/null, unquoted
// datetimes, nested paths (initiatedBy/user/id) and any() lambdas on collections
// (identities/any(c:c/issuer eq 'x'), proxyAddresses/any(p:startsWith(p,'smtp:'))).
//
// LIMITATIONS (differences from Graph):
// - String comparisons are case-insensitive everywhere (Entra's usual behaviour; UNCONFIRMED per property).
// - A chain of ORs, and an in (...) list, may have at most 15 children (graph-api.md §7.3 [3P]); the
//   message mirrors Graph's observed text (UNCONFIRMED).
// - Messages for operators Graph does not support on a property follow Graph's
//   "Unsupported or invalid query filter clause ..." text; syntax errors name the offending token
//   with their position, which Graph words differently.
// - Not supported (501 NotImplemented): /$count in $filter, numeric literals, arithmetic operators,
//   has, and any() without a lambda. all() is refused with 400 Request_UnsupportedQuery, as Graph does.
import { graphErrors } from '../errors'
import { FilterCompiler, type Scope } from './filterCompiler'

export { advancedQueryError, maxOrChildren } from './filterCompiler'

export type FilterType =
  'string' | 'boolean' | 'guid' | 'datetime' | 'stringCollection' | 'object' | 'objectCollection'

/** 'null' allows `eq null` / `ne null`; 'not' allows the property inside not(...). */
export type FilterOperator =
  'eq' | 'ne' | 'not' | 'in' | 'ge' | 'gt' | 'le' | 'lt' | 'startsWith' | 'endsWith' | 'null'

export interface FilterField {
  readonly type: FilterType
  /** What Graph supports on this property (for a stringCollection: on its elements inside any()). */
  readonly operators?: readonly FilterOperator[]
  /** Operators that need advanced query parameters here. 'ne', 'not' and 'endsWith' always do. */
  readonly advanced?: readonly FilterOperator[]
  /** Members of an 'object', or of each element of an 'objectCollection'. */
  readonly fields?: FilterFields
}

export type FilterFields = Readonly<Record<string, FilterField>>

export interface FilterOptions {
  /** True when the request has `ConsistencyLevel: eventual` and `$count=true` (see advancedQueryRequested). */
  readonly advanced: boolean
  /** The Graph type for messages, e.g. 'user' (microsoft.graph.user, resource 'User'). @default 'directoryObject' */
  readonly typeName?: string
}

export type FilterPredicate = (entity: Record<string, unknown>) => boolean

/** Whether a request asked for Graph's advanced query capabilities (header AND $count=true). */
export function advancedQueryRequested(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  count: boolean | undefined,
): boolean {
  const header = headers['consistencylevel']
  const value = Array.isArray(header) ? header[0] : header
  return value?.trim().toLowerCase() === 'eventual' && count === true
}

/**
 * Compiles an OData $filter against the properties a resource declares. Throws Graph-shaped errors:
 * 400 Request_BadRequest for syntax errors and unknown properties, 400 Request_UnsupportedQuery for
 * operators the property does not support or that need advanced query parameters, 501 for forms
 * Graph has and the emulator does not.
 */
export function compileFilter(text: string, fields: FilterFields, options: FilterOptions): FilterPredicate {
  if (text.trim() === '') throw graphErrors.badRequest('Invalid $filter: the filter expression is empty.')
  const predicate = new FilterCompiler(text, fields, options).compile()
  const empty: Scope = new Map()
  return (entity) => predicate(entity, empty)
}
