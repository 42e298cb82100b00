// Shapes of the multitenant organization (graph-api.md §4): what the emulator stores, what Graph shows,
// the permissions and the errors the MTO routes share.
//
// Storage: one MTO is ONE object (kind mto.organization) in its home tenant, the creator's store, so
// every change to it (by any owner tenant) is one write and the transition logic works on one value.
// Every tenant that belongs to it, or is joining it, holds a pointer (mto.link) to that home and its own
// tenant-local MTO id (Graph gives each tenant a different id). A failed join leaves a mto.joinRequest.
import { createHash } from 'node:crypto'
import { GraphError, graphErrors } from '../../errors'
import type { Json } from '../../store/tenantStore'
import type { GraphContext } from '../context'
import type { EntityShape } from '../replies'
import { transitionStatus } from './mtoTransitions'

export const organizationKind = 'mto.organization'
export const linkKind = 'mto.link'
export const joinRequestKind = 'mto.joinRequest'
/** The one id each singleton kind uses in a tenant's store. */
export const singleton = 'singleton'

export const zeroTenantId = '00000000-0000-0000-0000-000000000000'
/** The self-service limit of tenants in one MTO (graph-api.md §4, "about 100"). */
export const maxTenants = 100

export const writePermissions = ['MultiTenantOrganization.ReadWrite.All']
export const readPermissions = ['MultiTenantOrganization.Read.All', 'MultiTenantOrganization.ReadWrite.All']
/** Member reads: ReadBasic.All sees displayName and tenantId only; the others see everything. */
export const memberReadPermissions = [
  'MultiTenantOrganization.ReadBasic.All',
  'MultiTenantOrganization.Read.All',
  'Directory.Read.All',
  'MultiTenantOrganization.ReadWrite.All',
]

export const category = 'MultiTenantOrganizationManagement'

export type MemberRole = 'owner' | 'member'
export type MemberState = 'pending' | 'active' | 'removed'
export const memberRoles: readonly MemberRole[] = ['owner', 'member']

/** A change in progress. Its timing is fixed when it starts, so later settings changes do not move it. */
export interface MtoTransition extends Json {
  desiredState: 'active' | 'removed'
  desiredRole: MemberRole
  /** The state when the change began: removing an active member undoes its partner settings. */
  fromState: 'pending' | 'active'
  /** ISO time the service took the change up; null while an added tenant has not asked to join. */
  startedAt: string | null
  /** ISO time the change completes; null while it waits for the join request. */
  dueAt: string | null
}

export interface MtoMember extends Json {
  tenantId: string
  displayName: string
  role: MemberRole
  state: MemberState
  addedDateTime: string
  addedByTenantId: string
  joinedDateTime: string | null
  /** The tenant that created the MTO: it can never be removed while others remain. */
  isCreator: boolean
  transition: MtoTransition | null
}

export interface MtoOrganization extends Json {
  homeTenantId: string
  displayName: string
  description: string | null
  createdDateTime: string
  state: 'inactive' | 'active'
  /** When the asynchronous creation completes (state becomes active). */
  activeAt: string
  members: MtoMember[]
}

export interface MtoLink extends Json {
  homeTenantId: string
  /** This tenant's own id for the MTO. */
  id: string
}

export interface JoinRequestRecord extends Json {
  id: string
  addedByTenantId: string
  /** Why the join failed, or null when it was accepted. */
  failure: string | null
}

/** A GUID-shaped id that is stable for its inputs (ids Graph shows before anything is stored). */
export function stableId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('|')).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export const organizationShape: EntityShape = {
  contextPath: 'tenantRelationships/multiTenantOrganization',
  properties: ['id', 'createdDateTime', 'displayName', 'description', 'state'],
  typeName: 'multiTenantOrganization',
}

export const memberShape: EntityShape = {
  contextPath: 'tenantRelationships/multiTenantOrganization/tenants',
  properties: [
    'tenantId',
    'displayName',
    'addedDateTime',
    'joinedDateTime',
    'addedByTenantId',
    'role',
    'state',
    'transitionDetails',
  ],
  typeName: 'multiTenantOrganizationMember',
}

