// A scoping group's membership through the access layer, in as few requests as Graph allows (graph-api.md
// §6.2, §7.4): user principal names resolved to object ids with $batch (20 lookups per request), members
// added with PATCH /groups/{id} {"members@odata.bind": [...]} 20 at a time (Graph's limit; each request
// adds all of its members or none), removed with $batch of DELETE .../members/{id}/$ref (a 404 there
// means already removed), and every page of a listing followed.
import { batch } from '../../graph/batch'
import { retryWhileNotFound } from '../../graph/consistency'
import { GraphRequestError, type GraphOperation } from '../../graph/errors'
import type { Json, TenantGraph } from '../../graph/tenantGraph'
import { tenantLabel, type TenantRef } from '../shared/tenantRef'

/** Graph's limit of members@odata.bind entries in one request. */
export const maxBindsPerRequest = 20

export interface Member {
  readonly id: string
  /** null for members that are not users (a group or a device added by hand). */
  readonly userPrincipalName: string | null
}

export const toMember = (item: Json): Member => ({
  id: String(item.id),
  userPrincipalName: typeof item.userPrincipalName === 'string' ? item.userPrincipalName : null,
})

/** The same error with the permissions of the part of a batch that failed (a batch has one operation). */
export const withPermissions = (
  error: GraphRequestError,
  permissions: readonly string[],
): GraphRequestError => new GraphRequestError({ ...error.details, permissions }, { cause: error })

/**
 * The users behind `upns`, in order. Every name without a user is reported at once, naming the
 * tenant: scoping groups hold users that exist already (created there, or synced in).
 */
export async function resolveUsers(
  graph: TenantGraph,
  tenant: TenantRef,
  what: string,
  upns: readonly string[],
  permissions: readonly string[],
): Promise<Member[]> {
  if (upns.length === 0) return []
  const results = await batch(
    graph,
    { operation: `look up the members of ${what}`, permissions },
    upns.map((upn) => ({
      method: 'GET' as const,
      url: `/users/${encodeURIComponent(upn)}?$select=id,userPrincipalName`,
      operation: `look up user ${upn} for ${what}`,
    })),
  )
  const missing = upns.filter((_, i) => results[i]!.error?.isNotFound === true)
  if (missing.length > 0)
    throw new Error(
      `${what}: no user ${missing.join(', ')} in tenant ${tenantLabel(tenant)}. Members of a scoping group must be users that already exist in the tenant: create them (or let them be synchronized in) first, or remove them from the group in the topology.`,
    )
  const failed = results.find((r) => r.error !== undefined)
  if (failed?.error !== undefined) throw failed.error
  return results.map((r) => toMember(r.body!))
}

export const bindUrl = (graph: TenantGraph, id: string): string =>
  `${graph.graphRoot}/v1.0/directoryObjects/${id}`

/** Chunks of Graph's members@odata.bind limit. */
export function chunks<T>(items: readonly T[], size = maxBindsPerRequest): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * Adds members 20 per PATCH. A group created moments ago may answer 404 for a while (replication lag);
 * a PATCH that answered 404 added nobody, so it is sent again.
 */
export async function addMembers(
  graph: TenantGraph,
  op: GraphOperation,
  groupId: string,
  memberIds: readonly string[],
): Promise<void> {
  for (const chunk of chunks(memberIds))
    await retryWhileNotFound(graph, op.operation, () =>
      graph.request(op, 'PATCH', `/groups/${groupId}`, {
        body: { 'members@odata.bind': chunk.map((id) => bindUrl(graph, id)) },
      }),
    )
}

/** Removes members with $batch (20 per request); one that is no longer a member is fine. */
export async function removeMembers(
  graph: TenantGraph,
  op: GraphOperation,
  groupId: string,
  memberIds: readonly string[],
): Promise<void> {
  if (memberIds.length === 0) return
  const results = await batch(
    graph,
    op,
    memberIds.map((id) => ({ method: 'DELETE' as const, url: `/groups/${groupId}/members/${id}/$ref` })),
  )
  const failed = results.find((r) => r.error !== undefined && !r.error.isNotFound)
  if (failed?.error !== undefined) throw failed.error
}
