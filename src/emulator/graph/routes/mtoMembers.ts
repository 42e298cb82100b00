// The tenants of a multitenant organization (graph-api.md §4): list, add (owners), get, change role
// (owners; asynchronous) and remove (asynchronous). LIMITATIONS: see multiTenantOrganization.ts.
import { graphErrors } from '../../errors'
import type { GraphContext, GraphRoute } from '../context'
import { collection, entity, noContent } from '../replies'
import { checkEnum, fail, isGuid, onlyKnownProperties, requireObject, type Body } from '../validate'
import { readMtoSettings } from './mtoSettings'
import {
  basicMemberView,
  maxTenants,
  memberReadPermissions,
  memberRoles,
  memberShape,
  memberView,
  mtoErrors,
  requireGlobal,
  writePermissions,
  type MemberRole,
  type MtoMember,
  type MtoOrganization,
} from './mtoShapes'
import {
  auditChange,
  membershipOf,
  requireOwner,
  requireVisible,
  saveOrganization,
  settleOrganization,
} from './mtoState'
import { after, canSee, otherActive, remainingOwners } from './mtoTransitions'

const path = '/tenantRelationships/multiTenantOrganization/tenants'
const readOnly = ['addedDateTime', 'addedByTenantId', 'joinedDateTime', 'state', 'transitionDetails', 'id']

/** ReadBasic.All alone shows displayName and tenantId; Read.All, Directory.Read.All or ReadWrite.All everything. */
const basicOnly = (ctx: GraphContext): boolean =>
  !memberReadPermissions.slice(1).some((permission) => ctx.caller.roles.includes(permission))

function shown(ctx: GraphContext, member: MtoMember): Body {
  const view = memberView(member, ctx.clock.now())
  return basicOnly(ctx) ? basicMemberView(view) : view
}

function requireMember(org: MtoOrganization, tenantId: string): MtoMember {
  const member = org.members.find((m) => m.tenantId === tenantId.toLowerCase())
  if (member === undefined) throw graphErrors.directoryObjectNotFound()
  return member
}

function checkAddBody(ctx: GraphContext): { tenantId: string; displayName: string; role: MemberRole } {
  const body = requireObject(ctx.body, 'a multi-tenant organization member')
  for (const name of readOnly) if (body[name] !== undefined) throw mtoErrors.readOnly(name)
  onlyKnownProperties(body, ['tenantId', 'displayName', 'role'], 'multiTenantOrganizationMember')
  for (const name of ['tenantId', 'displayName'])
    if (body[name] === undefined)
      throw graphErrors.badRequest(`The property '${name}' is required when adding a tenant.`)
  if (!isGuid(body.tenantId)) fail('tenantId', body.tenantId, 'a tenant id (GUID)')
  if (typeof body.displayName !== 'string' || body.displayName.trim() === '')
    fail('displayName', body.displayName, 'a non-empty string')
  if (body.role !== undefined) checkEnum(body.role, 'role', memberRoles)
  return {
    tenantId: body.tenantId.toLowerCase(),
    displayName: body.displayName,
    role: (body.role as MemberRole | undefined) ?? 'member',
  }
}

