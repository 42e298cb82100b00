// hub-not-member: with topology hub and an explicit sync.tenants, the hub is expected among them;
// a hub missing from the list usually means the list names the wrong tenant, or a typo.
import { pointerOf } from '../diagnostics'
import type { Rule } from './rule'

export const hubNotMember: Rule = {
  id: 'hub-not-member',
  severity: 'error',
  title: 'The sync hub is not listed in sync.tenants',
  check({ raw }) {
    const sync = raw.sync
    if (sync?.topology !== 'hub' || sync.hub === undefined || sync.tenants === undefined) return []
    if (sync.tenants.includes(sync.hub) || raw.tenants[sync.hub] === undefined) return []
    return [
      {
        pointer: pointerOf('sync', 'hub'),
        message: `the hub '${sync.hub}' is not in sync.tenants`,
        value: sync.hub,
        allowed: `a hub among sync.tenants (${sync.tenants.join(', ')})`,
        fix: `add '${sync.hub}' to sync.tenants, or choose a hub from the list`,
      },
    ]
  },
}
