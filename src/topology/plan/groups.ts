// Scoping groups (security groups whose direct members are synchronized) and the restricted management
// administrative unit that protects them.
//
// One unit per tenant, not one per group: Entra allows at most 100 restricted units in a tenant
// (graph-api.md §6.3), and the unit is the boundary of "who may change who is synchronized", which is
// the same for every scoping group of a tenant. It is planned only when a group of the tenant asks for
// it (restrictedManagementUnit, true by default); each such group is created inside it, so the group
// depends on it. isMemberManagementRestricted is immutable in Entra, which is why it is a unit of its
// own rather than a flag on an existing one.
//
// With the unit comes a role for the stack's own app over it (Groups Administrator, the least role that
// manages groups): without it the app could create the groups but never change their members again.
// Each group in the unit depends on the role, so the role is there before a member changes and is
// removed only after the groups are.
import type { PlanContext } from './context'
import { keys, sortedUnique } from './keys'

/** The built-in role's template id, the same in every tenant. */
const groupsAdministrator = 'fdd7a751-b60b-444a-984c-02652fe8fa1c'

export function planGroups(context: PlanContext): void {
  const { topology } = context
  for (const [alias, groups] of Object.entries(topology.groups)) {
    if (context.tenant(alias, `/groups/${alias}`) === undefined) continue
    const list = Object.values(groups)
    const unit = keys.administrativeUnit(alias)
    const role = keys.unitRole(alias)
    if (list.some((g) => g.restrictedManagementUnit)) {
      context.add(role, {
        kind: 'unitRoleAssignment',
        tenant: alias,
        dependsOn: [unit],
        administrativeUnit: unit,
        roleDefinitionId: groupsAdministrator,
        roleName: 'Groups Administrator',
      })
      context.add(unit, {
        kind: 'administrativeUnit',
        tenant: alias,
        dependsOn: [],
        displayName: `${topology.organization} synchronization scope`,
        description:
          'Scoping groups of cross-tenant synchronization, managed by entra-topology. Only administrators scoped to this unit can change their members.',
        isMemberManagementRestricted: true,
      })
    }
    for (const group of list) {
      context.add(keys.group(alias, group.name), {
        kind: 'scopingGroup',
        tenant: alias,
        dependsOn: group.restrictedManagementUnit ? [unit, role] : [],
        displayName: group.displayName,
        description: group.description,
        mailNickname: group.name,
        mailEnabled: false,
        securityEnabled: true,
        members: sortedUnique(group.members),
        administrativeUnit: group.restrictedManagementUnit ? unit : null,
      })
    }
  }
}
