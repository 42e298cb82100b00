// PATCH bodies of applications and service principals: which properties the emulator updates, which
// Graph has but the emulator does not update (501), which are read-only (400) and which do not exist
// (400, naming the property).
import { graphErrors } from '../../errors'
import type { Json } from '../../store/tenantStore'
import { auditValue, type ModifiedProperty } from '../audit'
import { checkBoolean, checkObject, checkString, fail, onlyKnownProperties, type Body } from '../validate'

export type Check = (value: unknown, path: string) => void

export interface PatchSpec {
  readonly typeName: string
  /** Every property of the type. */
  readonly properties: readonly string[]
  readonly readOnly: readonly string[]
  /** What the emulator updates, with the check of each value. */
  readonly writable: Readonly<Record<string, Check>>
}

export const nonEmptyString: Check = (v, p) => {
  if (typeof v !== 'string' || v.trim() === '') fail(p, v, 'a non-empty string')
}
export const nullableString =
  (maxLength: number): Check =>
  (v, p) => {
    checkString(v, p, true)
    if (typeof v === 'string' && v.length > maxLength) fail(p, v, `at most ${maxLength} characters`)
  }
export const boolean: Check = (v, p) => checkBoolean(v, p)
export const stringArray: Check = (v, p) => {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) fail(p, v, 'an array of strings')
}
export const nullableUrl: Check = (v, p) => {
  if (v === null) return
  if (typeof v !== 'string' || !/^https?:\/\/\S+$/i.test(v)) fail(p, v, 'an http(s) URL or null')
}
export const webSection: Check = (v, p) =>
  checkObject(
    v,
    p,
    {
      homePageUrl: nullableUrl,
      logoutUrl: nullableUrl,
      redirectUris: stringArray,
      implicitGrantSettings: (g, gp) =>
        checkObject(
          g,
          gp,
          { enableAccessTokenIssuance: boolean, enableIdTokenIssuance: boolean },
          'implicitGrantSettings',
        ),
    },
    'webApplication',
    false,
  )

/** The checked changes of a PATCH body. */
export function checkPatch(raw: Body, spec: PatchSpec): Body {
  onlyKnownProperties(raw, spec.properties, spec.typeName)
  for (const [name, value] of Object.entries(raw)) {
    if (name.startsWith('@odata.')) continue
    if (spec.readOnly.includes(name))
      throw graphErrors.badRequest(`Property '${name}' is read-only and cannot be set.`)
    const check = spec.writable[name]
    if (check === undefined)
      throw graphErrors.notImplemented(
        `updating '${name}' on a ${spec.typeName} (the emulator updates ${Object.keys(spec.writable).join(', ')})`,
      )
    check(value, name)
  }
  const changes: Body = {}
  for (const [name, value] of Object.entries(raw)) if (!name.startsWith('@odata.')) changes[name] = value
  return changes
}

/** Applies changes; a nested object (web) is merged one level deep, as Graph's PATCH does for complex types. */
export function applyPatch(stored: Json, changes: Body): Json {
  const updated: Json = { ...stored }
  for (const [name, value] of Object.entries(changes)) {
    const old = stored[name]
    const merge =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      typeof old === 'object' &&
      old !== null &&
      !Array.isArray(old)
    updated[name] = merge ? { ...(old as Body), ...(value as Body) } : value
  }
  return updated
}

export function modifiedProperties(before: Json, after: Json, changes: Body): ModifiedProperty[] {
  return Object.keys(changes).map((name) => ({
    displayName: name,
    oldValue: auditValue(before[name]),
    newValue: auditValue(after[name]),
  }))
}
