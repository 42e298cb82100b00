// PATCH bodies of applications and service principals: which properties the emulator updates, which
// Graph has but the emulator does not update (501), which are read-only (400) and which do not exist
// (400, naming the property).
import { graphErrors } from '../../errors'
import type { Json } from '../../store/tenantStore'
import { modifiedProperties, recordAudit } from '../audit'
import type { GraphContext, GraphRoute } from '../context'
import { mergePatch } from '../patch'
import { noContent } from '../replies'
import {
  checkBoolean,
  checkObject,
  checkString,
  fail,
  onlyKnownProperties,
  requireObject,
  type Body,
  type Check,
} from '../validate'
import { applicationCategory, appWritePermissions } from './appShapes'

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

export interface PatchedType {
  /** The route, e.g. '/applications/{id}'. */
  readonly path: string
  readonly kind: string
  readonly spec: PatchSpec
  /** How the 400 for a body that is not an object names it: 'an application'. */
  readonly what: string
  /** The audit activity is 'Update <auditName>'; the target's type is targetType. */
  readonly auditName: string
  readonly targetType: string
  readonly find: (ctx: GraphContext, id: string, permissions: readonly string[]) => Json
}

/** PATCH of an application or service principal: checked changes, merged, audited with old and new values. */
export function patchRoute(type: PatchedType): GraphRoute {
  return {
    method: 'PATCH',
    path: type.path,
    permissions: appWritePermissions,
    handle: (ctx) => {
      const stored = type.find(ctx, ctx.params.id!, appWritePermissions)
      const changes = checkPatch(requireObject(ctx.body, type.what), type.spec)
      const updated = mergePatch(stored, changes)
      ctx.store.replace(type.kind, String(stored.id), updated)
      recordAudit(ctx, {
        category: applicationCategory,
        activityDisplayName: `Update ${type.auditName}`,
        operationType: 'Update',
        target: { id: String(stored.id), displayName: String(updated.displayName), type: type.targetType },
        modifiedProperties: modifiedProperties(stored, updated, Object.keys(changes)),
      })
      return noContent()
    },
  }
}
