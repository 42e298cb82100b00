// Field-level differences between two JSON values, as JSON pointers (RFC 6901) with the value before
// and after. Objects are compared property by property; arrays and scalars are compared whole (a list's
// change reads better as the two lists than as shifted positions). `before` is absent for a field
// that appears, `after` for one that goes.
import { pointerSegment } from '../diagnostics'
import { compareStrings } from './keys'

export interface FieldChange {
  readonly pointer: string
  readonly before?: unknown
  readonly after?: unknown
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Deep equality of JSON values (objects by property, not by property order). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]))
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a)
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]))
    )
  }
  return false
}

export function fieldChanges(before: unknown, after: unknown, pointer = ''): FieldChange[] {
  if (jsonEqual(before, after)) return []
  if (!isObject(before) || !isObject(after)) return [{ pointer, before, after }]
  const changes: FieldChange[] = []
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareStrings)
  for (const name of names) {
    const at = `${pointer}/${pointerSegment(name)}`
    if (!Object.hasOwn(after, name)) changes.push({ pointer: at, before: before[name] })
    else if (!Object.hasOwn(before, name)) changes.push({ pointer: at, after: after[name] })
    else changes.push(...fieldChanges(before[name], after[name], at))
  }
  return changes
}
