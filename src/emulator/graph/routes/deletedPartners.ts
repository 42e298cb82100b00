// The beta bin of deleted partner configurations (graph-api.md §1.6): list, read, restore, purge.
// Partners land here through DELETE .../partners/{tenantId} (crossTenantAccess.ts).
import { graphErrors } from '../../errors'
import { recordAudit } from '../audit'
import type { GraphContext, GraphRoute } from '../context'
import { collection, entity, noContent, type EntityShape } from '../replies'
import type { Body } from '../validate'
import {
  categoryAccess,
  partnerKind,
  partnerProperties,
  partnerShape,
  readPermissions,
  writePermissions,
} from './xtapShapes'

const deletedPartnerShape: EntityShape = {
  ...partnerShape,
  contextPath: 'policies/deletedItems/crossTenantPartners',
  properties: [...partnerProperties, 'deletedDateTime'],
}

export const deletedPartnerRoutes: GraphRoute[] = (() => {
  const path = '/policies/deletedItems/crossTenantPartners'
  const withDeletedAt = (stored: { body: Body; deletedAt: string | undefined }): Body => ({
    ...stored.body,
    deletedDateTime: stored.deletedAt ?? null,
  })
  const requireDeleted = (ctx: GraphContext) => {
    const found = ctx.store.find<Body>(partnerKind, ctx.params.tenantId!.toLowerCase())
    if (found === undefined || found.deletedAt === undefined) throw graphErrors.notFound(ctx.params.tenantId!)
    return found
  }
  return [
    {
      method: 'GET',
      path,
      versions: ['beta'],
      permissions: readPermissions,
      query: ['$select', '$top', '$skiptoken'],
      handle: (ctx) =>
        collection(
          ctx,
          deletedPartnerShape,
          ctx.store.list<Body>(partnerKind, { deleted: true }).map(withDeletedAt),
        ),
    },
    {
      method: 'GET',
      path: `${path}/{tenantId}`,
      versions: ['beta'],
      permissions: readPermissions,
      query: ['$select'],
      handle: (ctx) => entity(ctx, deletedPartnerShape, withDeletedAt(requireDeleted(ctx))),
    },
    {
      method: 'POST',
      path: `${path}/{tenantId}/restore`,
      versions: ['beta'],
      permissions: writePermissions,
      handle: (ctx) => {
        const found = requireDeleted(ctx)
        ctx.store.restore(partnerKind, found.id)
        recordAudit(ctx, {
          category: categoryAccess,
          activityDisplayName: 'Restore partner specific cross-tenant access setting',
          operationType: 'Restore',
          target: { id: found.id, type: 'Policy' },
        })
        return entity(ctx, deletedPartnerShape, withDeletedAt(found))
      },
    },
    {
      method: 'DELETE',
      path: `${path}/{tenantId}`,
      versions: ['beta'],
      permissions: writePermissions,
      handle: (ctx) => {
        ctx.store.purge(partnerKind, requireDeleted(ctx).id)
        return noContent()
      },
    },
  ]
})()
