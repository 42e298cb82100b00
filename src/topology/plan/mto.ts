// The multitenant organization, in the order graph-api.md §4 gives: the owner creates it (PUT, then it
// becomes active), the owner adds each member tenant (POST .../tenants), and each member then asks to
// join (PATCH .../joinRequest with addedByTenantId = the owner). The owner is a member by creating it,
// so it gets no member entry. Entra asks members to wait about 2 hours after creation before joining;
// that is a wait the resources observe, not an ordering the plan can express.
//
// Joining applies the multitenant organization's templates, which create partner configurations the
// tenants lack (graph-api.md §1.7), in both tenants of every pair of active tenants. So a member entry
// waits for the partner entries the plan makes between owner and member, and every join request waits
// for every partner entry the plan makes between any two of the organization's tenants (a tenant that
// becomes active changes its peers too): the planned ones are created first, with the file's settings,
// rather than colliding with template-made ones, and on destroy every tenant has left before they go.
// The owner's organization and each join request also carry the organization's tenants and the
// tenant's planned partners among them, so that leaving removes the entries the templates made.
import type { PlanContext } from './context'
import { keys, sortedUnique } from './keys'

export function planMultiTenantOrganization(context: PlanContext): void {
  const { objects } = context
  const planned = (...candidates: string[]): string[] => candidates.filter((key) => objects.has(key))
  const mto = context.topology.mto
  if (mto === null) return
  const owner = context.tenant(mto.owner, '/multiTenantOrganization/owner')
  if (owner === undefined) return
  const aliases = [owner.alias, ...mto.members].filter(
    (alias) => context.topology.tenants[alias] !== undefined,
  )
  const tenantId = (alias: string): string => context.topology.tenants[alias]!.tenantId.toLowerCase()
  const partnersOf = (alias: string): string[] =>
    aliases.filter((other) => other !== alias && objects.has(keys.partner(alias, other)))
  const partners = (alias: string) => ({
    peerTenantIds: sortedUnique(aliases.filter((other) => other !== alias).map(tenantId)),
    managedPartnerTenantIds: sortedUnique(partnersOf(alias).map(tenantId)),
  })
  const allPartnerKeys = aliases.flatMap((alias) =>
    partnersOf(alias).map((other) => keys.partner(alias, other)),
  )
  const organization = keys.mto(owner.alias)
  context.add(organization, {
    kind: 'multiTenantOrganization',
    tenant: owner.alias,
    dependsOn: [],
    displayName: mto.displayName,
    description: mto.description,
    ...partners(owner.alias),
  })
  for (const alias of mto.members) {
    const member = context.tenant(alias, '/multiTenantOrganization/members')
    if (member === undefined) continue
    const entry = keys.mtoMember(owner.alias, alias)
    context.add(entry, {
      kind: 'multiTenantOrganizationMember',
      tenant: owner.alias,
      dependsOn: sortedUnique([organization, ...planned(keys.partner(owner.alias, alias))]),
      member: alias,
      tenantId: member.tenantId,
      displayName: member.displayName,
      role: 'member',
    })
    context.add(keys.mtoJoinRequest(alias), {
      kind: 'multiTenantOrganizationJoinRequest',
      tenant: alias,
      dependsOn: sortedUnique([entry, ...allPartnerKeys]),
      owner: owner.alias,
      addedByTenantId: owner.tenantId,
      ...partners(alias),
    })
  }
}
