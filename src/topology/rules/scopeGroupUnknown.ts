// scope-group-unknown: a scope names a group that groups.<tenant> does not declare. The planner
// would have no group to assign to the sync configuration. A scope may use only groups of its own
// tenant, since users of one tenant cannot be members of another tenant's groups.
import { pointerOf } from '../diagnostics'
import { closest } from '../schemaCheck'
import type { Rule, RuleFinding } from './rule'

export const scopeGroupUnknown: Rule = {
  id: 'scope-group-unknown',
  severity: 'error',
  title: 'A sync scope names a group not declared under groups.<tenant>',
  check({ raw }) {
    const findings: RuleFinding[] = []
    for (const [alias, scope] of Object.entries(raw.sync?.scope ?? {})) {
      const declared = Object.keys(raw.groups?.[alias] ?? {})
      scope?.groups?.forEach((name, i) => {
        if (declared.includes(name)) return
        const elsewhere = Object.entries(raw.groups ?? {})
          .filter(([tenant, groups]) => tenant !== alias && groups?.[name] !== undefined)
          .map(([tenant]) => `groups.${tenant}`)
        const guess = closest(name, declared)
        findings.push({
          pointer: pointerOf('sync', 'scope', alias, 'groups', i),
          message: `sync.scope.${alias} names the group '${name}', which groups.${alias} does not declare${elsewhere.length > 0 ? ` (it is declared under ${elsewhere.join(', ')}; a scope uses only its own tenant's groups)` : ''}`,
          value: name,
          allowed:
            declared.length > 0
              ? `groups of '${alias}': ${declared.join(', ')}`
              : `groups declared under groups.${alias} (none yet)`,
          fix: guess === undefined ? `declare it under groups.${alias}.${name}` : `did you mean '${guess}'?`,
        })
      })
    }
    return findings
  },
}
