// Request body checks shared by handlers. Unknown properties and wrong types are refused with the
// property's path, never ignored (the emulator is strict: practice 15 of the house style).
import { graphErrors } from '../errors'

export type Body = Record<string, unknown>

export function requireObject(body: unknown, what: string): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw graphErrors.badRequest(`The request body for ${what} must be a JSON object.`)
  }
  return body as Body
}

/** Refuses properties the type does not define, as Graph's OData layer does. */
export function onlyKnownProperties(body: Body, known: readonly string[], typeName: string): void {
  for (const name of Object.keys(body)) {
    if (name.startsWith('@odata.')) continue
    if (!known.includes(name)) {
      throw graphErrors.badRequest(
        `The property '${name}' does not exist on type 'microsoft.graph.${typeName}'. Make sure to only use property names that are defined by the type.`,
      )
    }
  }
}

export function fail(path: string, value: unknown, allowed: string): never {
  throw graphErrors.badRequest(`Invalid value for '${path}': ${JSON.stringify(value)}. Expected ${allowed}.`)
}

export const isGuid = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)

/** Graph refuses object ids that are not GUIDs before looking anything up ([3P] message); the id in lower case. */
export function checkObjectId(id: string): string {
  // isGuid would narrow `id` to never here; the refused id is still named in the message.
  const guid: boolean = isGuid(id)
  if (!guid) throw graphErrors.badRequest(`Invalid object identifier '${id}'.`)
  return id.toLowerCase()
}

export function checkBoolean(value: unknown, path: string, nullable = false): void {
  if (typeof value === 'boolean') return
  if (nullable && value === null) return
  fail(path, value, nullable ? 'true, false or null' : 'true or false')
}

export function checkString(value: unknown, path: string, nullable = false): void {
  if (typeof value === 'string') return
  if (nullable && value === null) return
  fail(path, value, nullable ? 'a string or null' : 'a string')
}

export function checkEnum(value: unknown, path: string, allowed: readonly string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value)) fail(path, value, `one of ${allowed.join(', ')}`)
}

export type Check = (value: unknown, path: string) => void

/**
 * Refuses the properties `checks` does not name, then checks each present one with its check (named
 * by its path: `path.name` inside a nested object, the bare name at the top of a body).
 */
export function checkProperties(
  body: Body,
  checks: Readonly<Record<string, Check>>,
  typeName: string,
  path?: string,
): void {
  onlyKnownProperties(body, Object.keys(checks), typeName)
  for (const [name, check] of Object.entries(checks)) {
    const value = body[name]
    if (value !== undefined) check(value, path === undefined ? name : `${path}.${name}`)
  }
}

/** Checks a nested object: its own known properties, then each present property with `checks`. */
export function checkObject(
  value: unknown,
  path: string,
  checks: Readonly<Record<string, Check>>,
  typeName: string,
  nullable = true,
): void {
  if (value === null && nullable) return
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(path, value, `a ${typeName} object${nullable ? ' or null' : ''}`)
  checkProperties(value as Body, checks, typeName, path)
}
