// The blast radius of a plan's destructive changes, read from the tenants (live or emulated) rather
// than from the file: for each pair that stops synchronizing or whose scope narrows, who is in the
// source's scope now and leaves it, and which of them are in the target now (those the change
// deprovisions). The file can be behind the tenants (a member added by hand, a scope of all users), so
// this is the number a reviewer should trust; the file's list stays beside it.
// Reads, per source: the sync configuration's service principal (by its displayName, as the plan
// names it) and its app role assignments; the direct user members of assigned groups (a removed
// group by its mailNickname); every internal member for a scope of all users. Per target: users by
// mail. Permissions: Application.Read.All, GroupMember.Read.All, User.Read.All.
import type { TenantGraph } from '../../graph/tenantGraph'
import type { TenantRef } from '../../resources/shared/tenantRef'
import { keys, sortedUnique } from '../../topology/plan/keys'
import type { Plan } from '../../topology/plan/types'
import type { DestructiveView } from './planReport'

export interface LiveRadius {
  /** Users in the source's scope now who leave it (user principal names). */
  readonly leaving: readonly string[]
  /** Of those, the ones present in the target now: the users the change deprovisions there. */
  readonly inTarget: readonly string[]
  /** Why the tenants could not be read, when they could not (the file's count still stands). */
  readonly error?: string
}

type GraphOf = (tenant: TenantRef) => TenantGraph
interface User {
  readonly id?: string
  readonly userPrincipalName?: string
  readonly mail?: string | null
  readonly userType?: string
}

const read = (operation: string, permission: string) => ({ operation, permissions: [permission] })
const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`

async function groupMembers(graph: TenantGraph, groupId: string): Promise<User[]> {
  const members = await graph.list<User & { '@odata.type'?: string }>(
    read(`read the members of group ${groupId}`, 'GroupMember.Read.All'),
    `/groups/${groupId}/members?$select=id,userPrincipalName,mail,userType`,
  )
  return members.filter((m) => m['@odata.type'] === undefined || m['@odata.type'] === '#microsoft.graph.user')
}

/** The users in scope of the source's configuration towards the target, now. */
async function scopeNow(graph: TenantGraph, plan: Plan, from: string, to: string): Promise<User[]> {
  const configuration = plan.objects[keys.sync(from, to)]
  if (configuration?.kind !== 'syncConfiguration') return []
  const pair = plan.pairs.find((p) => p.from === from && p.to === to)
  if (pair?.scope.allUsers)
    return (
      await graph.list<User>(
        read('read the users of the scope (all users)', 'User.Read.All'),
        `/users?$filter=userType eq 'Member'&$select=id,userPrincipalName,mail,userType`,
      )
    ).filter((u) => !(u.userPrincipalName ?? '').includes('#EXT#'))
  const principals = await graph.list<{ id: string; displayName?: string }>(
    read(`find the service principal '${configuration.displayName}'`, 'Application.Read.All'),
    `/servicePrincipals?$filter=displayName eq ${quote(configuration.displayName)}&$select=id,displayName`,
  )
  const users: User[] = []
  for (const sp of principals) {
    const assigned = await graph.list<{ principalId: string; principalType: string }>(
      read(`read the assignments of '${configuration.displayName}'`, 'Application.Read.All'),
      `/servicePrincipals/${sp.id}/appRoleAssignedTo`,
    )
    for (const a of assigned)
      if (a.principalType === 'Group') users.push(...(await groupMembers(graph, a.principalId)))
      else if (a.principalType === 'User') {
        const user = await graph.find<User>(
          read('read an assigned user', 'User.Read.All'),
          `/users/${a.principalId}?$select=id,userPrincipalName,mail,userType`,
        )
        if (user !== undefined) users.push(user)
      }
  }
  return users
}

async function groupByNickname(
  graph: TenantGraph,
  plan: Plan,
  tenant: string,
  name: string,
): Promise<User[]> {
  const group = plan.objects[keys.group(tenant, name)]
  if (group?.kind !== 'scopingGroup') return []
  const found = await graph.list<{ id: string }>(
    read(`find scoping group ${name}`, 'GroupMember.Read.All'),
    `/groups?$filter=mailNickname eq ${quote(group.mailNickname)}&$select=id`,
  )
  return (await Promise.all(found.map((g) => groupMembers(graph, g.id)))).flat()
}

/** Whether a user of the source is in the target now (a synced or invited user keeps the mail). */
async function inTarget(graph: TenantGraph, user: User): Promise<boolean> {
  const mail = user.mail ?? user.userPrincipalName
  if (!mail) return false
  const found = await graph.list<User>(
    read(`look up ${mail}`, 'User.Read.All'),
    `/users?$filter=mail eq ${quote(mail)}&$select=id`,
  )
  return found.length > 0
}

/** The live radius of one destructive change (pair removal or narrowed scope). */
export async function liveRadius(
  change: DestructiveView,
  before: Plan,
  after: Plan,
  graphOf: GraphOf,
): Promise<LiveRadius | undefined> {
  if (change.reason === 'deprovisionChanged') return undefined
  const ref = (alias: string): TenantRef => {
    const t = before.tenants[alias]!
    return { alias, tenantId: t.tenantId, cloud: t.cloud }
  }
  try {
    const leaving = new Map<string, User>()
    const present = new Set<string>()
    for (const text of change.pairs) {
      const [from, to] = text.split(' → ') as [string, string]
      const source = graphOf(ref(from))
      const now = await scopeNow(source, before, from, to)
      let gone: User[]
      if (change.reason === 'pairRemoved') gone = now
      else {
        // Whoever the narrowed scope still holds stays (the after plan's users, and the live members of its
        // groups), except the members the file takes out of a group: the group still has them now.
        const stays = new Set(after.pairs.find((p) => p.from === from && p.to === to)?.scope.users ?? [])
        for (const group of after.pairs.find((p) => p.from === from && p.to === to)?.scope.groups ?? [])
          for (const u of await groupByNickname(source, after, from, group))
            stays.add(u.userPrincipalName ?? '')
        const listed = new Set(change.users)
        gone = now.filter(
          (u) => !stays.has(u.userPrincipalName ?? '') || listed.has(u.userPrincipalName ?? ''),
        )
      }
      for (const user of gone) {
        const name = user.userPrincipalName ?? user.mail ?? user.id ?? '?'
        leaving.set(name, user)
        if (await inTarget(graphOf(ref(to)), user)) present.add(name)
      }
    }
    return { leaving: sortedUnique(leaving.keys()), inTarget: sortedUnique(present) }
  } catch (error) {
    return { leaving: [], inTarget: [], error: error instanceof Error ? error.message : String(error) }
  }
}

/** The report with each destructive change's live radius, and the summary's live count. */
export async function withLiveRadius<R extends { destructive: readonly DestructiveView[]; summary: object }>(
  report: R,
  before: Plan,
  after: Plan,
  graphOf: GraphOf,
): Promise<R> {
  const destructive: DestructiveView[] = []
  for (const change of report.destructive) {
    const live = await liveRadius(change, before, after, graphOf)
    destructive.push(live === undefined ? change : { ...change, live })
  }
  const inTargets = sortedUnique(destructive.flatMap((d) => d.live?.inTarget ?? []))
  return { ...report, destructive, summary: { ...report.summary, usersInTargetsLive: inTargets.length } }
}