export const joinRequestShape: EntityShape = {
  contextPath: 'tenantRelationships/multiTenantOrganization/joinRequest',
  properties: ['id', 'addedByTenantId', 'memberState', 'role', 'transitionDetails'],
  typeName: 'multiTenantOrganizationJoinRequestRecord',
}

/** GET /multiTenantOrganization: the MTO as this tenant sees it, or Graph's "no MTO" answer. */
export function organizationView(org: MtoOrganization | undefined, localId: string | undefined): Json {
  if (org === undefined || localId === undefined)
    return { createdDateTime: null, displayName: null, description: null, state: 'inactive' }
  return {
    id: localId,
    createdDateTime: org.createdDateTime,
    displayName: org.displayName,
    description: org.description,
    state: org.state,
  }
}

export function memberView(member: MtoMember, now: Date): Json {
  const t = member.transition
  return {
    tenantId: member.tenantId,
    displayName: member.displayName,
    addedDateTime: member.addedDateTime,
    joinedDateTime: member.joinedDateTime,
    addedByTenantId: member.addedByTenantId,
    role: member.role,
    state: member.state,
    transitionDetails:
      t === null
        ? null
        : {
            desiredState: t.desiredState,
            desiredRole: t.desiredRole,
            status: transitionStatus(t, now),
            details: null,
          },
  }
}

/** The member view an app with only MultiTenantOrganization.ReadBasic.All gets. */
export const basicMemberView = (view: Json): Json => ({
  tenantId: view.tenantId,
  displayName: view.displayName,
})

export function joinRequestView(
  tenantId: string,
  record: JoinRequestRecord | undefined,
  self: MtoMember | undefined,
  now: Date,
): Json {
  const id = record?.id ?? stableId('joinRequest', tenantId)
  if (self !== undefined) {
    const t = self.transition
    return {
      id,
      addedByTenantId: self.addedByTenantId,
      memberState: self.state,
      role: self.state === 'pending' ? null : self.role,
      transitionDetails:
        t === null
          ? null
          : { desiredMemberState: t.desiredState, status: transitionStatus(t, now), details: '' },
    }
  }
  if (record?.failure)
    return {
      id,
      addedByTenantId: record.addedByTenantId,
      memberState: 'pending',
      role: null,
      transitionDetails: { desiredMemberState: 'active', status: 'failed', details: record.failure },
    }
  return { id, addedByTenantId: zeroTenantId, memberState: null, role: null, transitionDetails: null }
}

/** Refusals the MTO routes share. Statuses and messages marked UNCONFIRMED are listed in multiTenantOrganization.ts. */
export const mtoErrors = {
  /** UNCONFIRMED code: Graph documents MTO as Global-only without saying how other clouds are refused. */
  notGlobal: (cloud: string) =>
    graphErrors.badRequest(
      `Multi-tenant organization is available in the global service only; this tenant is in the '${cloud}' cloud.`,
    ),
  /** UNCONFIRMED: a second PUT; the status (400 or 409) is an admin setting. */
  exists: (status: 400 | 409) =>
    status === 409
      ? new GraphError(
          409,
          'Request_MultipleObjectsWithSameKeyValue',
          'This tenant is already part of a multi-tenant organization.',
        )
      : graphErrors.badRequest('This tenant is already part of a multi-tenant organization.'),
  ownersOnly: (action: string) =>
    new GraphError(
      403,
      'Authorization_RequestDenied',
      `Only an active owner tenant of the multi-tenant organization can ${action}.`,
    ),
  alreadyAdded: () => graphErrors.badRequest('Tenant is already being added in Multi-Tenant Organization.'),
  notActiveYet: () =>
    graphErrors.badRequest(
      'The multi-tenant organization is not active yet. Poll GET /tenantRelationships/multiTenantOrganization until its state is active.',
    ),
  beingRemoved: (tenantId: string) =>
    graphErrors.badRequest(`Tenant ${tenantId} is being removed from the Multi-Tenant Organization.`),
  readOnly: (name: string) => graphErrors.badRequest(`The property '${name}' is read-only.`),
}

/** MTO (and its templates) exist in the global service only (graph-api.md §4, §7.9). */
export function requireGlobal(ctx: GraphContext): void {
  if (ctx.tenant.cloud !== 'global') throw mtoErrors.notGlobal(ctx.tenant.cloud)
}
