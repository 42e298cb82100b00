// An ESTIMATE of each tenant's cross-tenant access policy size, against Graph's 25 KB limit on the
// policy object ("Failure to update policy due to object limit", graph-api.md §1.1, peers-and-pain-
// points.md §4 item 15), taken as 25 × 1024 bytes of UTF-8 JSON. How Entra measures and stores the
// policy is not documented in our references, so this only estimates it, and counts:
// the policy itself (displayName, allowedCloudEndpoints), the system default configuration, and one
// partner configuration per partner the topology gives the tenant, as compact JSON of what the
// planner sends (tenantId, inboundTrust, automaticUserConsentSettings, b2bCollaborationInbound and
// Outbound when allowAll). The identitySynchronization policy of a sync target is not counted: Graph
// keeps it as its own object (partners/{id}/identitySynchronization), created and deleted apart from
// the partner configuration (an assumption: the references do not say what the limit covers). Partners come from sync pairs (both sides), cross-cloud invitations (both sides) and
// the multitenant organization (its templates create a partner configuration for every member).
import type { ResolvedTopology } from '../model'
import { crossesClouds } from './clouds'

export const PARTNER_POLICY_LIMIT_BYTES = 25 * 1024

export interface PolicySizeEstimate {
  readonly bytes: number
  readonly partners: number
}

interface PartnerNeeds {
  inbound: boolean
  outbound: boolean
  access: boolean
  mto: boolean
}

const allowAll = (target: string, targetType: string) => ({
  accessType: 'allowed',
  targets: [{ target, targetType }],
})
const b2bAllowAll = {
  usersAndGroups: allowAll('AllUsers', 'user'),
  applications: allowAll('AllApplications', 'application'),
}
const b2bBlockAll = {
  usersAndGroups: { accessType: 'blocked', targets: [{ target: 'AllUsers', targetType: 'user' }] },
  applications: {
    accessType: 'blocked',
    targets: [{ target: 'AllApplications', targetType: 'application' }],
  },
}
// The system default configuration (graph-api.md §1.3), as GET /default returns it.
const defaultConfiguration = {
  isServiceDefault: true,
  inboundTrust: {
    isMfaAccepted: false,
    isCompliantDeviceAccepted: false,
    isHybridAzureADJoinedDeviceAccepted: false,
  },
  automaticUserConsentSettings: { inboundAllowed: false, outboundAllowed: false },
  b2bCollaborationInbound: b2bAllowAll,
  b2bCollaborationOutbound: b2bAllowAll,
  b2bDirectConnectInbound: b2bBlockAll,
  b2bDirectConnectOutbound: b2bBlockAll,
  tenantRestrictions: b2bBlockAll,
  invitationRedemptionIdentityProviderConfiguration: {
    primaryIdentityProviderPrecedenceOrder: [
      'externalFederation',
      'azureActiveDirectory',
      'socialIdentityProviders',
    ],
    fallbackIdentityProvider: 'defaultConfiguredIdp',
  },
}
/**
 * Compact UTF-8 JSON with false and null members left out: how Entra stores the policy is not
 * documented, and counting only the values that are set keeps the estimate from flagging
 * topologies Entra accepts (a 100-tenant multitenant organization, the documented maximum, fits).
 */
const compact = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(compact)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([, v]) => v !== false && v !== null)
            .map(([k, v]) => [k, compact(v)]),
        )
      : value
const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(compact(value)), 'utf8')
const DEFAULT_BYTES = bytes(defaultConfiguration)

/** What each tenant's partner configurations hold: tenant alias → partner alias → needs. */
function partnersOf(topology: ResolvedTopology): Map<string, Map<string, PartnerNeeds>> {
  const needs = new Map<string, Map<string, PartnerNeeds>>()
  const need = (tenant: string, partner: string): PartnerNeeds | undefined => {
    if (
      tenant === partner ||
      topology.tenants[tenant] === undefined ||
      topology.tenants[partner] === undefined
    )
      return undefined
    const partners = needs.get(tenant) ?? new Map<string, PartnerNeeds>()
    needs.set(tenant, partners)
    const entry = partners.get(partner) ?? {
      inbound: false,
      outbound: false,
      access: false,
      mto: false,
    }
    partners.set(partner, entry)
    return entry
  }
  const pair = (source: string, target: string): void => {
    const inTarget = need(target, source)
    const inSource = need(source, target)
    if (inTarget === undefined || inSource === undefined) return
    inTarget.access = inSource.access = true
    if (topology.access.automaticRedemption) inTarget.inbound = inSource.outbound = true
  }
  for (const p of topology.sync?.pairs ?? []) pair(p.from, p.to)
  for (const [host, list] of Object.entries(topology.invitations))
    for (const invitation of list) {
      const home = invitation.homeTenant === null ? undefined : topology.tenants[invitation.homeTenant]
      const hostTenant = topology.tenants[host]
      if (home !== undefined && hostTenant !== undefined && crossesClouds(home, hostTenant))
        pair(home.alias, host)
    }
  const mto = topology.mto === null ? [] : [topology.mto.owner, ...topology.mto.members]
  for (const a of mto)
    for (const b of mto) {
      const entry = need(a, b)
      if (entry !== undefined) entry.mto = true
    }
  return needs
}

/** The partner configuration as the planner would send it (compact JSON, nulls left out). */
function partnerBody(topology: ResolvedTopology, partner: string, n: PartnerNeeds): object {
  const { tenantId } = topology.tenants[partner]!
  const { inboundTrust, b2bCollaboration } = topology.access
  const access = n.access && {
    inboundTrust: {
      isMfaAccepted: inboundTrust.mfa,
      isCompliantDeviceAccepted: inboundTrust.compliantDevice,
      isHybridAzureADJoinedDeviceAccepted: inboundTrust.hybridJoinedDevice,
    },
    automaticUserConsentSettings: { inboundAllowed: n.inbound, outboundAllowed: n.outbound },
    ...(b2bCollaboration === 'allowAll'
      ? { b2bCollaborationInbound: b2bAllowAll, b2bCollaborationOutbound: b2bAllowAll }
      : {}),
  }
  return {
    tenantId,
    ...(n.mto ? { isInMultiTenantOrganization: true } : {}),
    ...(access || {}),
  }
}

/** The estimated policy size of every tenant of the topology, by alias. */
export function estimatePolicySizes(topology: ResolvedTopology): Map<string, PolicySizeEstimate> {
  const needs = partnersOf(topology)
  const estimates = new Map<string, PolicySizeEstimate>()
  for (const [alias, tenant] of Object.entries(topology.tenants)) {
    const partners = needs.get(alias) ?? new Map<string, PartnerNeeds>()
    let total =
      DEFAULT_BYTES +
      bytes({ displayName: 'CrossTenantAccessPolicy', allowedCloudEndpoints: tenant.allowedCloudEndpoints })
    for (const [partner, n] of partners) total += bytes(partnerBody(topology, partner, n))
    estimates.set(alias, { bytes: total, partners: partners.size })
  }
  return estimates
}
