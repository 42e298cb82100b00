// scope-all-users: allUsers (SyncAll) syncs every internal member of the source, including accounts
// nobody meant to share (service accounts, admins, new hires), and cannot be narrowed without
// deprovisioning. Groups keep the scope explicit and reviewable.
import { pointerOf } from '../diagnostics'
import type { Rule, RuleFinding } from './rule'

export const scopeAllUsers: Rule = {
  id: 'scope-all-users',
  severity: 'warning',
  title: 'A sync scope syncs every user of its tenant (allUsers)',
  check({ raw }) {
    const findings: RuleFinding[] = []
    for (const [alias, scope] of Object.entries(raw.sync?.scope ?? {})) {
      if (scope?.allUsers !== true) continue
      findings.push({
        pointer: pointerOf('sync', 'scope', alias, 'allUsers'),
        message: `sync.scope.${alias}.allUsers syncs every internal member of '${alias}' (SyncAll), admins and service accounts included`,
        value: true,
        allowed: 'allUsers: true works, but scoping groups are recommended',
        fix: `declare a scoping group under groups.${alias} and list it in sync.scope.${alias}.groups instead of allUsers`,
      })
    }
    return findings
  },
}
