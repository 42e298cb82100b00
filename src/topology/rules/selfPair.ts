// self-pair: a sync pair whose source is its target. Entra has no partner configuration for the
// tenant itself, so the plan could not be applied. (A hub listed in sync.tenants is fine: the
// expansion skips it.)
import { pointerOf } from '../diagnostics'
import type { Rule, RuleFinding } from './rule'

export const selfPair: Rule = {
  id: 'self-pair',
  severity: 'error',
  title: 'A sync pair has the same tenant as source and target',
  check({ raw }) {
    const findings: RuleFinding[] = []
    if (raw.sync?.topology !== 'pairs') return findings
    raw.sync.pairs?.forEach((pair, i) => {
      if (pair.from !== pair.to) return
      findings.push({
        pointer: pointerOf('sync', 'pairs', i),
        message: `the pair syncs '${pair.from}' to itself`,
        value: pair,
        allowed: 'a pair of two different tenants (from differs from to)',
        fix: 'remove this pair, or correct from or to',
      })
    })
    return findings
  },
}
