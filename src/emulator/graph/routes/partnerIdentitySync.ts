// Partner identity synchronization policy, the target tenant's side of cross-tenant sync
// (graph-api.md §2): PUT creates (409 when it exists: not an upsert), PATCH updates, DELETE soft-deletes
// into the beta bin /policies/deletedItems/crossTenantSyncPolicyPartners.
//
// LIMITATIONS (UNCONFIRMED in the reference): GET or PATCH of a missing policy and PUT under a missing
// partner answer 404 Directory_ObjectNotFound; PUT over a policy in the deleted bin creates a fresh one.
import { graphErrors } from '../../errors'
import { modifiedProperties, recordAudit } from '../audit'
import type { GraphContext, GraphRoute } from '../context'
import { collection, entity, noContent, type EntityShape } from '../replies'
import {
  checkBoolean,
  checkObject,
  checkString,
  isGuid,
  checkProperties,
  requireObject,
  type Body,
} from '../validate'
import { identitySyncKind, partnerKind } from './xtapShapes'

const readPermissions = ['Policy.Read.All', 'Policy.ReadWrite.CrossTenantAccess']
const writePermissions = ['Policy.ReadWrite.CrossTenantAccess']
const category = 'CrossTenantIdentitySyncSettings'
const path = '/policies/crossTenantAccessPolicy/partners/{tenantId}/identitySynchronization'

const syncToggle = (v: unknown, p: string): void =>
  checkObject(v, p, { isSyncAllowed: (b, bp) => checkBoolean(b, bp) }, 'crossTenantUserSyncInbound')

function writable(ctx: GraphContext): Readonly<Record<string, (v: unknown, p: string) => void>> {
  const v1 = { displayName: (v: unknown, p: string) => checkString(v, p, true), userSyncInbound: syncToggle }
  // Beta-only members (group sync preview, cross-cloud sync).
  return ctx.version === 'beta'
    ? {
        ...v1,
        groupSyncInbound: syncToggle,
        externalCloudAuthorizedApplicationId: (v: unknown, p: string) => checkString(v, p, true),
      }
    : v1
}

const shape = (ctx: GraphContext): EntityShape => ({
  contextPath: `policies/crossTenantAccessPolicy/partners('${ctx.params.tenantId}')/identitySynchronization`,
  properties: ['tenantId', ...Object.keys(writable(ctx))],
  typeName: 'crossTenantIdentitySyncPolicyPartner',
})

function partnerId(ctx: GraphContext): string {
  const id = ctx.params.tenantId!.toLowerCase()
  if (ctx.store.get(partnerKind, id) === undefined) throw graphErrors.directoryObjectNotFound()
  return id
}

function checkBody(ctx: GraphContext, what: string): Body {
  const body = requireObject(ctx.body, what)
  const fields = writable(ctx)
  if (
    body.tenantId !== undefined &&
    (typeof body.tenantId !== 'string' || body.tenantId.toLowerCase() !== ctx.params.tenantId!.toLowerCase())
  ) {
    throw graphErrors.badRequest("The property 'tenantId' is read-only; it is taken from the URL.")
  }
  delete body.tenantId
  checkProperties(body, fields, 'crossTenantIdentitySyncPolicyPartner')
  return body
}

