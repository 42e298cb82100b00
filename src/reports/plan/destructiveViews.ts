// The plan report's destructive changes in words: what changes, who leaves a synchronization scope,
// and what happens to their accounts in the target, by the deprovisioning mode that applies (the
// removed pair's, or the narrowed scope's after the change).
import type { DestructiveChange } from '../../topology/plan/diff'
import type { Plan } from '../../topology/plan/types'
import type { DestructiveView } from './planReport'

const arrow = (p: { from: string; to: string }): string => `${p.from} → ${p.to}`

const effect: Readonly<Record<string, string>> = {
  softDelete: 'soft-deleted in the target (restorable for 30 days)',
  disable: 'blocked from signing in to the target (accounts kept)',
  none: 'left in the target as they are',
}

export function destructiveView(change: DestructiveChange, before: Plan): DestructiveView {
  const pairs = change.pairs.map(arrow)
  if (change.reason === 'deprovisionChanged')
    return {
      reason: change.reason,
      summary: `deprovisioning changes from ${change.before} to ${change.after} for ${pairs.join(', ')}: users who leave the scope from now on are ${effect[change.after]}`,
      pairs,
      users: [],
      unlistedUsers: false,
    }
  // A removed pair's users are deprovisioned as its assignments go, by the configuration as it was.
  const removedPair = before.pairs.find(
    (p) => p.from === change.pairs[0]!.from && p.to === change.pairs[0]!.to,
  )
  const mode =
    change.reason === 'scopeNarrowed' ? change.deprovision : (removedPair?.deprovision ?? 'softDelete')
  const who = change.includesUnlistedUsers
    ? 'every user synchronized so far (the scope was all users)'
    : `${change.users.length} user${change.users.length === 1 ? '' : 's'} the file lists`
  const what =
    change.reason === 'pairRemoved'
      ? `${pairs.join(', ')} stops synchronizing`
      : `the scope of ${change.tenant} narrows (${narrowing(change)})`
  const fate = effect[mode]
  return {
    reason: change.reason,
    summary: `${what}: ${who} ${change.includesUnlistedUsers ? 'are' : 'will be'} ${fate}`,
    pairs,
    users: change.users,
    unlistedUsers: change.includesUnlistedUsers,
  }
}

function narrowing(change: Extract<DestructiveChange, { reason: 'scopeNarrowed' }>): string {
  const parts = [
    ...change.groupsRemoved.map((g) => `group ${g} removed`),
    ...change.usersRemoved.map((u) => `user ${u} removed`),
    ...Object.entries(change.membersRemoved).map(
      ([group, members]) => `${members.length} member${members.length === 1 ? '' : 's'} out of ${group}`,
    ),
    ...(change.allUsersTurnedOff ? ['all users turned off'] : []),
  ]
  return parts.join('; ')
}
