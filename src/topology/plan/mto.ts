// The multitenant organization, in the order graph-api.md §4 gives: the owner creates it (PUT, then it
// becomes active), the owner adds each member tenant (POST .../tenants), and each member then asks to
// join (PATCH .../joinRequest with addedByTenantId = the owner). The owner is a member by creating it,
// so it gets no member entry. Entra asks members to wait about 2 hours after creation before joining;
// that is a wait the resources observe, not an ordering the plan can express.
//
// Joining applies the multitenant organization's templates, which create partner configurations the
// tenants lack (graph-api.md §1.7). So a member entry waits for the partner entries the plan itself
// makes between owner and member (when the pair has any): the planned ones are created first, with
// the file's settings, rather than colliding with template-made ones.
import type { PlanContext } from './context'
import { keys, sortedUnique } from './keys'

export function planMultiTenantOrganization(context: PlanContext): void {
  const { objects } = context
  const planned = (...candidates: string[]): string[] => candidates.filter((key) => objects.has(key))
  const mto = context.topology.mto
  if (mto === null) return
  const owner = context.tenant(mto.owner, '/multiTenantOrganization/owner')
  if (owner === undefined) return
  const organization = keys.mto(owner.alias)
  context.add(organization, {
    kind: 'multiTenantOrganization',
    tenant: owner.alias,
    dependsOn: [],
    displayName: mto.displayName,
    description: mto.description,
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
      dependsOn: sortedUnique([entry, ...planned(keys.partner(alias, owner.alias))]),
      owner: owner.alias,
      addedByTenantId: owner.tenantId,
    })
  }
}
