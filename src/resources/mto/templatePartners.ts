// The partner entries a multitenant organization makes on its own, and their removal when a tenant
// leaves (graph-api.md §1.7, §4 step 7). When a tenant becomes active, Entra's templates give it a
// partner configuration (and, if the sync template says so, an identity sync policy) for every other
// active tenant that it lacks; leaving only clears isInMultiTenantOrganization, the entries stay. A
// stack that made the tenant join must take them away again, or `destroy` would not leave the tenant as
// it found it.
//
// Which entries are the organization's: those for the organization's other tenants (`peerTenantIds`,
// from the topology) that were not there before this tenant joined (`partnersBefore`, recorded at
// create) and that the topology does not manage itself (`managedPartnerTenantIds`: their PartnerAccess
// resources delete them). Entries made by hand before the join are kept, whatever the service did to
// them since.
//
// Graph permission: Policy.ReadWrite.CrossTenantAccess (reads: Policy.Read.All).
// UNCONFIRMED: whether Entra lets a partner configuration be deleted while the tenant's removal from the
// organization is still in progress, and whether the service recreates it afterwards. The emulator
// allows it and does not.
import type { Json, TenantGraph } from '../../graph/tenantGraph'
import { deleteIfPresent, isKnown } from '../shared/graphProvider'
import { isGuid, type TenantRef } from '../shared/tenantRef'

const partnersPath = '/policies/crossTenantAccessPolicy/partners'
const read = { permissions: ['Policy.Read.All', 'Policy.ReadWrite.CrossTenantAccess'] }
const write = { permissions: ['Policy.ReadWrite.CrossTenantAccess'] }

export interface TemplatePartnerInputs {
  /** The organization's other tenants, per the topology. */
  readonly peerTenantIds: readonly string[]
  /** Partner entries in this tenant that the topology manages (kept when the tenant leaves). */
  readonly managedPartnerTenantIds: readonly string[]
}

/** check() failures for the two lists. */
export function templatePartnerProblems(
  inputs: TemplatePartnerInputs,
): { property: string; reason: string }[] {
  const problems: { property: string; reason: string }[] = []
  for (const property of ['peerTenantIds', 'managedPartnerTenantIds'] as const) {
    const value: unknown = inputs[property]
    if (!isKnown(value)) continue
    if (!Array.isArray(value) || value.some((id) => isKnown(id) && !isGuid(id)))
      problems.push({
        property,
        reason: `${property} must be a list of tenant ids, got ${JSON.stringify(value)}`,
      })
  }
  return problems
}

/** The tenant's partner entries for the organization's other tenants, now (lower-case, sorted). */
export async function peerPartners(
  graph: TenantGraph,
  tenant: TenantRef,
  peerTenantIds: readonly string[],
): Promise<string[]> {
  const peers = new Set(peerTenantIds.map((id) => id.toLowerCase()))
  const partners = await graph.list(
    { operation: `list the partner configurations of tenant ${tenant.alias}`, ...read },
    `${partnersPath}?$select=tenantId`,
  )
  return partners
    .map((p: Json) => String(p.tenantId).toLowerCase())
    .filter((id) => peers.has(id))
    .sort()
}

/**
 * Deletes the organization's own partner entries (and their identity sync policies) from the tenant:
 * those for peers that were not there before it joined and that the topology does not manage. Returns
 * the tenant ids removed. Idempotent.
 */
export async function removeTemplatePartners(
  graph: TenantGraph,
  tenant: TenantRef,
  inputs: TemplatePartnerInputs,
  partnersBefore: readonly string[],
): Promise<string[]> {
  const kept = new Set([...partnersBefore, ...inputs.managedPartnerTenantIds].map((id) => id.toLowerCase()))
  const present = await peerPartners(graph, tenant, inputs.peerTenantIds)
  const removed = present.filter((id) => !kept.has(id))
  for (const partnerId of removed) {
    const what = `the partner configuration for ${partnerId} that the multitenant organization's template made in tenant ${tenant.alias}`
    // Graph refuses to delete a partner that still has an identity sync policy: that goes first.
    const sync = `${partnersPath}/${partnerId}/identitySynchronization`
    await deleteIfPresent(graph, { operation: `delete the identity sync policy of ${what}`, ...write }, sync)
    await deleteIfPresent(graph, { operation: `delete ${what}`, ...write }, `${partnersPath}/${partnerId}`)
  }
  return removed
}
