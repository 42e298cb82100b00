// scope-unused: a scope for a tenant that is never the source of a sync pair has no effect; usually
// the tenant was left out of sync.tenants or the pair was forgotten.
import { pointerOf } from '../diagnostics'
import type { Rule, RuleFinding } from './rule'

export const scopeUnused: Rule = {
  id: 'scope-unused',
  severity: 'warning',
  title: 'A sync scope belongs to a tenant that is never a source',
  check({ raw, topology }) {
    const sync = topology.sync
    if (sync === null) return []
    const sources = new Set(sync.pairs.map((p) => p.from))
    const findings: RuleFinding[] = []
    for (const alias of Object.keys(raw.sync?.scope ?? {})) {
      if (sources.has(alias) || topology.tenants[alias] === undefined) continue
      findings.push({
        pointer: pointerOf('sync', 'scope', alias),
        atKey: true,
        message: `sync.scope.${alias} has no effect: '${alias}' is not the source of any sync pair`,
        value: alias,
        allowed: `scopes for source tenants only (${[...sources].sort().join(', ') || 'none'})`,
        fix: `remove sync.scope.${alias}, or make '${alias}' a source (add it to sync.tenants, or add a pair from: ${alias})`,
      })
    }
    return findings
  },
}
