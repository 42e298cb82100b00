// invitation-duplicate: one host invites one address once. Entra would find the B2B user from the
// first invitation and the second entry's settings would fight with the first's on every apply.
// Addresses compare case-insensitively, as Entra compares user principal names.
import { pointerOf } from '../diagnostics'
import type { Rule, RuleFinding } from './rule'

export const invitationDuplicate: Rule = {
  id: 'invitation-duplicate',
  severity: 'error',
  title: 'The same e-mail is invited twice into one tenant',
  check({ raw }) {
    const findings: RuleFinding[] = []
    for (const [host, list] of Object.entries(raw.invitations ?? {})) {
      const first = new Map<string, number>()
      list?.forEach((invitation, i) => {
        const email = invitation.email.toLowerCase()
        const earlier = first.get(email)
        if (earlier === undefined) {
          first.set(email, i)
          return
        }
        findings.push({
          pointer: pointerOf('invitations', host, i, 'email'),
          message: `'${invitation.email}' is invited into '${host}' twice: invitations.${host}[${earlier}] invites it already`,
          value: invitation.email,
          allowed: 'each e-mail once per host tenant (compared without case)',
          fix: `merge this entry into invitations.${host}[${earlier}] and remove it`,
        })
      })
    }
    return findings
  },
}
