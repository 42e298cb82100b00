// duplicate-tenant-id: two aliases for one tenant would make the planner create two partner
// configurations with the same key (Graph: Request_MultipleObjectsWithSameKeyValue) and sync a
// tenant to itself. Tenant ids compare case-insensitively, as Entra does.
import { pointerOf } from '../diagnostics'
import type { Rule, RuleFinding } from './rule'

export const duplicateTenantId: Rule = {
  id: 'duplicate-tenant-id',
  severity: 'error',
  title: 'Two aliases have the same tenantId',
  check({ raw }) {
    const first = new Map<string, string>()
    const findings: RuleFinding[] = []
    for (const [alias, tenant] of Object.entries(raw.tenants)) {
      if (tenant === undefined) continue
      const id = tenant.tenantId.toLowerCase()
      const other = first.get(id)
      if (other === undefined) {
        first.set(id, alias)
        continue
      }
      findings.push({
        pointer: pointerOf('tenants', alias, 'tenantId'),
        message: `tenants.${alias} has the same tenantId as tenants.${other}`,
        value: tenant.tenantId,
        allowed: 'each tenantId under one alias only',
        fix: `remove tenants.${alias} and refer to '${other}' instead, or correct the tenantId`,
      })
    }
    return findings
  },
}
