// group-not-restricted: a scoping group decides who is synced to other tenants. Outside a
// restricted management administrative unit, anyone with rights on groups in the source tenant
// (group owners, Groups Administrators) can add users to it and so push them into every target.
import { pointerOf } from '../diagnostics'
import type { Rule, RuleFinding } from './rule'

export const groupNotRestricted: Rule = {
  id: 'group-not-restricted',
  severity: 'warning',
  title: 'A scoping group is not in a restricted management administrative unit',
  check({ raw }) {
    const findings: RuleFinding[] = []
    const seen = new Set<string>()
    for (const [alias, scope] of Object.entries(raw.sync?.scope ?? {}))
      for (const name of scope?.groups ?? []) {
        const group = raw.groups?.[alias]?.[name]
        if (group?.restrictedManagementUnit !== false || seen.has(`${alias}/${name}`)) continue
        seen.add(`${alias}/${name}`)
        findings.push({
          pointer: pointerOf('groups', alias, name, 'restrictedManagementUnit'),
          message: `groups.${alias}.${name} scopes sync.scope.${alias} but is outside a restricted management unit, so anyone with rights on groups in '${alias}' can change who is synced`,
          value: false,
          allowed:
            'true (the default): only the topology and admins scoped to the unit can change its members',
          fix: `remove restrictedManagementUnit: false from groups.${alias}.${name}`,
        })
      }
    return findings
  },
}
