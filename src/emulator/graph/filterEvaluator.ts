// The run-time side of a compiled $filter: the predicates it is built from and how values compare.
import type { FilterField, FilterType } from './filter'

/** Lambda variables bound while evaluating any(v: ...), by name. */
export type Scope = ReadonlyMap<string, unknown>
export type Predicate = (root: Record<string, unknown>, scope: Scope) => boolean
export type Getter = (root: Record<string, unknown>, scope: Scope) => unknown

/** A property path resolved at compile time: its display name, declaration and how to read it. */
export interface Resolved {
  readonly name: string
  readonly field: FilterField
  readonly get: Getter
}

export const comparisons = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const
export type Comparison = (typeof comparisons)[number]

export const anyOf =
  (children: readonly Predicate[]): Predicate =>
  (root, scope) =>
    children.some((child) => child(root, scope))

export const allOf =
  (children: readonly Predicate[]): Predicate =>
  (root, scope) =>
    children.every((child) => child(root, scope))

export const negate =
  (inner: Predicate): Predicate =>
  (root, scope) =>
    !inner(root, scope)

export const rootProperty =
  (name: string): Getter =>
  (root) =>
    root[name]

export const scopeVariable =
  (name: string): Getter =>
  (_root, scope) =>
    scope.get(name)

/** A member of whatever `parent` yields; anything but an object (null, a missing value) has no members. */
export const member =
  (parent: Getter, memberName: string): Getter =>
  (root, scope) => {
    const container = parent(root, scope)
    return typeof container === 'object' && container !== null
      ? (container as Record<string, unknown>)[memberName]
      : undefined
  }

/** startsWith / endsWith, case-insensitive; `affix` is already lower-cased. */
export const stringMatch =
  (target: Resolved, name: 'startsWith' | 'endsWith', affix: string): Predicate =>
  (root, scope) => {
    const value = target.get(root, scope)
    if (typeof value !== 'string') return false
    const lowered = value.toLowerCase()
    return name === 'startsWith' ? lowered.startsWith(affix) : lowered.endsWith(affix)
  }

/** `eq null` / `ne null`: a missing property counts as null. */
export function nullCheck(target: Resolved, comparison: 'eq' | 'ne'): Predicate {
  const isNull: Predicate = (root, scope) => {
    const value = target.get(root, scope)
    return value === null || value === undefined
  }
  return comparison === 'eq' ? isNull : (root, scope) => !isNull(root, scope)
}

export const comparison =
  (target: Resolved, op: Comparison, expected: string | boolean): Predicate =>
  (root, scope) =>
    compareValues(target.field.type, target.get(root, scope), op, expected)

export const inList =
  (target: Resolved, values: readonly (string | boolean)[]): Predicate =>
  (root, scope) => {
    const actual = target.get(root, scope)
    return values.some((v) => compareValues(target.field.type, actual, 'eq', v))
  }

/** collection/any(name: body): true when some element satisfies body with `name` bound to it. */
export const anyElement =
  (collection: Resolved, name: string, body: Predicate): Predicate =>
  (root, scope) => {
    const items = collection.get(root, scope)
    if (!Array.isArray(items)) return false
    return items.some((item) => body(root, new Map([...scope, [name, item]])))
  }

function compareValues(
  type: FilterType,
  actual: unknown,
  op: Comparison,
  expected: string | boolean,
): boolean {
  // A missing value (or an unparseable date) equals nothing, so only `ne` holds for it.
  if (actual === null || actual === undefined) return op === 'ne'
  let left: string | number | boolean
  let right: string | number | boolean
  if (type === 'boolean') {
    left = actual === true
    right = expected
  } else if (type === 'datetime') {
    // Compared as instants, so 2024-03-01T10:00:00Z and 2024-03-01T11:00:00+01:00 are equal.
    left = typeof actual === 'string' ? Date.parse(actual) : NaN
    right = Date.parse(String(expected))
    if (Number.isNaN(left)) return op === 'ne'
  } else {
    // Strings and GUIDs compare case-insensitively (see LIMITATIONS in filter.ts).
    left = (typeof actual === 'string' ? actual : JSON.stringify(actual)).toLowerCase()
    right = String(expected).toLowerCase()
  }
  switch (op) {
    case 'eq':
      return left === right
    case 'ne':
      return left !== right
    case 'gt':
      return left > right
    case 'ge':
      return left >= right
    case 'lt':
      return left < right
    case 'le':
      return left <= right
  }
}
