// planTopology: a resolved topology to the objects each tenant should hold, keyed and ordered (see
// types.ts for the shape and keys.ts for the keys). Each kind of object is planned by its own module;
// this one runs them in an order where later parts can see the earlier ones (invitations look up the
// partner entries) and returns everything sorted, so the output depends only on the topology's content.
import type { ResolvedTopology } from '../model'
import { PlanContext } from './context'
import { planGroups } from './groups'
import { planInvitations } from './invitations'
import { compareStrings } from './keys'
import { planMultiTenantOrganization } from './mto'
import { planPartners, relationsOf } from './partners'
import { planSyncConfigurations } from './syncConfigurations'
import type { Plan, PlanObject, PlanTenant } from './types'

export { PlanError } from './context'

/** The plan of a validated topology; throws PlanError when it refers to something it does not declare. */
export function planTopology(topology: ResolvedTopology): Plan {
  const context = new PlanContext(topology)
  planPartners(context, relationsOf(context))
  planGroups(context)
  const pairs = planSyncConfigurations(context)
  planInvitations(context)
  planMultiTenantOrganization(context)
  context.finish()
  const objects: Record<string, PlanObject> = {}
  for (const key of [...context.objects.keys()].sort(compareStrings)) objects[key] = context.objects.get(key)!
  const tenants: Record<string, PlanTenant> = {}
  for (const alias of Object.keys(topology.tenants).sort(compareStrings)) {
    const { tenantId, cloud, displayName } = topology.tenants[alias]!
    tenants[alias] = { tenantId, cloud, displayName }
  }
  return {
    organization: topology.organization,
    tenants,
    pairs: [...pairs].sort((a, b) => compareStrings(a.from, b.from) || compareStrings(a.to, b.to)),
    objects,
  }
}
