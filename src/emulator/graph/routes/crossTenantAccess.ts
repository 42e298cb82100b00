// Cross-tenant access policy: the policy singleton, /default (with resetToSystemDefault), partners
// (soft delete) and the beta deleted-partners bin. graph-api.md §1.
//
// LIMITATIONS (known differences from Graph, each UNCONFIRMED in the reference):
// - PATCH merges one level deep: a nested object's members that the body names replace the stored
//   ones, members it omits are kept; a top-level null resets the property to "inherit".
// - A missing partner answers 404 Directory_ObjectNotFound; deleting a partner that still has an
//   identity sync policy answers 400 Request_BadRequest.
// - POST of a partner whose tenantId is in the deleted bin creates a fresh partner (the bin entry is purged).
// - The 25 KB limit is checked on the PATCH body of /policies/crossTenantAccessPolicy only.
// - Newer members (m365Capabilities, appServiceConnectInbound, ...) are not modelled and are refused.
import { graphErrors } from '../../errors'
import { modifiedProperties, recordAudit } from '../audit'
import type { GraphContext, GraphRoute } from '../context'
import { mergePatch } from '../patch'
import { deletedPartnerRoutes } from './deletedPartners'
import { collection, entity, noContent, type EntityShape } from '../replies'
import { checkProperties, fail, isGuid, onlyKnownProperties, requireObject, type Body } from '../validate'
import {
  allowedCloudEndpointValues,
  defaultProperties,
  defaultWritable,
  newPartner,
  partnerWritable,
  systemDefault,
  defaultKind,
  identitySyncKind,
  partnerKind,
  policyKind,
  categoryAccess,
  partnerShape,
  readPermissions,
  writePermissions,
} from './xtapShapes'

const base = '/policies/crossTenantAccessPolicy'

const policyShape: EntityShape = {
  contextPath: 'policies/crossTenantAccessPolicy',
  properties: ['id', 'displayName', 'allowedCloudEndpoints'],
  typeName: 'crossTenantAccessPolicy',
}
const defaultShape: EntityShape = {
  contextPath: 'policies/crossTenantAccessPolicy/default',
  properties: defaultProperties,
  typeName: 'crossTenantAccessPolicyConfigurationDefault',
}

function policy(ctx: GraphContext): Body {
  return (
    ctx.store.get<Body>(policyKind, 'policy') ?? {
      id: 'crossTenantAccessPolicy',
      displayName: 'CrossTenantAccessPolicy',
      allowedCloudEndpoints: [],
    }
  )
}

function currentDefault(ctx: GraphContext): Body {
  return ctx.store.get<Body>(defaultKind, 'default') ?? systemDefault()
}

function requirePartner(ctx: GraphContext): Body {
  const partner = ctx.store.get<Body>(partnerKind, ctx.params.tenantId!.toLowerCase())
  if (partner === undefined) throw graphErrors.directoryObjectNotFound()
  return partner
}

/** The partner as Graph shows it: with identitySynchronization only when expanded and present. */
function partnerView(ctx: GraphContext, partner: Body): Body {
  const expand = ctx.query.expand ?? []
  for (const name of expand)
    if (name !== 'identitySynchronization')
      throw graphErrors.badRequest(
        `Could not find a navigation property named '${name}' on type 'microsoft.graph.crossTenantAccessPolicyConfigurationPartner'.`,
      )
  if (expand.length === 0) return partner
  const sync = ctx.store.get<Body>(identitySyncKind, String(partner.tenantId))
  return sync === undefined ? partner : { ...partner, identitySynchronization: sync }
}

function selectWithExpand(ctx: GraphContext): GraphContext {
  // $select names properties; an expanded navigation is kept even when not selected (Graph's behaviour).
  if (ctx.query.select === undefined || ctx.query.expand === undefined) return ctx
  return { ...ctx, query: { ...ctx.query, select: [...new Set([...ctx.query.select, ...ctx.query.expand])] } }
}

