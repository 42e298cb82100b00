// mto-cloud: a multitenant organization exists only in the global cloud (graph-api.md §4), so every
// tenant in it (owner and members) must be a global tenant.
import { pointerOf } from '../diagnostics'
import type { Rule, RuleFinding } from './rule'

export const mtoCloud: Rule = {
  id: 'mto-cloud',
  severity: 'error',
  title: 'A multitenant organization includes a tenant outside the global cloud',
  check({ raw, topology }) {
    const mto = topology.mto
    if (mto === null) return []
    const written = raw.multiTenantOrganization?.members
    const findings: RuleFinding[] = []
    for (const alias of [mto.owner, ...mto.members]) {
      const tenant = topology.tenants[alias]
      if (tenant === undefined || tenant.cloud === 'global') continue
      const index = written?.indexOf(alias) ?? -1
      const pointer =
        alias === mto.owner
          ? pointerOf('multiTenantOrganization', 'owner')
          : index >= 0
            ? pointerOf('multiTenantOrganization', 'members', index)
            : pointerOf('multiTenantOrganization')
      findings.push({
        pointer,
        atKey: pointer === pointerOf('multiTenantOrganization'),
        message: `the multitenant organization includes '${alias}', a tenant of the ${tenant.cloud} cloud${index < 0 && alias !== mto.owner ? ' (members defaults to every tenant of the file)' : ''}`,
        value: alias,
        allowed:
          'tenants of the global cloud only (multitenant organizations are not available in usgov, usgovdod or china)',
        fix:
          alias === mto.owner
            ? 'make a global tenant the owner'
            : `list only global tenants under multiTenantOrganization.members, without '${alias}'; reach '${alias}' by invitation`,
      })
    }
    return findings
  },
}
