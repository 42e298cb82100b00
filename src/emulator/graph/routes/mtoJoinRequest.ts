// The member side of a multitenant organization (graph-api.md §4 step 5): GET and PATCH
// /tenantRelationships/multiTenantOrganization/joinRequest. A tenant an owner added (pending) joins by
// naming that owner in addedByTenantId; the join completes on the clock (joinSeconds). A join the
// owner did not prepare fails, with the reason in transitionDetails, until it is reset with the all-zero
// tenant id. LIMITATIONS: see multiTenantOrganization.ts.
import { randomUUID } from 'node:crypto'
import { graphErrors } from '../../errors'
import type { GraphContext, GraphRoute } from '../context'
import { entity, noContent } from '../replies'
import { fail, isGuid, onlyKnownProperties, requireObject } from '../validate'
import { readMtoSettings } from './mtoSettings'
import {
  joinRequestKind,
  joinRequestShape,
  joinRequestView,
  linkKind,
  mtoErrors,
  readPermissions,
  requireGlobal,
  singleton,
  writePermissions,
  zeroTenantId,
  type JoinRequestRecord,
  type MtoMember,
  type MtoOrganization,
} from './mtoShapes'
import { auditChange, membershipOf, saveOrganization, settleOrganization } from './mtoState'
import { after } from './mtoTransitions'

const path = '/tenantRelationships/multiTenantOrganization/joinRequest'

/** Why the caller cannot join through `ownerId`, or the MTO and the caller's pending member record. */
function joinTarget(
  ctx: GraphContext,
  ownerId: string,
): string | { org: MtoOrganization; member: MtoMember } {
  const owner = membershipOf(ctx, ownerId)
  if (owner === undefined || owner.self?.state !== 'active' || owner.self.role !== 'owner')
    return `Tenant ${ownerId} is not an active owner of a multi-tenant organization.`
  if (owner.org.state !== 'active') return 'The multi-tenant organization is not active yet.'
  const member = owner.org.members.find((m) => m.tenantId === ctx.tenant.id)
  if (member === undefined || member.state !== 'pending' || member.addedByTenantId !== ownerId)
    return `This tenant was not added to the multi-tenant organization by tenant ${ownerId}.`
  return { org: owner.org, member }
}

export const mtoJoinRequestRoutes: GraphRoute[] = [
  {
    method: 'GET',
    path,
    permissions: readPermissions,
    query: ['$select'],
    handle: (ctx) => {
      requireGlobal(ctx)
      const membership = membershipOf(ctx)
      const record = ctx.store.get<JoinRequestRecord>(joinRequestKind, singleton)
      return entity(
        ctx,
        joinRequestShape,
        joinRequestView(ctx.tenant.id, record, membership?.self, ctx.clock.now()),
      )
    },
  },
  {
    method: 'PATCH',
    path,
    permissions: writePermissions,
    handle: (ctx) => {
      requireGlobal(ctx)
      const body = requireObject(ctx.body, 'a multi-tenant organization join request')
      for (const name of ['id', 'memberState', 'role', 'transitionDetails'])
        if (body[name] !== undefined) throw mtoErrors.readOnly(name)
      onlyKnownProperties(body, ['addedByTenantId'], 'multiTenantOrganizationJoinRequestRecord')
      if (body.addedByTenantId === undefined)
        throw graphErrors.badRequest("The property 'addedByTenantId' is required.")
      if (!isGuid(body.addedByTenantId)) fail('addedByTenantId', body.addedByTenantId, 'a tenant id (GUID)')
      const ownerId = body.addedByTenantId.toLowerCase()
      const record = ctx.store.get<JoinRequestRecord>(joinRequestKind, singleton)
      const mine = membershipOf(ctx)
      if (ownerId === zeroTenantId) {
        if (mine !== undefined)
          throw graphErrors.badRequest(
            'Only a failed join request can be reset; this tenant is in, or joining, a multi-tenant organization.',
          )
        if (record?.failure) {
          ctx.store.purge(joinRequestKind, singleton)
          auditChange(ctx, 'Reset multi-tenant organization join request', 'Update', ctx.tenant.id)
        }
        return noContent()
      }
      if (mine !== undefined) {
        const same = membershipOf(ctx, ownerId)?.org.homeTenantId === mine.org.homeTenantId
        throw graphErrors.badRequest(
          same
            ? 'This tenant has already joined, or is joining, this multi-tenant organization.'
            : 'This tenant is already part of another multi-tenant organization; a tenant can belong to one only.',
        )
      }
      if (record?.failure)
        throw graphErrors.badRequest(
          `A failed join request must be reset first: set addedByTenantId to ${zeroTenantId}.`,
        )
      const target = joinTarget(ctx, ownerId)
      const id = randomUUID()
      const audit = [{ displayName: 'addedByTenantId', oldValue: null, newValue: JSON.stringify(ownerId) }]
      if (typeof target === 'string') {
        ctx.store.put(joinRequestKind, singleton, { id, addedByTenantId: ownerId, failure: target })
        auditChange(ctx, 'Join multi-tenant organization', 'Update', ownerId, audit)
        return noContent()
      }
      const { org, member } = target
      const now = ctx.clock.now()
      const joining: MtoMember = {
        ...member,
        transition: {
          ...member.transition!,
          startedAt: now.toISOString(),
          dueAt: after(now, readMtoSettings(ctx.allTenants).joinSeconds),
        },
      }
      saveOrganization(ctx, { ...org, members: org.members.map((m) => (m === member ? joining : m)) })
      ctx.store.put(linkKind, singleton, { homeTenantId: org.homeTenantId, id: randomUUID() })
      ctx.store.put(joinRequestKind, singleton, { id, addedByTenantId: ownerId, failure: null })
      auditChange(ctx, 'Join multi-tenant organization', 'Update', ownerId, audit)
      settleOrganization(ctx, org.homeTenantId)
      return noContent()
    },
  },
]
