// What the three multitenant organization resources share (graph-api.md §4): Graph paths, permissions
// (least privileged first), how Graph says "no MTO here", and the checks on tenant ids.
import type * as pulumi from '@pulumi/pulumi'
import { untilReadable, type ConsistencyOptions } from '../../graph/consistency'
import { ConsistencyTimeoutError, GraphRequestError, type GraphOperation } from '../../graph/errors'
import type { Json, TenantGraph } from '../../graph/tenantGraph'
import { isKnown } from '../shared/graphProvider'
import { isGuid } from '../shared/tenantRef'

export const mtoPath = '/tenantRelationships/multiTenantOrganization'
export const tenantsPath = `${mtoPath}/tenants`
export const joinRequestPath = `${mtoPath}/joinRequest`
export const memberPath = (tenantId: string): string => `${tenantsPath}/${tenantId}`

/** Sent as addedByTenantId to reset a failed join request. */
export const zeroTenantId = '00000000-0000-0000-0000-000000000000'

export const mtoPermissions = {
  read: { permissions: ['MultiTenantOrganization.Read.All', 'MultiTenantOrganization.ReadWrite.All'] },
  /** ReadBasic.All shows only displayName and tenantId of a member, so state and role need Read.All. */
  readMembers: {
    permissions: [
      'MultiTenantOrganization.Read.All',
      'Directory.Read.All',
      'MultiTenantOrganization.ReadWrite.All',
    ],
  },
  write: { permissions: ['MultiTenantOrganization.ReadWrite.All'] },
}

/**
 * GET /multiTenantOrganization always answers 200: with no MTO it shows state inactive and null
 * properties. An MTO still being created is inactive too, but has its displayName.
 */
export const organizationExists = (live: Json | undefined): live is Json =>
  live !== undefined && typeof live.displayName === 'string'

/** A check() failure when `value` (known) is not a tenant id. */
export function tenantIdProblem(
  value: unknown,
  property: string,
): { property: string; reason: string } | undefined {
  if (!isKnown(value)) return undefined
  if (!isGuid(value) || value === zeroTenantId)
    return { property, reason: `${property} must be a tenant id (a GUID), got ${JSON.stringify(value)}` }
  return undefined
}

/** A check() failure when `value` (known) is not a non-empty string. */
export function nameProblem(
  value: unknown,
  property: string,
  what: string,
): { property: string; reason: string } | undefined {
  if (!isKnown(value) || (typeof value === 'string' && value.trim() !== '')) return undefined
  return { property, reason: `${property} must be ${what}, got ${JSON.stringify(value)}` }
}

/** MTO is a global-service feature (graph-api.md §4): not in US Gov or China. */
export function globalCloudProblem(tenant: unknown): { property: string; reason: string } | undefined {
  if (!isKnown(tenant) || typeof tenant !== 'object' || tenant === null) return undefined
  const cloud = (tenant as { cloud?: unknown }).cloud
  // An unknown cloud name is tenantRefProblems' to report.
  if (typeof cloud !== 'string' || !['usgov', 'usgovdod', 'china'].includes(cloud)) return undefined
  return {
    property: 'tenant',
    reason: `multitenant organizations exist in the global cloud only; tenant ${String((tenant as { alias?: unknown }).alias)} is in '${cloud}'`,
  }
}

/** read()'s answer: the live outputs, and the live inputs in input shape (the SDK types them as outputs). */
export const liveRead = <I, O extends I>(id: string, props: O, inputs: I): pulumi.dynamic.ReadResult<O> => ({
  id,
  props,
  inputs: inputs as O,
})

/** A check() failure when two known tenant ids are the same tenant. */
export function sameTenantProblem(
  a: unknown,
  b: unknown,
  property: string,
  reason: string,
): { property: string; reason: string } | undefined {
  if (!isKnown(a) || !isKnown(b) || typeof a !== 'string' || typeof b !== 'string') return undefined
  return a.toLowerCase() === b.toLowerCase() ? { property, reason } : undefined
}

/**
 * DELETE .../tenants/{tenantId}: Graph removes the tenant asynchronously. Already gone (404) or already
 * being removed (400) is what the caller wanted.
 */
export async function removeTenant(graph: TenantGraph, op: GraphOperation, tenantId: string): Promise<void> {
  try {
    await graph.request(op, 'DELETE', memberPath(tenantId))
  } catch (error) {
    const done =
      error instanceof GraphRequestError && (error.isNotFound || /being removed/i.test(error.message))
    if (!done) throw error
  }
}

/** Default wait for an organization's activation: Graph says "minutes". */
export const activationDefaults: ConsistencyOptions = {
  deadlineMs: 20 * 60_000,
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
}

/**
 * Waits, under an explicit deadline, until the organization `graph`'s tenant owns is active (Graph adds
 * tenants only then). On timeout, an error that says why `action` could not be done and what to do.
 */
export async function untilOrganizationActive(
  graph: TenantGraph,
  ownerAlias: string,
  action: string,
  options: ConsistencyOptions = {},
): Promise<void> {
  const what = `the multitenant organization owned by ${ownerAlias}`
  const op = { operation: `read ${what}`, ...mtoPermissions.read }
  const isActive = async () => ((await graph.find(op, mtoPath))?.state === 'active' ? true : undefined)
  try {
    await untilReadable(graph, what, isActive, { ...activationDefaults, ...options })
  } catch (error) {
    if (!(error instanceof ConsistencyTimeoutError)) throw error
    throw new Error(
      `tenant ${graph.tenant}: cannot ${action} yet: ${what} was not active after ${(error.waitedMs / 1000).toFixed(0)} s (Graph activates it minutes after its creation; is it created?). Run again later: what was created is kept, the rest is done then.`,
      { cause: error },
    )
  }
}
