// scope-empty: a scope with no groups, no users and allUsers false assigns nobody, so its pairs
// would be configured and silently idle (cross-tenant sync needs one assignment, graph-api.md §3.8).
import { pointerOf } from '../diagnostics'
import type { Rule, RuleFinding } from './rule'

export const scopeEmpty: Rule = {
  id: 'scope-empty',
  severity: 'error',
  title: 'A sync scope selects nobody',
  check({ raw }) {
    const findings: RuleFinding[] = []
    for (const [alias, scope] of Object.entries(raw.sync?.scope ?? {})) {
      if (scope === undefined) continue
      if ((scope.groups ?? []).length > 0 || (scope.users ?? []).length > 0 || scope.allUsers === true)
        continue
      findings.push({
        pointer: pointerOf('sync', 'scope', alias),
        atKey: true,
        message: `sync.scope.${alias} has no groups, no users and allUsers is not true, so nobody of '${alias}' would be synced`,
        value: scope,
        allowed: 'at least one group, one user, or allUsers: true',
        fix: `list scoping groups (declared under groups.${alias}) in sync.scope.${alias}.groups, or users in sync.scope.${alias}.users`,
      })
    }
    return findings
  },
}