export const mtoMemberRoutes: GraphRoute[] = [
  {
    method: 'GET',
    path,
    permissions: memberReadPermissions,
    query: ['$select'],
    handle: (ctx) => {
      requireGlobal(ctx)
      const membership = membershipOf(ctx)
      const members = membership !== undefined && canSee(membership.self) ? membership.org.members : []
      return collection(
        ctx,
        memberShape,
        members.map((m) => shown(ctx, m)),
      )
    },
  },
  {
    method: 'POST',
    path,
    permissions: writePermissions,
    handle: (ctx) => {
      requireGlobal(ctx)
      const added = checkAddBody(ctx)
      const { org } = requireOwner(ctx, 'add tenants')
      if (org.state !== 'active') throw mtoErrors.notActiveYet()
      const existing = org.members.find((m) => m.tenantId === added.tenantId)
      if (existing?.state === 'removed') throw mtoErrors.beingRemoved(added.tenantId)
      if (existing !== undefined) throw mtoErrors.alreadyAdded()
      if (org.members.length >= maxTenants)
        throw graphErrors.badRequest(
          `The multi-tenant organization already has ${maxTenants} tenants, the self-service limit.`,
        )
      const now = ctx.clock.now().toISOString()
      const member: MtoMember = {
        tenantId: added.tenantId,
        displayName: added.displayName,
        role: 'member',
        state: 'pending',
        addedDateTime: now,
        addedByTenantId: ctx.tenant.id,
        joinedDateTime: null,
        isCreator: false,
        transition: {
          desiredState: 'active',
          desiredRole: added.role,
          fromState: 'pending',
          startedAt: null,
          dueAt: null,
        },
      }
      saveOrganization(ctx, { ...org, members: [...org.members, member] })
      auditChange(ctx, 'Add tenant to multi-tenant organization', 'Add', member.tenantId, [
        { displayName: 'displayName', oldValue: null, newValue: JSON.stringify(member.displayName) },
        { displayName: 'role', oldValue: null, newValue: JSON.stringify(added.role) },
      ])
      return entity(ctx, memberShape, memberView(member, ctx.clock.now()), 201)
    },
  },
  {
    method: 'GET',
    path: `${path}/{tenantId}`,
    permissions: memberReadPermissions,
    query: ['$select'],
    handle: (ctx) => {
      requireGlobal(ctx)
      const { org } = requireVisible(ctx)
      return entity(ctx, memberShape, shown(ctx, requireMember(org, ctx.params.tenantId!)))
    },
  },
  {
    method: 'PATCH',
    path: `${path}/{tenantId}`,
    permissions: writePermissions,
    handle: (ctx) => {
      requireGlobal(ctx)
      const body = requireObject(ctx.body, 'a multi-tenant organization member')
      if (body.displayName !== undefined)
        throw graphErrors.badRequest("The property 'displayName' cannot be changed once set.")
      for (const name of [...readOnly, 'tenantId'])
        if (body[name] !== undefined) throw mtoErrors.readOnly(name)
      onlyKnownProperties(body, ['role'], 'multiTenantOrganizationMember')
      if (body.role !== undefined) checkEnum(body.role, 'role', memberRoles)
      const { org } = requireOwner(ctx, "change tenants' roles")
      const target = requireMember(org, ctx.params.tenantId!)
      if (target.state === 'removed') throw mtoErrors.beingRemoved(target.tenantId)
      const role = body.role as MemberRole | undefined
      const desired = target.transition?.desiredRole ?? target.role
      if (role === undefined || role === desired) return noContent()
      if (role === 'member' && desired === 'owner' && remainingOwners(org, target.tenantId) === 0)
        throw graphErrors.badRequest('A multi-tenant organization must keep at least one owner tenant.')
      const now = ctx.clock.now()
      const settings = readMtoSettings(ctx.allTenants)
      const updated: MtoMember =
        target.state === 'pending'
          ? { ...target, transition: { ...target.transition!, desiredRole: role } }
          : role === target.role
            ? { ...target, transition: null }
            : {
                ...target,
                transition: {
                  desiredState: 'active',
                  desiredRole: role,
                  fromState: 'active',
                  startedAt: now.toISOString(),
                  dueAt: after(now, settings.roleChangeSeconds),
                },
              }
      saveOrganization(ctx, { ...org, members: org.members.map((m) => (m === target ? updated : m)) })
      auditChange(ctx, 'Update tenant in multi-tenant organization', 'Update', target.tenantId, [
        { displayName: 'role', oldValue: JSON.stringify(desired), newValue: JSON.stringify(role) },
      ])
      settleOrganization(ctx, org.homeTenantId)
      return noContent()
    },
  },
  {
    method: 'DELETE',
    path: `${path}/{tenantId}`,
    permissions: writePermissions,
    handle: (ctx) => {
      requireGlobal(ctx)
      const { org, self } = requireVisible(ctx)
      const target = requireMember(org, ctx.params.tenantId!)
      if (target.state === 'removed') throw mtoErrors.beingRemoved(target.tenantId)
      const isSelf = target.tenantId === ctx.tenant.id
      if (!isSelf && (self.state !== 'active' || self.role !== 'owner'))
        throw mtoErrors.ownersOnly('remove other tenants')
      const last = otherActive(org, target.tenantId) === 0
      if (target.isCreator && !last)
        throw graphErrors.badRequest(
          'The original creator tenant of the multi-tenant organization cannot be removed while other tenants remain.',
        )
      if (target.state === 'active' && target.role === 'owner' && !last)
        throw graphErrors.badRequest(
          "Owner tenants cannot be removed from the multi-tenant organization; change the tenant's role to member first.",
        )
      const now = ctx.clock.now()
      const removing: MtoMember = {
        ...target,
        state: 'removed',
        transition: {
          desiredState: 'removed',
          desiredRole: target.role,
          fromState: target.state === 'active' ? 'active' : 'pending',
          startedAt: now.toISOString(),
          dueAt: after(now, readMtoSettings(ctx.allTenants).removalSeconds),
        },
      }
      saveOrganization(ctx, { ...org, members: org.members.map((m) => (m === target ? removing : m)) })
      auditChange(ctx, 'Remove tenant from multi-tenant organization', 'Delete', target.tenantId)
      settleOrganization(ctx, org.homeTenantId)
      return noContent()
    },
  },
]
