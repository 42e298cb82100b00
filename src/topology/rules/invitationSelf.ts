// invitation-self: an invitation whose homeTenant is the host itself invites a tenant's own user
// into the tenant where the account already exists; homeTenant is usually a copy-paste slip.
import { pointerOf } from '../diagnostics'
import type { Rule, RuleFinding } from './rule'

export const invitationSelf: Rule = {
  id: 'invitation-self',
  severity: 'warning',
  title: 'An invitation names its own host as homeTenant',
  check({ raw }) {
    const findings: RuleFinding[] = []
    for (const [host, list] of Object.entries(raw.invitations ?? {}))
      list?.forEach((invitation, i) => {
        if (invitation.homeTenant !== host) return
        findings.push({
          pointer: pointerOf('invitations', host, i, 'homeTenant'),
          message: `invitations.${host}[${i}] (${invitation.email}) invites a user of '${host}' into '${host}' itself`,
          value: host,
          allowed: 'a homeTenant other than the host, or no homeTenant (a user from outside the file)',
          fix: `set homeTenant to the tenant where ${invitation.email} lives, or remove homeTenant`,
        })
      })
    return findings
  },
}
