// mfa-trust-off: without inboundTrust.isMfaAccepted, each target asks synced users for MFA again,
// registered in the target, on top of the MFA they did at home: one more prompt per target tenant.
import { pointerOf } from '../diagnostics'
import type { Rule } from './rule'

export const mfaTrustOff: Rule = {
  id: 'mfa-trust-off',
  severity: 'warning',
  title: 'Inbound MFA trust is off while users are synced',
  check({ topology }) {
    if ((topology.sync?.pairs.length ?? 0) === 0 || topology.access.inboundTrust.mfa) return []
    return [
      {
        pointer: pointerOf('access', 'inboundTrust', 'mfa'),
        message: `access.inboundTrust.mfa is false while ${topology.sync?.pairs.length} sync pair(s) are declared: synced users get a second MFA prompt in each target`,
        value: false,
        allowed: 'true (isMfaAccepted, the default) when users are synced',
        fix: 'remove access.inboundTrust.mfa: false, so each target trusts the MFA done in the home tenant',
      },
    ]
  },
}
