// unknown-tenant: every tenant alias the file refers to (sync, scopes, groups, invitations, the
// multitenant organization) must be declared under /tenants.
import { closest } from '../schemaCheck'
import { pointerOf } from '../diagnostics'
import type { Rule, RuleFinding } from './rule'

export const unknownTenant: Rule = {
  id: 'unknown-tenant',
  severity: 'error',
  title: 'A tenant alias is used but not declared under /tenants',
  check({ raw }) {
    const declared = Object.keys(raw.tenants)
    const findings: RuleFinding[] = []
    const refer = (alias: string | undefined, pointer: string, atKey = false): void => {
      if (alias === undefined || declared.includes(alias)) return
      const guess = closest(alias, declared)
      findings.push({
        pointer,
        atKey,
        message: `'${alias}' is not a tenant of this file`,
        value: alias,
        allowed: declared.join(', '),
        fix:
          guess === undefined
            ? `declare it under /tenants or use a declared alias`
            : `did you mean '${guess}'?`,
      })
    }
    const sync = raw.sync
    sync?.tenants?.forEach((a, i) => refer(a, pointerOf('sync', 'tenants', i)))
    refer(sync?.hub, pointerOf('sync', 'hub'))
    sync?.pairs?.forEach((p, i) => {
      refer(p.from, pointerOf('sync', 'pairs', i, 'from'))
      refer(p.to, pointerOf('sync', 'pairs', i, 'to'))
    })
    for (const alias of Object.keys(sync?.scope ?? {})) refer(alias, pointerOf('sync', 'scope', alias), true)
    for (const alias of Object.keys(raw.groups ?? {})) refer(alias, pointerOf('groups', alias), true)
    for (const [alias, list] of Object.entries(raw.invitations ?? {})) {
      refer(alias, pointerOf('invitations', alias), true)
      list?.forEach((inv, i) => refer(inv.homeTenant, pointerOf('invitations', alias, i, 'homeTenant')))
    }
    const mto = raw.multiTenantOrganization
    refer(mto?.owner, pointerOf('multiTenantOrganization', 'owner'))
    mto?.members?.forEach((a, i) => refer(a, pointerOf('multiTenantOrganization', 'members', i)))
    return findings
  },
}
