// The $batch phases of InvitedUserSet (graph-api.md §7.4): each phase sends one kind of request for
// many users of one tenant in calls of 20, so a set of n users costs about n/20 requests per phase.
import { batch, batchOrThrow, type BatchItem, type BatchResult } from '../../graph/batch'
import { untilReadable } from '../../graph/consistency'
import type { GraphOperation } from '../../graph/errors'
import type { Json, TenantGraph } from '../../graph/tenantGraph'
import {
  existingUserQuery,
  invitationBody,
  patchBody,
  userPath,
  userPermissions as permissions,
} from './b2bUsers'

export interface SetUser {
  readonly email: string
  readonly displayName: string | null
  readonly userType: 'Guest' | 'Member'
  readonly showInAddressList: boolean
  readonly attributes: Readonly<Record<string, string>>
}

/** Users are keyed by their address, compared without case (as Entra compares mail). */
export const userKey = (email: string): string => email.toLowerCase()

/** The users that already answer to each address (by key), one filtered GET per address. */
export async function findExisting(
  graph: TenantGraph,
  where: string,
  emails: readonly string[],
): Promise<Map<string, Json>> {
  const results = await batchOrThrow<{ value?: Json[] }>(
    graph,
    { operation: `look for users answering to the set's addresses in ${where}`, ...permissions.read },
    emails.map(existingUserQuery),
  )
  const found = new Map<string, Json>()
  results.forEach((r, i) => {
    const user = r.body?.value?.[0]
    if (user !== undefined) found.set(userKey(emails[i]!), user)
  })
  return found
}

/**
 * POST /invitations for each user. Returns the user ids Graph gave (by key) and the first failure, if
 * any: invitations that went through are kept so the caller can record them.
 */
export async function inviteAll(
  graph: TenantGraph,
  where: string,
  users: readonly SetUser[],
  sendInvitationMessage: boolean,
  inviteRedirectUrl: string,
): Promise<{ ids: Map<string, string>; error?: Error }> {
  const results = await batch<{ invitedUser?: { id?: string } }>(
    graph,
    { operation: `invite the set's users into ${where}`, ...permissions.invite },
    users.map((u) => ({
      method: 'POST',
      url: '/invitations',
      operation: `invite ${u.email} into ${where}`,
      body: invitationBody(u.email, u.displayName, u.userType, sendInvitationMessage, inviteRedirectUrl),
    })),
  )
  const ids = new Map<string, string>()
  let error: Error | undefined
  results.forEach((r, i) => {
    const id = r.body?.invitedUser?.id
    if (id !== undefined) ids.set(userKey(users[i]!.email), id)
    else
      error ??= r.error ?? new Error(`tenant ${graph.tenant}: invite ${users[i]!.email}: no invitedUser.id`)
  })
  return error === undefined ? { ids } : { ids, error }
}

/**
 * Sends the items, then again those answered 404 (users created moments ago, Entra's replication lag)
 * until none is left or the deadline passes; any other failure throws. Results are in item order.
 */
export async function batchUntilFound<T = Json>(
  graph: TenantGraph,
  what: string,
  op: GraphOperation,
  items: readonly BatchItem[],
): Promise<BatchResult<T>[]> {
  const results = new Array<BatchResult<T>>(items.length)
  let pending = items.map((_, i) => i)
  if (pending.length === 0) return results
  await untilReadable(graph, what, async () => {
    const answers = await batch<T>(
      graph,
      op,
      pending.map((i) => items[i]!),
    )
    const again: number[] = []
    answers.forEach((answer, n) => {
      if (answer.error?.isNotFound === true) again.push(pending[n]!)
      else if (answer.error !== undefined) throw answer.error
      else results[pending[n]!] = answer
    })
    pending = again
    return pending.length === 0 ? true : undefined
  })
  return results
}

/** Sends the items and answers the ones whose object is gone (404), throwing any other failure. */
export async function batchAllowingGone(
  graph: TenantGraph,
  op: GraphOperation,
  items: readonly BatchItem[],
): Promise<BatchResult[]> {
  const results = await batch(graph, op, items)
  const failed = results.find((r) => r.error !== undefined && !r.error.isNotFound)
  if (failed?.error !== undefined) throw failed.error
  return results
}

/** PATCH /users/{id} for each user; users invited moments ago may not be writable yet (404s are sent again). */
export async function patchUsers(
  graph: TenantGraph,
  what: string,
  users: readonly SetUser[],
  ids: ReadonlyMap<string, string>,
  before?: ReadonlyMap<string, SetUser>,
): Promise<void> {
  await batchUntilFound(
    graph,
    `the users of ${what}`,
    { operation: `set the properties of the users of ${what}`, ...permissions.write },
    users.map((u) => ({
      method: 'PATCH',
      url: `/users/${ids.get(userKey(u.email))!}`,
      operation: `set the properties of ${u.email}`,
      body: patchBody(u, before?.get(userKey(u.email))),
    })),
  )
}

/**
 * The live users by key. 'skip' leaves out users that are gone (a refresh); 'wait' retries them
 * through the replication lag (the read that ends a create or update).
 */
export async function readUsers(
  graph: TenantGraph,
  what: string,
  ids: ReadonlyMap<string, string>,
  missing: 'skip' | 'wait',
): Promise<Map<string, Json>> {
  const keys = [...ids.keys()]
  const op = { operation: `read the users of ${what}`, ...permissions.read }
  const items = keys.map((key): BatchItem => ({ method: 'GET', url: userPath(ids.get(key)!) }))
  const results =
    missing === 'wait'
      ? await batchUntilFound(graph, `the users of ${what}`, op, items)
      : await batchAllowingGone(graph, op, items)
  const live = new Map<string, Json>()
  results.forEach((r, i) => {
    if (r.body !== undefined) live.set(keys[i]!, r.body)
  })
  return live
}

/** DELETE /users/{id} (soft delete) for each [key, id]; users already gone are fine. */
export async function deleteUsers(
  graph: TenantGraph,
  what: string,
  users: readonly (readonly [string, string])[],
): Promise<void> {
  await batchAllowingGone(
    graph,
    { operation: `delete ${what}`, ...permissions.delete },
    users.map(([key, id]) => ({ method: 'DELETE', url: `/users/${id}`, operation: `delete ${key}` })),
  )
}
