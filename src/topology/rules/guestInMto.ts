// guest-in-mto: the multitenant organization's experience (Teams, people search across the
// organization) needs synced users to be Members in each target; with sync.userType Guest they
// arrive as guests and the organization does not work as one.
import { pointerOf } from '../diagnostics'
import type { Rule } from './rule'

export const guestInMto: Rule = {
  id: 'guest-in-mto',
  severity: 'warning',
  title: 'Synced users are Guests while a multitenant organization is declared',
  check({ raw, topology }) {
    if (topology.mto === null || topology.sync?.userType !== 'Guest') return []
    return [
      {
        pointer: pointerOf('sync', 'userType'),
        message: `synced users arrive as Guest while the file declares the multitenant organization '${raw.multiTenantOrganization?.displayName ?? ''}'`,
        value: 'Guest',
        allowed:
          'Member inside a multitenant organization (Teams and the multitenant organization experience need it)',
        fix: 'set sync.userType: Member (the default), or remove multiTenantOrganization',
      },
    ]
  },
}
