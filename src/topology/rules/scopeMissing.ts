// scope-missing: a source tenant with no sync.scope entry would get a sync job with nobody assigned.
// Cross-tenant sync needs at least one assigned user or group to do anything (graph-api.md §3.8),
// so the pair would be configured and silently idle.
import { pointerOf } from '../diagnostics'
import { pairLabel } from './syncPairs'
import type { SyncPair } from '../model'
import type { Rule, RuleFinding } from './rule'

export const scopeMissing: Rule = {
  id: 'scope-missing',
  severity: 'error',
  title: 'A source tenant has no sync.scope',
  check({ raw, topology }) {
    const sync = topology.sync
    if (sync === null) return []
    const bySource = new Map<string, SyncPair[]>()
    for (const pair of sync.pairs) {
      if (sync.scope[pair.from] !== undefined || topology.tenants[pair.from] === undefined) continue
      const list = bySource.get(pair.from)
      if (list === undefined) bySource.set(pair.from, [pair])
      else list.push(pair)
    }
    const hasScope = raw.sync?.scope !== undefined
    const findings: RuleFinding[] = []
    for (const [source, pairs] of bySource) {
      const shown =
        pairs.length > 3 ? `${pairLabel(pairs.slice(0, 3))} and ${pairs.length - 3} more` : pairLabel(pairs)
      findings.push({
        pointer: hasScope ? pointerOf('sync', 'scope') : pointerOf('sync'),
        atKey: true,
        message: `'${source}' is the source of ${pairs.length} sync pair(s) (${shown}) but has no sync.scope.${source}, so nobody would be synced`,
        value: source,
        allowed: 'a scope for every source tenant: groups, users or allUsers',
        fix: `add sync.scope.${source} with groups declared under groups.${source} (or users)`,
      })
    }
    return findings
  },
}
