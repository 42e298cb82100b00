// duplicate-pair: the same ordered pair listed twice under sync.pairs. The expansion keeps one, so
// nothing breaks, but the second entry usually stands for a pair the author meant to write.
import { pointerOf } from '../diagnostics'
import { pairKey } from './syncPairs'
import type { Rule, RuleFinding } from './rule'

export const duplicatePair: Rule = {
  id: 'duplicate-pair',
  severity: 'warning',
  title: 'The same sync pair is listed twice',
  check({ raw }) {
    const findings: RuleFinding[] = []
    if (raw.sync?.topology !== 'pairs') return findings
    const first = new Map<string, number>()
    raw.sync.pairs?.forEach((pair, i) => {
      const earlier = first.get(pairKey(pair))
      if (earlier === undefined) {
        first.set(pairKey(pair), i)
        return
      }
      findings.push({
        pointer: pointerOf('sync', 'pairs', i),
        message: `the pair ${pair.from} → ${pair.to} repeats sync.pairs[${earlier}]`,
        value: pair,
        allowed: 'each ordered pair once (the reverse direction is a different pair)',
        fix: 'remove this entry, or change it to the pair you meant',
      })
    })
    return findings
  },
}
