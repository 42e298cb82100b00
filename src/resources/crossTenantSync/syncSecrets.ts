// The synchronization secrets (connection settings) of a cross-tenant sync configuration
// (graph-api.md §3.3), in the plan's shape: one member per key, SyncNotificationSettings as an object
// (Graph takes and returns it as a JSON string). PUT replaces the whole set, so the full set is always
// sent. None of the CTS keys is sensitive (GET returns them in clear); a sensitive key set by hand
// reads back as Graph masks it ("*"), never in clear.
import type { Json } from '../../graph/tenantGraph'
import { isGuid } from '../shared/tenantRef'

export interface SyncNotificationSettings {
  readonly Enabled: boolean
  readonly Recipients?: string
  readonly DeleteThresholdEnabled: boolean
  readonly DeleteThresholdValue?: number
  readonly HumanResourcesLookaheadQueryEnabled: boolean
}

export interface SyncSecretsInputs {
  readonly AuthenticationType: 'SyncPolicy'
  /** The target tenant's id. */
  readonly CompanyId: string
  /** 'false': only assigned users and direct members of assigned groups are in scope. */
  readonly SyncAll: 'true' | 'false'
  readonly SyncNotificationSettings: SyncNotificationSettings
}

interface SecretPair {
  readonly key: string
  readonly value: string
}

const notificationMembers: Readonly<Record<string, 'boolean' | 'string' | 'count'>> = {
  Enabled: 'boolean',
  Recipients: 'string',
  DeleteThresholdEnabled: 'boolean',
  DeleteThresholdValue: 'count',
  HumanResourcesLookaheadQueryEnabled: 'boolean',
}
const requiredNotificationMembers = [
  'Enabled',
  'DeleteThresholdEnabled',
  'HumanResourcesLookaheadQueryEnabled',
]

/** Problems with the secrets input, as check() reasons. */
export function secretsProblems(value: unknown, targetTenantId: string | undefined): string[] {
  if (typeof value !== 'object' || value === null)
    return [`secrets must be { AuthenticationType, CompanyId, SyncAll, SyncNotificationSettings }`]
  const s = value as Record<string, unknown>
  const problems: string[] = []
  const known = ['AuthenticationType', 'CompanyId', 'SyncAll', 'SyncNotificationSettings']
  for (const key of Object.keys(s))
    if (!known.includes(key)) problems.push(`secrets.${key} is not managed; the keys are ${known.join(', ')}`)
  if (s.AuthenticationType !== 'SyncPolicy')
    problems.push(
      `secrets.AuthenticationType must be 'SyncPolicy', got ${JSON.stringify(s.AuthenticationType)}`,
    )
  if (!isGuid(s.CompanyId))
    problems.push(`secrets.CompanyId must be the target tenant's id, got ${JSON.stringify(s.CompanyId)}`)
  else if (targetTenantId !== undefined && s.CompanyId.toLowerCase() !== targetTenantId.toLowerCase())
    problems.push(`secrets.CompanyId (${s.CompanyId}) must be partner.tenantId (${targetTenantId})`)
  if (s.SyncAll !== 'true' && s.SyncAll !== 'false')
    problems.push(`secrets.SyncAll must be 'true' or 'false', got ${JSON.stringify(s.SyncAll)}`)
  const n = s.SyncNotificationSettings
  if (typeof n !== 'object' || n === null || Array.isArray(n)) {
    problems.push('secrets.SyncNotificationSettings must be an object')
    return problems
  }
  const settings = n as Record<string, unknown>
  for (const name of requiredNotificationMembers)
    if (settings[name] === undefined) problems.push(`secrets.SyncNotificationSettings.${name} is required`)
  for (const [name, member] of Object.entries(settings)) {
    const type = notificationMembers[name]
    if (type === undefined)
      problems.push(
        `secrets.SyncNotificationSettings.${name} is unknown; the members are ${Object.keys(notificationMembers).join(', ')}`,
      )
    else if (
      type === 'count' ? !(Number.isInteger(member) && (member as number) >= 0) : typeof member !== type
    )
      problems.push(
        `secrets.SyncNotificationSettings.${name} must be ${type === 'count' ? 'a whole number, 0 or more' : `a ${type}`}, got ${JSON.stringify(member)}`,
      )
  }
  return problems
}

/** The PUT body: every key, SyncNotificationSettings JSON-encoded. */
export function secretsBody(secrets: SyncSecretsInputs): { value: SecretPair[] } {
  return {
    value: Object.entries(secrets).map(([key, value]) => ({
      key,
      value: typeof value === 'string' ? value : JSON.stringify(value),
    })),
  }
}

/**
 * The live secrets in input shape: SyncNotificationSettings parsed back (kept as text when it is not
 * JSON, so it shows as drift), keys the stack does not set kept as Graph shows them (masked when
 * sensitive), so a key added by hand shows as drift and the next update's full PUT removes it.
 */
export function liveSecrets(live: Json | undefined): SyncSecretsInputs {
  const pairs = Array.isArray(live?.value) ? (live.value as SecretPair[]) : []
  const secrets: Record<string, unknown> = {}
  for (const { key, value } of pairs) {
    if (key !== 'SyncNotificationSettings') {
      secrets[key] = value
      continue
    }
    try {
      secrets[key] = JSON.parse(value) as unknown
    } catch {
      secrets[key] = value
    }
  }
  return secrets as unknown as SyncSecretsInputs
}
