// sync-and-invitation: a user synced from S to T and also invited into T with homeTenant S would
// get two B2B accounts in T that compete: cross-tenant sync matches an existing B2B user only by
// its alternative security id (graph-api.md §3.8), which an invitation redeemed elsewhere need
// not carry. One way in per user and target.
import { pointerOf } from '../diagnostics'
import type { Rule, RuleFinding } from './rule'

export const syncAndInvitation: Rule = {
  id: 'sync-and-invitation',
  severity: 'warning',
  title: 'A user is both synced into a tenant and invited into it',
  check({ raw, topology }) {
    const sync = topology.sync
    if (sync === null) return []
    const pairs = new Set(sync.pairs.map((p) => `${p.from}>${p.to}`))
    const synced = (source: string, email: string): string | undefined => {
      const scope = sync.scope[source]
      if (scope === undefined) return undefined
      if (scope.allUsers) return `sync.scope.${source}.allUsers`
      if (scope.users.includes(email)) return `sync.scope.${source}.users`
      const group = scope.groups.find((g) => topology.groups[source]?.[g]?.members.includes(email))
      return group === undefined ? undefined : `groups.${source}.${group}`
    }
    const findings: RuleFinding[] = []
    for (const [host, list] of Object.entries(topology.invitations))
      for (const invitation of list) {
        const home = invitation.homeTenant
        if (home === null || !pairs.has(`${home}>${host}`)) continue
        const via = synced(home, invitation.email)
        if (via === undefined) continue
        const written = raw.invitations?.[host]?.[invitation.index]?.email ?? invitation.email
        findings.push({
          pointer: pointerOf('invitations', host, invitation.index, 'email'),
          message: `'${written}' is synced from '${home}' to '${host}' (through ${via}) and also invited into '${host}' with homeTenant ${home}: two B2B users would compete`,
          value: written,
          allowed: 'one way into a tenant per user: synchronization or invitation',
          fix: `remove invitations.${host}[${invitation.index}] and let sync bring the user in, or take the user out of sync.scope.${home}`,
        })
      }
    return findings
  },
}
