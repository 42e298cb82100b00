// The changes between two plans that take access away from people: removing a pair, narrowing what a
// source tenant synchronizes (groups or users taken out of its scope, members taken out of a scoping
// group, allUsers turned off) and changing what deprovisioning does. Each names the pairs it affects
// and the users of the file who leave a scope; the plan report (issue 7) counts and presents them.
import type { PlanPair } from './types'
import { compareStrings, keys, sortedUnique } from './keys'
import type { Plan } from './types'

export interface PairRef {
  readonly from: string
  readonly to: string
}

interface Affected {
  readonly pairs: readonly PairRef[]
  /** User principal names the file lists that leave the pairs' scope (deprovisioned in the targets). */
  readonly users: readonly string[]
  /** True when users the file does not list are affected too: the scope before was allUsers (SyncAll). */
  readonly includesUnlistedUsers: boolean
}

export type DestructiveChange =
  | (Affected & { readonly reason: 'pairRemoved' })
  | (Affected & {
      readonly reason: 'scopeNarrowed'
      /** The source tenant whose scope narrowed. */
      readonly tenant: string
      readonly groupsRemoved: readonly string[]
      readonly usersRemoved: readonly string[]
      /** Per scoping group still in the scope, the members taken out of it. */
      readonly membersRemoved: Readonly<Record<string, readonly string[]>>
      readonly allUsersTurnedOff: boolean
      /** What happens to those who leave, from the plan after the change. */
      readonly deprovision: PlanPair['deprovision']
    })
  | {
      readonly reason: 'deprovisionChanged'
      readonly pairs: readonly PairRef[]
      readonly before: PlanPair['deprovision']
      readonly after: PlanPair['deprovision']
    }

const ref = ({ from, to }: PairRef): PairRef => ({ from, to })
const pairKey = (p: PairRef): string => `${p.from}>${p.to}`
const minus = (a: readonly string[], b: readonly string[]): string[] => {
  const remove = new Set(b)
  return sortedUnique(a.filter((x) => !remove.has(x)))
}

function membersOf(plan: Plan, tenant: string, group: string): readonly string[] {
  const object = plan.objects[keys.group(tenant, group)]
  return object?.kind === 'scopingGroup' ? object.members : []
}

/** The users the file lists as in a pair's scope (its assigned users and its groups' direct members). */
function listedUsers(plan: Plan, pair: PlanPair): string[] {
  return sortedUnique([
    ...pair.scope.users,
    ...pair.scope.groups.flatMap((g) => membersOf(plan, pair.from, g)),
  ])
}

export function destructiveChanges(before: Plan, after: Plan): DestructiveChange[] {
  const changes: DestructiveChange[] = []
  const afterPairs = new Map(after.pairs.map((p) => [pairKey(p), p]))
  const kept: [PlanPair, PlanPair][] = []
  for (const pair of before.pairs) {
    const now = afterPairs.get(pairKey(pair))
    if (now !== undefined) kept.push([pair, now])
    else
      changes.push({
        reason: 'pairRemoved',
        pairs: [ref(pair)],
        users: pair.scope.allUsers ? [] : listedUsers(before, pair),
        includesUnlistedUsers: pair.scope.allUsers,
      })
  }
  // A scope belongs to a source tenant: one entry per source, naming every kept pair from it.
  const sources = sortedUnique(kept.map(([p]) => p.from))
  for (const source of sources) {
    const pairs = kept.filter(([p]) => p.from === source)
    const [was, now] = pairs[0]!
    if (now.scope.allUsers) continue // everyone is still in scope
    const common = was.scope.groups.filter((g) => now.scope.groups.includes(g))
    const membersRemoved: Record<string, string[]> = {}
    for (const group of common) {
      const removed = minus(membersOf(before, source, group), membersOf(after, source, group))
      if (removed.length > 0) membersRemoved[group] = removed
    }
    const groupsRemoved = minus(was.scope.groups, now.scope.groups)
    const usersRemoved = minus(was.scope.users, now.scope.users)
    const allUsersTurnedOff = was.scope.allUsers
    if (
      groupsRemoved.length + usersRemoved.length + Object.keys(membersRemoved).length === 0 &&
      !allUsersTurnedOff
    )
      continue
    changes.push({
      reason: 'scopeNarrowed',
      tenant: source,
      pairs: pairs.map(([p]) => ref(p)),
      users: allUsersTurnedOff ? [] : minus(listedUsers(before, was), listedUsers(after, now)),
      includesUnlistedUsers: allUsersTurnedOff,
      groupsRemoved,
      usersRemoved,
      membersRemoved,
      allUsersTurnedOff,
      deprovision: now.deprovision,
    })
  }
  const modes = new Map<string, [PlanPair['deprovision'], PlanPair['deprovision'], PairRef[]]>()
  for (const [was, now] of kept) {
    if (was.deprovision === now.deprovision) continue
    const mode = `${was.deprovision}>${now.deprovision}`
    const entry = modes.get(mode) ?? [was.deprovision, now.deprovision, []]
    entry[2].push(ref(was))
    modes.set(mode, entry)
  }
  for (const mode of [...modes.keys()].sort(compareStrings)) {
    const [was, now, pairs] = modes.get(mode)!
    changes.push({ reason: 'deprovisionChanged', pairs, before: was, after: now })
  }
  return changes
}
