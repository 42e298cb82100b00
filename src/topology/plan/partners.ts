// Partner entries (crossTenantAccessPolicy partners), the target's identity sync allowances and each
// tenant's allowed cloud endpoints. A tenant gets one partner entry per tenant it pairs with: a sync
// pair in either direction, or a cross-cloud invitation (an invitation whose homeTenant is in another
// cloud; graph-api.md §7.10 asks both sides to add a partner configuration then). Same-cloud invitations
// need no partner entry: the tenants' defaults apply.
import type { ResolvedAccess, ResolvedTenant } from '../model'
import type { PlanContext } from './context'
import { keys } from './keys'
import type { B2BSetting, PartnerAccess } from './types'

/** How a tenant relates to one partner: `inbound` when the partner syncs into it, `outbound` when it syncs to the partner. */
interface Relation {
  inbound: boolean
  outbound: boolean
}

/** Per tenant alias, per partner alias. */
export type Relations = Map<string, Map<string, Relation>>

function relate(relations: Relations, tenant: string, partner: string): Relation {
  let partners = relations.get(tenant)
  if (partners === undefined) relations.set(tenant, (partners = new Map<string, Relation>()))
  let relation = partners.get(partner)
  if (relation === undefined) partners.set(partner, (relation = { inbound: false, outbound: false }))
  return relation
}

/** Every pair of tenants that needs partner entries, from the sync pairs and the cross-cloud invitations. */
export function relationsOf(context: PlanContext): Relations {
  const { topology } = context
  const relations: Relations = new Map()
  for (const pair of topology.sync?.pairs ?? []) {
    const from = context.tenant(pair.from, `sync pair ${pair.from} -> ${pair.to}`)
    const to = context.tenant(pair.to, `sync pair ${pair.from} -> ${pair.to}`)
    if (from === undefined || to === undefined) continue
    relate(relations, pair.from, pair.to).outbound = true
    relate(relations, pair.to, pair.from).inbound = true
  }
  for (const [host, list] of Object.entries(topology.invitations)) {
    for (const invitation of list) {
      if (invitation.homeTenant === null) continue
      const where = `/invitations/${host}/${invitation.index}`
      const hostTenant = context.tenant(host, where)
      const home = context.tenant(invitation.homeTenant, `${where}/homeTenant`)
      if (hostTenant === undefined || home === undefined || hostTenant.cloud === home.cloud) continue
      relate(relations, host, invitation.homeTenant)
      relate(relations, invitation.homeTenant, host)
    }
  }
  return relations
}

// Allow all users and all applications, the values of Graph's own system default (graph-api.md §1.3).
const allowAll: B2BSetting = {
  usersAndGroups: { accessType: 'allowed', targets: [{ target: 'AllUsers', targetType: 'user' }] },
  applications: {
    accessType: 'allowed',
    targets: [{ target: 'AllApplications', targetType: 'application' }],
  },
}

function partnerAccess(
  access: ResolvedAccess,
  tenant: ResolvedTenant,
  partner: ResolvedTenant,
  relation: Relation,
  dependsOn: string[],
): PartnerAccess {
  const b2b = access.b2bCollaboration === 'allowAll' ? allowAll : null
  return {
    kind: 'partnerAccess',
    tenant: tenant.alias,
    dependsOn,
    partner: partner.alias,
    tenantId: partner.tenantId,
    inboundTrust: {
      isMfaAccepted: access.inboundTrust.mfa,
      isCompliantDeviceAccepted: access.inboundTrust.compliantDevice,
      isHybridAzureADJoinedDeviceAccepted: access.inboundTrust.hybridJoinedDevice,
    },
    // Auto-redemption is what cross-tenant sync needs on both sides (graph-api.md §1.3); null inherits
    // the default, which is always false, so a direction that does not sync is left alone.
    automaticUserConsentSettings: {
      inboundAllowed: relation.inbound && access.automaticRedemption ? true : null,
      outboundAllowed: relation.outbound && access.automaticRedemption ? true : null,
    },
    b2bCollaborationInbound: b2b,
    b2bCollaborationOutbound: b2b,
  }
}

/** Allowed cloud endpoints, partner entries and identity sync allowances. */
export function planPartners(context: PlanContext, relations: Relations): void {
  const { topology } = context
  for (const tenant of Object.values(topology.tenants)) {
    if (tenant.allowedCloudEndpoints.length === 0) continue
    context.add(keys.allowedCloudEndpoints(tenant.alias), {
      kind: 'allowedCloudEndpoints',
      tenant: tenant.alias,
      dependsOn: [],
      allowedCloudEndpoints: tenant.allowedCloudEndpoints,
    })
  }
  for (const [alias, partners] of relations) {
    const tenant = topology.tenants[alias]!
    for (const [partnerAlias, relation] of partners) {
      const partner = topology.tenants[partnerAlias]!
      // A partner in another cloud can be added only once this tenant allows that cloud (§7.10).
      const dependsOn =
        partner.cloud !== tenant.cloud && tenant.allowedCloudEndpoints.length > 0
          ? [keys.allowedCloudEndpoints(alias)]
          : []
      const partnerKey = keys.partner(alias, partnerAlias)
      context.add(partnerKey, partnerAccess(topology.access, tenant, partner, relation, dependsOn))
      if (!relation.inbound) continue
      // The target allows the source to sync in; the allowance hangs off the partner entry (§2).
      context.add(keys.identitySync(alias, partnerAlias), {
        kind: 'identitySync',
        tenant: alias,
        dependsOn: [partnerKey],
        partner: partnerAlias,
        tenantId: partner.tenantId,
        displayName: partner.displayName,
        userSyncInbound: { isSyncAllowed: true },
      })
    }
  }
}
