// What the cross-tenant synchronization resources share (graph-api.md §3): the gallery template id,
// Graph permissions per operation (least privileged first, so a 403 names the one to grant), the
// resources' typed ids, and a batched read: several GETs to one tenant in one $batch call (one Graph
// request per resource on refresh), with a 404 item answered as undefined and a 403 item naming the
// permission of that item, not the batch's.
import { batch, type BatchItem } from '../../graph/batch'
import { GraphRequestError, type GraphOperation } from '../../graph/errors'
import type { Json, TenantGraph } from '../../graph/tenantGraph'

/** Microsoft's cross-tenant synchronization application template (graph-api.md §3.2). */
export const ctsTemplateId = '518e5f48-1fc8-4c48-9387-9fdf28b0dfe7'
/** The synchronization template of a CTS job (graph-api.md §3.5). */
export const ctsJobTemplateId = 'Azure2Azure'

/** Application permissions per kind of call, least privileged first (graph-api.md §3.2-§3.8). */
export const ctsPermissions = {
  /** Read applications and service principals. */
  appRead: ['Application.Read.All', 'Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All'],
  /** Instantiate the template; rename or delete the application and service principal. */
  appWrite: ['Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All'],
  /** Read jobs, secrets and schema. */
  syncRead: ['Synchronization.Read.All', 'Synchronization.ReadWrite.All', 'Application.ReadWrite.OwnedBy'],
  /**
   * Create, start, pause and delete jobs; write secrets and schema; provision on demand (deleting a
   * scope assignment deprovisions its users). OwnedBy: when the app owns the SP.
   */
  syncWrite: ['Synchronization.ReadWrite.All', 'Application.ReadWrite.OwnedBy'],
  /** List a service principal's app role assignments. */
  assignmentRead: ['Application.Read.All', 'AppRoleAssignment.ReadWrite.All'],
  /** Add and remove app role assignments. */
  assignmentWrite: ['AppRoleAssignment.ReadWrite.All'],
  /** List a group's members (deleting a group's scope assignment deprovisions them). */
  memberRead: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'],
  /** Find a user by user principal name. */
  userRead: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'],
} as const

/** `<tenantId>/servicePrincipals/<spId>/jobs/<jobId>`: a configuration (and the job SyncStart starts). */
export const jobResourceId = (tenantId: string, spId: string, jobId: string): string =>
  `${tenantId}/servicePrincipals/${spId}/jobs/${jobId}`

export function parseJobResourceId(id: string): { tenantId: string; spId: string; jobId: string } {
  const match = /^([0-9a-f-]{36})\/servicePrincipals\/([0-9a-f-]{36})\/jobs\/([^/]+)(?:\/start)?$/i.exec(id)
  if (match === null)
    throw new Error(
      `'${id}' is not a synchronization job id (<tenantId>/servicePrincipals/<servicePrincipalId>/jobs/<jobId>)`,
    )
  return { tenantId: match[1]!, spId: match[2]!, jobId: match[3]! }
}

export const syncPath = (spId: string): string => `/servicePrincipals/${spId}/synchronization`
export const jobPath = (spId: string, jobId: string): string =>
  `${syncPath(spId)}/jobs/${encodeURIComponent(jobId)}`

/** One GET of a batched read, with the permissions that allow it (least first). */
export interface ReadItem {
  readonly url: string
  readonly operation: string
  readonly permissions: readonly string[]
}

/**
 * GETs `items` in one $batch call (up to 20): each answer in order, undefined for a 404. Any other
 * failure throws, a 403 naming the item's own permission.
 */
export async function batchRead(
  graph: TenantGraph,
  operation: string,
  items: readonly ReadItem[],
): Promise<(Json | undefined)[]> {
  const requests: BatchItem[] = items.map((i) => ({ method: 'GET', url: i.url, operation: i.operation }))
  const op: GraphOperation = { operation, permissions: items[0]?.permissions ?? [] }
  const results = await batch(graph, op, requests)
  return results.map((result, n) => {
    if (result.error === undefined) return result.body ?? {}
    if (result.error.isNotFound) return undefined
    throw new GraphRequestError({ ...result.error.details, permissions: items[n]!.permissions })
  })
}
