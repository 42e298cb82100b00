// group-member-domain: a user belongs to one tenant, and a domain is verified in one tenant only, so
// a scoping group member whose domain mostly appears in another tenant's groups is likely pasted
// into the wrong tenant's group (Graph would fail to find the user when adding the member).
// The tenant a domain belongs to is the one whose groups use it most (first in the file on a tie).
import { pointerOf } from '../diagnostics'
import type { Rule, RuleFinding } from './rule'

const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase()

export const groupMemberDomain: Rule = {
  id: 'group-member-domain',
  severity: 'warning',
  title: "A group member's domain belongs to another tenant's groups",
  check({ raw }) {
    const groups = Object.entries(raw.groups ?? {})
    const uses = new Map<string, Map<string, number>>()
    for (const [tenant, byName] of groups)
      for (const group of Object.values(byName ?? {}))
        for (const member of group?.members ?? []) {
          const counts = uses.get(domainOf(member)) ?? new Map<string, number>()
          counts.set(tenant, (counts.get(tenant) ?? 0) + 1)
          uses.set(domainOf(member), counts)
        }
    const owner = new Map<string, string>()
    for (const [domain, counts] of uses) {
      let best: [string, number] = ['', 0]
      for (const entry of counts) if (entry[1] > best[1]) best = entry
      owner.set(domain, best[0])
    }
    const findings: RuleFinding[] = []
    for (const [tenant, byName] of groups)
      for (const [name, group] of Object.entries(byName ?? {}))
        group?.members?.forEach((member, i) => {
          const domain = domainOf(member)
          const home = owner.get(domain)
          if (home === undefined || home === tenant) return
          findings.push({
            pointer: pointerOf('groups', tenant, name, 'members', i),
            message: `'${member}' is a member of groups.${tenant}.${name}, but its domain '${domain}' is used by members of groups.${home}`,
            value: member,
            allowed: `members who are users of '${tenant}' (a user of one tenant cannot be a member of another tenant's group)`,
            fix: `move '${member}' to a group under groups.${home}, or correct the address`,
          })
        })
    return findings
  },
}
