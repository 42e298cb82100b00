// sync-unsupported-cloud: cross-tenant synchronization is not available in the cloud operated by
// 21Vianet (graph-api.md §2, §7.9), so a pair between two china tenants cannot be applied. A pair
// between china and another cloud is reported by cross-cloud-sync instead.
import { groupPairs } from './syncPairs'
import type { Rule, RuleFinding } from './rule'

export const syncUnsupportedCloud: Rule = {
  id: 'sync-unsupported-cloud',
  severity: 'error',
  title: 'A sync pair is in a cloud without cross-tenant synchronization (china)',
  check({ raw, topology }) {
    const sync = topology.sync
    if (sync === null) return []
    const findings: RuleFinding[] = []
    for (const group of groupPairs(raw, sync.pairs)) {
      const { from, to } = group.pairs[0]!
      if (topology.tenants[from]?.cloud !== 'china' || topology.tenants[to]?.cloud !== 'china') continue
      findings.push({
        pointer: group.pointer,
        message: `the sync pair ${group.label} is in the china cloud (21Vianet), where cross-tenant synchronization is not available`,
        value: group.pairs.length === 1 ? { from, to } : group.pairs,
        allowed: 'sync pairs between tenants of the global or the usgov/usgovdod cloud',
        fix: `remove the pair from sync and reach '${to}' by invitation: list the users under invitations.${to} with homeTenant: ${from}`,
      })
    }
    return findings
  },
}
