// automatic-redemption-off: cross-tenant sync requires automatic redemption on both sides of each
// pair (automaticUserConsentSettings outboundAllowed in the source, inboundAllowed in the target);
// without it every sync run fails with AzureDirectoryB2BManagementPolicyCheckFailure.
import { pointerOf } from '../diagnostics'
import type { Rule } from './rule'

export const automaticRedemptionOff: Rule = {
  id: 'automatic-redemption-off',
  severity: 'error',
  title: 'Automatic redemption is off while users are synced',
  check({ topology }) {
    if ((topology.sync?.pairs.length ?? 0) === 0 || topology.access.automaticRedemption) return []
    return [
      {
        pointer: pointerOf('access', 'automaticRedemption'),
        message: `access.automaticRedemption is false while ${topology.sync?.pairs.length} sync pair(s) are declared; cross-tenant synchronization needs it (runs fail with AzureDirectoryB2BManagementPolicyCheckFailure)`,
        value: false,
        allowed: 'true (automaticUserConsentSettings allowed both ways, the default) when users are synced',
        fix: 'remove access.automaticRedemption: false, or remove sync',
      },
    ]
  },
}
