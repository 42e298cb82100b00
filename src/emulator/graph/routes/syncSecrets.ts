// Synchronization secrets (connection settings, graph-api.md §3.3) and the templates list.
//
// LIMITATIONS:
// - PUT replaces the whole set (replace vs merge is UNCONFIRMED in Graph; always send the full set).
// - Which keys GET masks as "*" is UNCONFIRMED beyond the documented examples: passwords, secrets,
//   tokens, keys and connection strings are masked; the others (CompanyId, AuthenticationType, SyncAll,
//   SyncNotificationSettings, Domain, UserName, ...) come back clear.
// - Values are checked more strictly than Graph may: every value must be a string, a key may appear
//   once, CompanyId must be a GUID, SyncAll 'true' or 'false', and SyncNotificationSettings a JSON
//   object string with the documented members only (Enabled, Recipients, DeleteThresholdEnabled,
//   DeleteThresholdValue, HumanResourcesLookaheadQueryEnabled).
// - The audit activity "Update provisioning setting or credentials" (ProvisioningManagement) is
//   UNCONFIRMED; it names the keys, never the values.
// - The templates list has Azure2Azure on cross-tenant sync service principals only; its members
//   other than id and factoryTag are UNCONFIRMED.
import { graphErrors } from '../../errors'
import { recordAudit } from '../audit'
import type { GraphContext, GraphRoute } from '../context'
import { checkEnum, fail, isGuid, onlyKnownProperties, requireObject } from '../validate'
import {
  provisioningAudit,
  requireSyncSp,
  secretKeys,
  sensitiveSecretKeys,
  storedSecrets,
  syncReadPermissions,
  syncSecretsKind,
  syncTemplates,
  syncWritePermissions,
  type SecretPair,
  type SyncSecrets,
} from './syncShapes'

const notificationMembers: Readonly<Record<string, 'boolean' | 'string' | 'integer'>> = {
  Enabled: 'boolean',
  Recipients: 'string',
  DeleteThresholdEnabled: 'boolean',
  DeleteThresholdValue: 'integer',
  HumanResourcesLookaheadQueryEnabled: 'boolean',
}

function checkNotificationSettings(text: string, path: string): void {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    fail(
      path,
      text,
      'a JSON object in a string, e.g. "{\\"Enabled\\":false,\\"DeleteThresholdEnabled\\":false}"',
    )
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    fail(path, text, 'a JSON object string')
  for (const [name, value] of Object.entries(parsed)) {
    const type = notificationMembers[name]
    if (type === undefined)
      fail(`${path}.${name}`, value, `one of the members ${Object.keys(notificationMembers).join(', ')}`)
    const ok = type === 'integer' ? Number.isInteger(value) && (value as number) >= 0 : typeof value === type
    if (!ok) fail(`${path}.${name}`, value, type === 'integer' ? 'a whole number, 0 or more' : `a ${type}`)
  }
}

/** Checks a list of {key, value} pairs (PUT secrets, validateCredentials credentials). */
export function checkSecretPairs(value: unknown, path: string): SecretPair[] {
  if (!Array.isArray(value)) fail(path, value, 'an array of { key, value }')
  const seen = new Set<string>()
  return value.map((item, i) => {
    const at = `${path}[${i}]`
    const pair = requireObject(item, at)
    onlyKnownProperties(pair, ['key', 'value'], 'synchronizationSecretKeyStringValuePair')
    checkEnum(pair.key, `${at}.key`, secretKeys)
    const key = pair.key as string
    if (seen.has(key))
      throw graphErrors.badRequest(`The secret key '${key}' appears more than once in ${path}.`)
    seen.add(key)
    if (typeof pair.value !== 'string') fail(`${at}.value`, pair.value, 'a string')
    if (key === 'CompanyId' && !isGuid(pair.value))
      fail(`${at}.value`, pair.value, 'the target tenant id (a GUID)')
    if (key === 'SyncAll' && !/^(true|false)$/i.test(pair.value))
      fail(`${at}.value`, pair.value, "'true' or 'false'")
    if (key === 'SyncNotificationSettings') checkNotificationSettings(pair.value, `${at}.value`)
    return { key, value: pair.value }
  })
}

const contextUrl = (ctx: GraphContext, what: string): string =>
  `${ctx.serviceRoot}/$metadata#servicePrincipals('${ctx.params.id}')/synchronization/${what}`

export const syncSecretRoutes: GraphRoute[] = [
  {
    method: 'PUT',
    path: '/servicePrincipals/{id}/synchronization/secrets',
    permissions: syncWritePermissions,
    handle: (ctx) => {
      const sp = requireSyncSp(ctx, syncWritePermissions)
      const body = requireObject(ctx.body, 'synchronization secrets')
      onlyKnownProperties(body, ['value'], 'synchronizationSecrets')
      if (body.value === undefined) throw graphErrors.badRequest("The property 'value' is required.")
      const pairs = checkSecretPairs(body.value, 'value')
      const spId = String(sp.id)
      const before = storedSecrets(ctx, spId)
      const record: SyncSecrets = { servicePrincipalId: spId, value: pairs }
      ctx.store.put(syncSecretsKind, spId, record)
      recordAudit(ctx, {
        ...provisioningAudit,
        activityDisplayName: 'Update provisioning setting or credentials',
        operationType: 'Update',
        target: { id: spId, displayName: String(sp.displayName), type: 'ServicePrincipal' },
        modifiedProperties: [
          {
            displayName: 'SecretKeys',
            oldValue: JSON.stringify(before.map((p) => p.key)),
            newValue: JSON.stringify(pairs.map((p) => p.key)),
          },
        ],
      })
      return { status: 204 }
    },
  },
  {
    method: 'GET',
    path: '/servicePrincipals/{id}/synchronization/secrets',
    permissions: syncReadPermissions,
    handle: (ctx) => {
      const sp = requireSyncSp(ctx, syncReadPermissions)
      const shown = storedSecrets(ctx, String(sp.id)).map((p) => ({
        key: p.key,
        value: sensitiveSecretKeys.has(p.key) ? '*' : p.value,
      }))
      return { status: 200, body: { '@odata.context': contextUrl(ctx, 'secrets'), value: shown } }
    },
  },
  {
    method: 'GET',
    path: '/servicePrincipals/{id}/synchronization/templates',
    permissions: syncReadPermissions,
    handle: (ctx) => {
      const sp = requireSyncSp(ctx, syncReadPermissions)
      return {
        status: 200,
        body: { '@odata.context': contextUrl(ctx, 'templates'), value: syncTemplates(sp) },
      }
    },
  },
]
