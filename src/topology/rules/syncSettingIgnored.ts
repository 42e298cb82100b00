// sync-setting-ignored: settings that do not apply to the chosen sync.topology are ignored by the
// expansion (sync.pairs under mesh, sync.hub under pairs, ...). Usually the author changed the
// topology and forgot the old settings, or meant the other topology.
import { pointerOf } from '../diagnostics'
import type { Rule, RuleFinding } from './rule'

const appliesTo: Readonly<Record<'tenants' | 'hub' | 'hubToSpokes' | 'pairs', readonly string[]>> = {
  tenants: ['mesh', 'hub'],
  hub: ['hub'],
  hubToSpokes: ['hub'],
  pairs: ['pairs'],
}

export const syncSettingIgnored: Rule = {
  id: 'sync-setting-ignored',
  severity: 'warning',
  title: 'A sync setting does not apply to the chosen sync.topology',
  check({ raw }) {
    const sync = raw.sync
    if (sync === undefined) return []
    const findings: RuleFinding[] = []
    for (const [key, topologies] of Object.entries(appliesTo)) {
      if (sync[key as keyof typeof appliesTo] === undefined || topologies.includes(sync.topology)) continue
      findings.push({
        pointer: pointerOf('sync', key),
        atKey: true,
        message: `sync.${key} is ignored with topology: ${sync.topology}`,
        value: key,
        allowed: `sync.${key} with topology: ${topologies.join(' or ')}`,
        fix: `remove sync.${key}, or set sync.topology to ${topologies.join(' or ')}`,
      })
    }
    return findings
  },
}
