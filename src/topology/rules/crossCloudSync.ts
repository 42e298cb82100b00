// cross-cloud-sync: cross-tenant synchronization runs inside one cloud. Commercial-to-US-Government
// sync exists only as a beta with an Entra ID Governance license (graph-api.md §7.10) and this
// project does not model it, so a pair across clouds is refused, with the supported way round:
// invitations (invitations.<host> with homeTenant) and allowedCloudEndpoints on both tenants.
import { cloudEndpoint, crossesClouds, describeCloud } from './clouds'
import { groupPairs } from './syncPairs'
import type { Rule, RuleFinding } from './rule'
import type { Topology } from '../topology.generated'

/** How to take the pair out of sync, in the terms of the file's sync.topology. */
function removal(sync: Topology['sync'], from: string, to: string): string {
  if (sync?.topology === 'pairs') return 'delete this entry'
  if (sync?.topology === 'hub') return `list sync.tenants without '${from === sync.hub ? to : from}'`
  return `list sync.tenants without '${from}' or '${to}', or use topology: pairs`
}

export const crossCloudSync: Rule = {
  id: 'cross-cloud-sync',
  severity: 'error',
  title: 'A sync pair joins tenants of different clouds',
  check({ raw, topology }) {
    const sync = topology.sync
    if (sync === null) return []
    const findings: RuleFinding[] = []
    for (const group of groupPairs(raw, sync.pairs)) {
      const { from, to } = group.pairs[0]!
      const a = topology.tenants[from]
      const b = topology.tenants[to]
      if (a === undefined || b === undefined || !crossesClouds(a, b)) continue
      const back = group.pairs.length > 1 ? ` (and under invitations.${from} with homeTenant: ${to})` : ''
      findings.push({
        pointer: group.pointer,
        message: `the sync pair ${group.label} crosses clouds: ${describeCloud(a)} and ${describeCloud(b)}`,
        value: group.pairs.length === 1 ? { from, to } : group.pairs,
        allowed: 'cross-tenant synchronization between tenants of one cloud only',
        fix:
          `remove the pair from sync (${removal(raw.sync, from, to)}) and reach the other side by invitation: ` +
          `list the users under invitations.${to} with homeTenant: ${from}${back}; both tenants need ` +
          `allowedCloudEndpoints: add '${cloudEndpoint(b.cloud)}' to tenants.${from}.allowedCloudEndpoints ` +
          `and '${cloudEndpoint(a.cloud)}' to tenants.${to}.allowedCloudEndpoints`,
      })
    }
    return findings
  },
}
