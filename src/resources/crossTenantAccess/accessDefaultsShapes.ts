// The settings AccessDefaults manages, their system default values (graph-api.md §1.3) and their checks
// (the shapes of §1.2: whole sub-objects, since a PATCH merges nested objects in ways Graph does not
// document).
import type * as pulumi from '@pulumi/pulumi'
import { isKnown } from '../shared/graphProvider'

export const managedSettings = [
  'inboundTrust',
  'b2bCollaborationInbound',
  'b2bCollaborationOutbound',
  'b2bDirectConnectInbound',
  'b2bDirectConnectOutbound',
] as const

export type ManagedSetting = (typeof managedSettings)[number]

const everyone = (accessType: 'allowed' | 'blocked') => ({
  usersAndGroups: { accessType, targets: [{ target: 'AllUsers', targetType: 'user' }] },
  applications: { accessType, targets: [{ target: 'AllApplications', targetType: 'application' }] },
})

/** What resetToSystemDefault restores: collaboration allowed, direct connect blocked, no trust. */
export const systemDefaults: Readonly<Record<ManagedSetting, unknown>> = {
  inboundTrust: {
    isMfaAccepted: false,
    isCompliantDeviceAccepted: false,
    isHybridAzureADJoinedDeviceAccepted: false,
  },
  b2bCollaborationInbound: everyone('allowed'),
  b2bCollaborationOutbound: everyone('allowed'),
  b2bDirectConnectInbound: everyone('blocked'),
  b2bDirectConnectOutbound: everyone('blocked'),
}

const trustFlags = ['isMfaAccepted', 'isCompliantDeviceAccepted', 'isHybridAzureADJoinedDeviceAccepted']

function trustProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`inboundTrust must be { ${trustFlags.join(', ')} }`]
  const trust = value as Record<string, unknown>
  return [
    ...trustFlags
      .filter((f) => typeof trust[f] !== 'boolean')
      .map((f) => `inboundTrust.${f} must be true or false`),
    ...Object.keys(trust)
      .filter((k) => !trustFlags.includes(k))
      .map((k) => `inboundTrust.${k} is not a trust setting`),
  ]
}

/** One dimension of a B2B setting: { accessType, targets: [{ target, targetType }] }. */
function targetProblems(value: unknown, at: string, types: readonly string[]): string[] {
  const config = value as { accessType?: unknown; targets?: unknown } | null
  if (typeof config !== 'object' || config === null) return [`${at} must be { accessType, targets }`]
  const problems: string[] = []
  if (config.accessType !== 'allowed' && config.accessType !== 'blocked')
    problems.push(`${at}.accessType must be allowed or blocked, got ${JSON.stringify(config.accessType)}`)
  if (!Array.isArray(config.targets) || config.targets.length === 0)
    return [...problems, `${at}.targets must list at least one target`]
  config.targets.forEach((t: { target?: unknown; targetType?: unknown } | null, i) => {
    if (typeof t?.target !== 'string' || t.target === '')
      problems.push(`${at}.targets[${i}].target must be an object id or a keyword such as AllUsers`)
    if (!types.includes(t?.targetType as string))
      problems.push(`${at}.targets[${i}].targetType must be ${types.join(' or ')}`)
  })
  return problems
}

function b2bProblems(value: unknown, name: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`${name} must be { usersAndGroups, applications }`]
  const setting = value as Record<string, unknown>
  return [
    ...targetProblems(setting.usersAndGroups, `${name}.usersAndGroups`, ['user', 'group']),
    ...targetProblems(setting.applications, `${name}.applications`, ['application']),
  ]
}

/** Every problem of the settings given (those left out are not managed). */
export function accessDefaultsProblems(
  news: Readonly<Partial<Record<ManagedSetting, unknown>>>,
): pulumi.dynamic.CheckFailure[] {
  const failures: pulumi.dynamic.CheckFailure[] = []
  for (const name of managedSettings) {
    const value = news[name]
    if (value === undefined || !isKnown(value)) continue
    const reasons = name === 'inboundTrust' ? trustProblems(value) : b2bProblems(value, name)
    failures.push(...reasons.map((reason) => ({ property: name, reason })))
  }
  return failures
}