export const partnerIdentitySyncRoutes: GraphRoute[] = [
  {
    method: 'PUT',
    path,
    permissions: writePermissions,
    handle: (ctx) => {
      const id = partnerId(ctx)
      const body = checkBody(ctx, 'a partner identity synchronization policy')
      const existing = ctx.store.find<Body>(identitySyncKind, id)
      if (existing !== undefined && existing.deletedAt === undefined) throw graphErrors.conflictingObject()
      if (existing !== undefined) ctx.store.purge(identitySyncKind, id)
      const created: Body = {
        tenantId: id,
        displayName: null,
        userSyncInbound: { isSyncAllowed: false },
        ...body,
      }
      ctx.store.insert(identitySyncKind, id, created)
      recordAudit(ctx, {
        category,
        activityDisplayName: 'Create a partner cross-tenant identity sync setting',
        operationType: 'Add',
        target: { id, displayName: created.displayName as string | null, type: 'Policy' },
        modifiedProperties: modifiedProperties(undefined, body),
      })
      return noContent()
    },
  },
  {
    method: 'GET',
    path,
    permissions: readPermissions,
    query: ['$select'],
    handle: (ctx) => {
      const sync = ctx.store.get<Body>(identitySyncKind, partnerId(ctx))
      if (sync === undefined) throw graphErrors.directoryObjectNotFound()
      return entity(ctx, shape(ctx), sync)
    },
  },
  {
    method: 'PATCH',
    path,
    permissions: writePermissions,
    handle: (ctx) => {
      const id = partnerId(ctx)
      const sync = ctx.store.get<Body>(identitySyncKind, id)
      if (sync === undefined) throw graphErrors.directoryObjectNotFound()
      const body = checkBody(ctx, 'a partner identity synchronization policy')
      ctx.store.replace(identitySyncKind, id, { ...sync, ...body })
      recordAudit(ctx, {
        category,
        activityDisplayName: 'Update a partner cross-tenant identity sync setting',
        operationType: 'Update',
        target: { id, displayName: (body.displayName ?? sync.displayName) as string | null, type: 'Policy' },
        modifiedProperties: modifiedProperties(sync, body),
      })
      return noContent()
    },
  },
  {
    method: 'DELETE',
    path,
    permissions: writePermissions,
    handle: (ctx) => {
      const id = partnerId(ctx)
      if (ctx.store.get(identitySyncKind, id) === undefined) throw graphErrors.directoryObjectNotFound()
      ctx.store.softDelete(identitySyncKind, id, ctx.clock.now().toISOString())
      recordAudit(ctx, {
        category,
        activityDisplayName: 'Delete a partner cross-tenant identity sync setting',
        operationType: 'Delete',
        target: { id, type: 'Policy' },
      })
      return noContent()
    },
  },
  ...deletedSyncPolicyRoutes(),
]

function deletedSyncPolicyRoutes(): GraphRoute[] {
  const bin = '/policies/deletedItems/crossTenantSyncPolicyPartners'
  const binShape: EntityShape = {
    contextPath: 'policies/deletedItems/crossTenantSyncPolicyPartners',
    properties: [
      'tenantId',
      'displayName',
      'userSyncInbound',
      'groupSyncInbound',
      'externalCloudAuthorizedApplicationId',
      'deletedDateTime',
    ],
    typeName: 'crossTenantIdentitySyncPolicyPartner',
  }
  const view = (stored: { body: Body; deletedAt: string | undefined }): Body => ({
    ...stored.body,
    deletedDateTime: stored.deletedAt ?? null,
  })
  const requireDeleted = (ctx: GraphContext) => {
    const key = ctx.params.tenantId!
    const found = isGuid(key) ? ctx.store.find<Body>(identitySyncKind, key.toLowerCase()) : undefined
    if (found === undefined || found.deletedAt === undefined) throw graphErrors.notFound(key)
    return found
  }
  return [
    {
      method: 'GET',
      path: bin,
      versions: ['beta'],
      permissions: readPermissions,
      query: ['$select', '$top', '$skiptoken'],
      handle: (ctx) =>
        collection(ctx, binShape, ctx.store.list<Body>(identitySyncKind, { deleted: true }).map(view)),
    },
    {
      method: 'GET',
      path: `${bin}/{tenantId}`,
      versions: ['beta'],
      permissions: readPermissions,
      query: ['$select'],
      handle: (ctx) => entity(ctx, binShape, view(requireDeleted(ctx))),
    },
    {
      method: 'DELETE',
      path: `${bin}/{tenantId}`,
      versions: ['beta'],
      permissions: writePermissions,
      handle: (ctx) => {
        ctx.store.purge(identitySyncKind, requireDeleted(ctx).id)
        return noContent()
      },
    },
  ]
}
