// cross-cloud-endpoints: B2B between clouds works only when both tenants allow each other's cloud
// (crossTenantAccessPolicy.allowedCloudEndpoints, graph-api.md §7.10). For every invitation whose
// homeTenant is in another cloud than its host, both tenants must list the other's endpoint.
// Reported once per tenant and missing endpoint, naming the first invitation that needs it.
import { pointerOf } from '../diagnostics'
import type { ResolvedTenant } from '../model'
import type { CloudEndpoint } from '../topology.generated'
import { cloudEndpoint, crossesClouds, describeCloud } from './clouds'
import type { Rule, RuleFinding } from './rule'

export const crossCloudEndpoints: Rule = {
  id: 'cross-cloud-endpoints',
  severity: 'error',
  title: 'A cross-cloud invitation lacks allowedCloudEndpoints on one of its tenants',
  check({ raw, topology }) {
    const findings: RuleFinding[] = []
    const reported = new Set<string>()
    const require = (tenant: ResolvedTenant, other: ResolvedTenant, invitation: string): void => {
      const endpoint: CloudEndpoint = cloudEndpoint(other.cloud)
      if (tenant.allowedCloudEndpoints.includes(endpoint) || reported.has(`${tenant.alias}|${endpoint}`))
        return
      reported.add(`${tenant.alias}|${endpoint}`)
      const written = raw.tenants[tenant.alias]?.allowedCloudEndpoints
      findings.push({
        pointer:
          written === undefined
            ? pointerOf('tenants', tenant.alias)
            : pointerOf('tenants', tenant.alias, 'allowedCloudEndpoints'),
        atKey: written === undefined,
        message: `${invitation} joins ${describeCloud(tenant)} and ${describeCloud(other)}, but tenants.${tenant.alias}.allowedCloudEndpoints lacks '${endpoint}'`,
        value: written ?? [],
        allowed: `allowedCloudEndpoints including the other cloud's endpoint ('${endpoint}'), on both tenants`,
        fix: `add '${endpoint}' to tenants.${tenant.alias}.allowedCloudEndpoints`,
      })
    }
    for (const [host, list] of Object.entries(raw.invitations ?? {}))
      list?.forEach((invitation, i) => {
        const hostTenant = topology.tenants[host]
        const home = invitation.homeTenant === undefined ? undefined : topology.tenants[invitation.homeTenant]
        if (hostTenant === undefined || home === undefined || !crossesClouds(hostTenant, home)) return
        const name = `invitations.${host}[${i}] (${invitation.email})`
        require(hostTenant, home, name)
        require(home, hostTenant, name)
      })
    return findings
  },
}
