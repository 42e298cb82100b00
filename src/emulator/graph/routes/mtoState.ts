// Reading and writing the MTO for a request: find the caller's MTO through its pointer, bring it up to
// the clock (mtoTransitions.settle) and apply what happened meanwhile, then let the route work on it.
// Everything runs inside the request's one transaction, across tenants' stores.
import { errorBody, GraphError, graphErrors } from '../../errors'
import { recordAudit } from '../audit'
import type { GraphContext, GraphRoute, Reply } from '../context'
import {
  joinRequestKind,
  linkKind,
  mtoErrors,
  organizationKind,
  singleton,
  category,
  type MtoLink,
  type MtoMember,
  type MtoOrganization,
} from './mtoShapes'
import { pairJoined, pairLeft, serviceContext } from './mtoPartners'
import { canSee, settle, type MtoEvent } from './mtoTransitions'

export interface Membership {
  readonly org: MtoOrganization
  /** The tenant's pointer to the MTO, with its tenant-local MTO id. */
  readonly link: MtoLink
  /** The tenant's member record, when it is (still) in the list. */
  readonly self: MtoMember | undefined
}

/** Brings the MTO homed in `homeId` up to the clock, stores it, and applies what happened. */
export function settleOrganization(ctx: GraphContext, homeId: string): MtoOrganization | undefined {
  if (ctx.allTenants.getTenant(homeId) === undefined) return undefined
  const home = ctx.allTenants.tenant(homeId)
  const stored = home.get<MtoOrganization>(organizationKind, singleton)
  if (stored === undefined) return undefined
  const { org, events } = settle(stored, ctx.clock.now())
  if (events.length === 0) return stored
  if (org === null) home.purge(organizationKind, singleton)
  else home.replace(organizationKind, singleton, org)
  for (const event of events) applyEvent(ctx, homeId, event)
  return org ?? undefined
}

/** Completed operations, audited in the home tenant as the service's own changes. */
const activities: Record<MtoEvent['kind'], { name: string; operation: 'Update' | 'Delete' }> = {
  activated: { name: 'Activate multi-tenant organization', operation: 'Update' },
  joined: { name: 'Tenant joined multi-tenant organization', operation: 'Update' },
  roleChanged: { name: 'Update tenant role in multi-tenant organization', operation: 'Update' },
  removed: { name: 'Tenant removed from multi-tenant organization', operation: 'Delete' },
  dissolved: { name: 'Delete multi-tenant organization', operation: 'Delete' },
}

function applyEvent(ctx: GraphContext, homeId: string, event: MtoEvent): void {
  if (event.kind === 'joined') pairJoined(ctx, event.tenantId, event.peers)
  if (event.kind === 'removed') {
    if (event.wasActive) pairLeft(ctx, event.tenantId, event.peers)
    unlink(ctx, event.tenantId, homeId)
  }
  if (event.kind === 'dissolved') for (const id of event.remaining) unlink(ctx, id, homeId)
  const activity = activities[event.kind]
  recordAudit(serviceContext(ctx, ctx.allTenants.tenant(homeId)), {
    category,
    activityDisplayName: activity.name,
    operationType: activity.operation,
    target: { id: 'tenantId' in event ? event.tenantId : homeId, type: 'Tenant' },
    modifiedProperties:
      event.kind === 'roleChanged' ? [{ displayName: 'role', oldValue: event.from, newValue: event.to }] : [],
  })
}

/** `tenantId` is no longer in (or joining) the MTO homed in `homeId`: drop its pointer and join record. */
function unlink(ctx: GraphContext, tenantId: string, homeId: string): void {
  if (ctx.allTenants.getTenant(tenantId) === undefined) return
  const store = ctx.allTenants.tenant(tenantId)
  if (store.get<MtoLink>(linkKind, singleton)?.homeTenantId !== homeId) return
  store.purge(linkKind, singleton)
  store.purge(joinRequestKind, singleton)
}

/** The MTO `tenantId` belongs to or is joining, settled to the clock; undefined when there is none. */
export function membershipOf(ctx: GraphContext, tenantId: string = ctx.tenant.id): Membership | undefined {
  if (ctx.allTenants.getTenant(tenantId) === undefined) return undefined
  const store = ctx.allTenants.tenant(tenantId)
  const link = store.get<MtoLink>(linkKind, singleton)
  if (link === undefined) return undefined
  const org = settleOrganization(ctx, link.homeTenantId)
  if (store.get(linkKind, singleton) === undefined) return undefined
  if (org === undefined) {
    store.purge(linkKind, singleton)
    return undefined
  }
  return { org, link, self: org.members.find((m) => m.tenantId === tenantId) }
}

export function saveOrganization(ctx: GraphContext, org: MtoOrganization): void {
  ctx.allTenants.tenant(org.homeTenantId).replace(organizationKind, singleton, org)
}

/** The caller's MTO, when the caller can see it; Directory_ObjectNotFound otherwise (UNCONFIRMED). */
export function requireVisible(ctx: GraphContext): Membership & { self: MtoMember } {
  const membership = membershipOf(ctx)
  if (membership === undefined || !canSee(membership.self)) throw graphErrors.directoryObjectNotFound()
  return { ...membership, self: membership.self }
}

/** The caller's MTO, when the caller is one of its active owners. */
export function requireOwner(ctx: GraphContext, action: string): Membership & { self: MtoMember } {
  const membership = requireVisible(ctx)
  if (membership.self.state !== 'active' || membership.self.role !== 'owner')
    throw mtoErrors.ownersOnly(action)
  return membership
}

/** Records a change the caller made to the MTO, in the caller's tenant. */
export function auditChange(
  ctx: GraphContext,
  activityDisplayName: string,
  operationType: 'Add' | 'Update' | 'Delete',
  targetId: string,
  modifiedProperties: { displayName: string; oldValue: string | null; newValue: string | null }[] = [],
): void {
  recordAudit(ctx, {
    category,
    activityDisplayName,
    operationType,
    target: { id: targetId, type: 'Tenant' },
    modifiedProperties,
  })
}

/**
 * Settling is real progress (the clock has passed; partner configurations and pointers changed), but a
 * refusal thrown after it would roll the request's transaction back and lose it, for example every poll
 * of a removed member that answers 404. So MTO routes answer their refusals as replies: the transaction
 * commits the settlement. Handlers check everything before writing their own changes, so nothing of
 * theirs is half-written; an unexpected (non-Graph) error still rolls everything back.
 */
export function keepingSettlement(route: GraphRoute): GraphRoute {
  return {
    ...route,
    handle: (ctx): Reply => {
      try {
        return route.handle(ctx)
      } catch (error) {
        if (!(error instanceof GraphError)) throw error
        const header = ctx.headers['client-request-id']
        const clientRequestId = typeof header === 'string' ? header : ctx.requestId
        return {
          status: error.status,
          body: errorBody(error, ctx.requestId, clientRequestId, ctx.clock.now()),
          ...(error.headers ? { headers: error.headers } : {}),
        }
      }
    },
  }
}