export const crossTenantAccessRoutes: GraphRoute[] = [
  {
    method: 'GET',
    path: base,
    permissions: readPermissions,
    query: ['$select'],
    handle: (ctx) => entity(ctx, policyShape, policy(ctx)),
  },
  {
    method: 'PATCH',
    path: base,
    permissions: writePermissions,
    handle: (ctx) => {
      const body = requireObject(ctx.body, 'a cross-tenant access policy')
      onlyKnownProperties(body, ['displayName', 'allowedCloudEndpoints'], 'crossTenantAccessPolicy')
      if (JSON.stringify(body).length > 25 * 1024)
        throw graphErrors.badRequest('The cross-tenant access policy would exceed its size limit of 25 KB.')
      if (body.displayName !== undefined && typeof body.displayName !== 'string')
        fail('displayName', body.displayName, 'a string')
      if (body.allowedCloudEndpoints !== undefined) {
        const values = body.allowedCloudEndpoints
        if (!Array.isArray(values) || values.some((v) => !allowedCloudEndpointValues.includes(v as never))) {
          fail('allowedCloudEndpoints', values, `an array of ${allowedCloudEndpointValues.join(', ')}`)
        }
      }
      const before = policy(ctx)
      ctx.store.put(policyKind, 'policy', { ...before, ...body })
      recordAudit(ctx, {
        category: categoryAccess,
        activityDisplayName: 'Update the cross-tenant access policy',
        operationType: 'Update',
        target: { id: ctx.tenant.id, type: 'Policy' },
        modifiedProperties: modifiedProperties(before, body),
      })
      return noContent()
    },
  },
  {
    method: 'GET',
    path: `${base}/default`,
    permissions: readPermissions,
    query: ['$select'],
    handle: (ctx) => entity(ctx, defaultShape, currentDefault(ctx)),
  },
  {
    method: 'PATCH',
    path: `${base}/default`,
    permissions: writePermissions,
    handle: (ctx) => {
      const body = requireObject(ctx.body, 'the default cross-tenant access configuration')
      if (body.automaticUserConsentSettings !== undefined) {
        throw graphErrors.badRequest(
          "The property 'automaticUserConsentSettings' is read-only on the default configuration; set it on a partner configuration.",
        )
      }
      if (body.isServiceDefault !== undefined)
        throw graphErrors.badRequest(
          "The property 'isServiceDefault' is read-only; use resetToSystemDefault.",
        )
      checkProperties(body, defaultWritable, 'crossTenantAccessPolicyConfigurationDefault')
      for (const [name, value] of Object.entries(body))
        if (value === null) fail(name, value, 'an object (the default configuration has no inherit)')
      const before = currentDefault(ctx)
      ctx.store.put(defaultKind, 'default', { ...mergePatch(before, body), isServiceDefault: false })
      recordAudit(ctx, {
        category: 'CrossTenantIdentitySyncSettings',
        activityDisplayName: 'Update the company default cross-tenant access setting',
        operationType: 'Update',
        target: { id: ctx.tenant.id, type: 'Policy' },
        modifiedProperties: modifiedProperties(before, body),
      })
      return noContent()
    },
  },
  {
    method: 'POST',
    path: `${base}/default/resetToSystemDefault`,
    permissions: writePermissions,
    handle: (ctx) => {
      if (ctx.body !== undefined) throw graphErrors.badRequest('resetToSystemDefault takes no request body.')
      ctx.store.purge(defaultKind, 'default')
      recordAudit(ctx, {
        category: categoryAccess,
        activityDisplayName: 'Reset the cross-tenant access default setting',
        operationType: 'Update',
        target: { id: ctx.tenant.id, type: 'Policy' },
      })
      return noContent()
    },
  },
  {
    method: 'GET',
    path: `${base}/partners`,
    permissions: readPermissions,
    query: ['$select', '$expand', '$top', '$skiptoken'],
    handle: (ctx) =>
      collection(
        selectWithExpand(ctx),
        partnerShape,
        ctx.store.list<Body>(partnerKind).map((p) => partnerView(ctx, p.body)),
      ),
  },
  {
    method: 'POST',
    path: `${base}/partners`,
    permissions: writePermissions,
    handle: (ctx) => {
      const body = requireObject(ctx.body, 'a partner configuration')
      const { tenantId, ...settings } = body
      if (tenantId === undefined)
        throw graphErrors.badRequest(
          "The property 'tenantId' is required when creating a partner configuration.",
        )
      if (!isGuid(tenantId)) fail('tenantId', tenantId, 'a tenant id (GUID)')
      const id = tenantId.toLowerCase()
      if (id === ctx.tenant.id)
        throw graphErrors.badRequest('A partner configuration cannot be created for your own tenant.')
      checkProperties(settings, partnerWritable, 'crossTenantAccessPolicyConfigurationPartner')
      // Graph refuses isServiceProvider (true or false) from app-only callers ([3P], graph-api.md §1.4).
      if (settings.isServiceProvider !== undefined) throw graphErrors.forbidden()
      const existing = ctx.store.find<Body>(partnerKind, id)
      if (existing !== undefined && existing.deletedAt === undefined) throw graphErrors.conflict('tenantId')
      if (existing !== undefined) ctx.store.purge(partnerKind, id)
      const created = mergePatch(newPartner(id), settings)
      ctx.store.insert(partnerKind, id, created)
      recordAudit(ctx, {
        category: categoryAccess,
        activityDisplayName: 'Add a partner to cross-tenant access setting',
        operationType: 'Add',
        target: { id, type: 'Policy' },
        modifiedProperties: modifiedProperties(undefined, { tenantId: id }),
      })
      return entity(ctx, partnerShape, created, 201)
    },
  },
  {
    method: 'GET',
    path: `${base}/partners/{tenantId}`,
    permissions: readPermissions,
    query: ['$select', '$expand'],
    handle: (ctx) => entity(selectWithExpand(ctx), partnerShape, partnerView(ctx, requirePartner(ctx))),
  },
  {
    method: 'PATCH',
    path: `${base}/partners/{tenantId}`,
    permissions: writePermissions,
    handle: (ctx) => {
      const partner = requirePartner(ctx)
      const body = requireObject(ctx.body, 'a partner configuration')
      if (
        body.tenantId !== undefined &&
        (typeof body.tenantId !== 'string' || body.tenantId.toLowerCase() !== partner.tenantId)
      )
        throw graphErrors.badRequest("The property 'tenantId' cannot be changed.")
      delete body.tenantId
      checkProperties(body, partnerWritable, 'crossTenantAccessPolicyConfigurationPartner')
      if (body.isServiceProvider !== undefined) throw graphErrors.forbidden()
      ctx.store.replace(partnerKind, String(partner.tenantId), mergePatch(partner, body))
      recordAudit(ctx, {
        category: categoryAccess,
        activityDisplayName: 'Update a partner cross-tenant access setting',
        operationType: 'Update',
        target: { id: String(partner.tenantId), type: 'Policy' },
        modifiedProperties: modifiedProperties(partner, body),
      })
      return noContent()
    },
  },
  {
    method: 'DELETE',
    path: `${base}/partners/{tenantId}`,
    permissions: writePermissions,
    handle: (ctx) => {
      const partner = requirePartner(ctx)
      const id = String(partner.tenantId)
      if (ctx.store.get(identitySyncKind, id) !== undefined) {
        throw graphErrors.badRequest(
          `The partner configuration for tenant ${id} still has an identity synchronization policy; delete .../partners/${id}/identitySynchronization first.`,
        )
      }
      ctx.store.softDelete(partnerKind, id, ctx.clock.now().toISOString())
      recordAudit(ctx, {
        category: categoryAccess,
        activityDisplayName: 'Delete partner specific cross-tenant access setting',
        operationType: 'Delete',
        target: { id, type: 'Policy' },
      })
      return noContent()
    },
  },
  ...deletedPartnerRoutes,
]
