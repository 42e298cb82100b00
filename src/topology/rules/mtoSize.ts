// mto-size: a multitenant organization holds about 100 tenants in self-service (graph-api.md §4);
// joining beyond that fails ("tenant-count limit").
import { pointerOf } from '../diagnostics'
import type { Rule } from './rule'

export const MTO_TENANT_LIMIT = 100

export const mtoSize: Rule = {
  id: 'mto-size',
  severity: 'warning',
  title: 'A multitenant organization has more than 100 tenants',
  check({ raw, topology }) {
    const mto = topology.mto
    if (mto === null) return []
    const count = 1 + mto.members.length
    if (count <= MTO_TENANT_LIMIT) return []
    const written = raw.multiTenantOrganization?.members !== undefined
    return [
      {
        pointer: written
          ? pointerOf('multiTenantOrganization', 'members')
          : pointerOf('multiTenantOrganization'),
        atKey: !written,
        message: `the multitenant organization has ${count} tenants (the owner and ${mto.members.length} members)${written ? '' : ', since members defaults to every tenant of the file'}`,
        value: count,
        allowed: `at most ${MTO_TENANT_LIMIT} tenants (the self-service limit; more needs Microsoft support)`,
        fix: 'list fewer tenants under multiTenantOrganization.members, or ask Microsoft support to raise the limit',
      },
    ]
  },
}
