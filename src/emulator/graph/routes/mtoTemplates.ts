// The MTO policy templates (graph-api.md §1.7): per tenant, what a tenant's partner configuration and
// identity sync policy for another MTO tenant get when that tenant joins. GET, PATCH (merge, as partner
// PATCH does) and POST .../resetToDefaultSettings for each. Applied by mtoPartners.ts.
import { graphErrors } from '../../errors'
import { modifiedProperties, recordAudit } from '../audit'
import type { GraphContext, GraphRoute } from '../context'
import { mergePatch } from '../patch'
import { entity, noContent, type EntityShape } from '../replies'
import {
  checkBoolean,
  checkObject,
  fail,
  checkProperties,
  requireObject,
  type Body,
  type Check,
} from '../validate'
import type { TenantStore } from '../../store/tenantStore'
import { requireGlobal, stableId } from './mtoShapes'
import { checkB2BSetting, checkInboundOutbound, checkInboundTrust } from './xtapShapes'

export const partnerTemplateKind = 'mto.partnerTemplate'
export const syncTemplateKind = 'mto.syncTemplate'

const readPermissions = ['Policy.Read.All', 'Policy.ReadWrite.CrossTenantAccess']
const writePermissions = ['Policy.ReadWrite.CrossTenantAccess']
const base = '/policies/crossTenantAccessPolicy/templates'
const levels = ['newPartners', 'existingPartners'] as const
const defaultLevel = 'newPartners,existingPartners'

type Checks = Readonly<Record<string, Check>>

/** templateApplicationLevel: 'none', or newPartners and/or existingPartners (a flags enum, comma-separated). */
function checkLevel(value: unknown, path: string): void {
  const allowed = "'none', 'newPartners', 'existingPartners' or 'newPartners,existingPartners'"
  if (typeof value !== 'string') fail(path, value, allowed)
  const parts = value.split(',').map((s) => s.trim())
  const valid =
    (parts.length === 1 && parts[0] === 'none') ||
    (parts.every((p) => (levels as readonly string[]).includes(p)) && new Set(parts).size === parts.length)
  if (!valid) fail(path, value, allowed)
}

/** The canonical spelling Graph returns (newPartners before existingPartners). */
const normalLevel = (value: string): string => {
  const parts = value.split(',').map((s) => s.trim())
  return parts.includes('none') ? 'none' : levels.filter((l) => parts.includes(l)).join(',')
}

export interface TemplateFamily {
  readonly kind: string
  readonly segment: string
  readonly shape: EntityShape
  readonly writable: Checks
  /** What a property reset to null reads back as (Graph keeps these nested objects with null members). */
  readonly nullAs: Readonly<Record<string, Body>>
  readonly defaults: () => Body
  readonly category: string
  readonly name: string
}

const emptyConsent = { inboundAllowed: null, outboundAllowed: null }

export const partnerTemplate: TemplateFamily = {
  kind: partnerTemplateKind,
  segment: 'multiTenantOrganizationPartnerConfiguration',
  shape: {
    contextPath: `policies/crossTenantAccessPolicy/templates/multiTenantOrganizationPartnerConfiguration`,
    properties: [
      'id',
      'templateApplicationLevel',
      'inboundTrust',
      'b2bCollaborationOutbound',
      'b2bCollaborationInbound',
      'b2bDirectConnectOutbound',
      'b2bDirectConnectInbound',
      'automaticUserConsentSettings',
    ],
    typeName: 'multiTenantOrganizationPartnerConfigurationTemplate',
  },
  writable: {
    templateApplicationLevel: checkLevel,
    inboundTrust: checkInboundTrust,
    b2bCollaborationOutbound: checkB2BSetting,
    b2bCollaborationInbound: checkB2BSetting,
    b2bDirectConnectOutbound: checkB2BSetting,
    b2bDirectConnectInbound: checkB2BSetting,
    automaticUserConsentSettings: checkInboundOutbound,
  },
  nullAs: { automaticUserConsentSettings: emptyConsent },
  defaults: () => ({
    templateApplicationLevel: defaultLevel,
    inboundTrust: null,
    b2bCollaborationOutbound: null,
    b2bCollaborationInbound: null,
    b2bDirectConnectOutbound: null,
    b2bDirectConnectInbound: null,
    automaticUserConsentSettings: { ...emptyConsent },
  }),
  category: 'CrossTenantAccessSettings',
  name: 'multi-tenant organization partner configuration template',
}

export const syncTemplate: TemplateFamily = {
  kind: syncTemplateKind,
  segment: 'multiTenantOrganizationIdentitySynchronization',
  shape: {
    contextPath: `policies/crossTenantAccessPolicy/templates/multiTenantOrganizationIdentitySynchronization`,
    properties: ['id', 'templateApplicationLevel', 'userSyncInbound'],
    typeName: 'multiTenantOrganizationIdentitySyncPolicyTemplate',
  },
  writable: {
    templateApplicationLevel: checkLevel,
    userSyncInbound: (v, p) =>
      checkObject(
        v,
        p,
        { isSyncAllowed: (b, bp) => checkBoolean(b, bp, true) },
        'crossTenantUserSyncInbound',
      ),
  },
  nullAs: { userSyncInbound: { isSyncAllowed: null } },
  defaults: () => ({ templateApplicationLevel: defaultLevel, userSyncInbound: { isSyncAllowed: null } }),
  category: 'CrossTenantIdentitySyncSettings',
  name: 'multi-tenant organization identity synchronization template',
}

/** A tenant's template as stored (its defaults until first changed). */
export const readTemplate = (store: TenantStore, family: TemplateFamily): Body =>
  store.get<Body>(family.kind, 'template') ?? family.defaults()

/** Whether the template applies to a partner whose configuration is new (or already existed). */
export const appliesTo = (template: Body, isNew: boolean): boolean =>
  String(template.templateApplicationLevel)
    .split(',')
    .includes(isNew ? 'newPartners' : 'existingPartners')

const view = (ctx: GraphContext, family: TemplateFamily): Body => ({
  id: stableId(family.kind, ctx.tenant.id),
  ...readTemplate(ctx.store, family),
})

function routesOf(family: TemplateFamily): GraphRoute[] {
  const path = `${base}/${family.segment}`
  return [
    {
      method: 'GET',
      path,
      permissions: readPermissions,
      query: ['$select'],
      handle: (ctx) => {
        requireGlobal(ctx)
        return entity(ctx, family.shape, view(ctx, family))
      },
    },
    {
      method: 'PATCH',
      path,
      permissions: writePermissions,
      handle: (ctx) => {
        requireGlobal(ctx)
        const body = requireObject(ctx.body, `the ${family.name}`)
        if (body.id !== undefined) throw graphErrors.badRequest("The property 'id' is read-only.")
        checkProperties(body, family.writable, family.shape.typeName)
        if (body.templateApplicationLevel === null)
          fail('templateApplicationLevel', null, 'a value, not null')
        const patch: Body = { ...body }
        for (const [name, value] of Object.entries(family.nullAs))
          if (patch[name] === null) patch[name] = value
        if (typeof patch.templateApplicationLevel === 'string')
          patch.templateApplicationLevel = normalLevel(patch.templateApplicationLevel)
        const before = readTemplate(ctx.store, family)
        ctx.store.put(family.kind, 'template', mergePatch(before, patch))
        recordAudit(ctx, {
          category: family.category,
          activityDisplayName: `Update the ${family.name}`,
          operationType: 'Update',
          target: { id: ctx.tenant.id, type: 'Policy' },
          modifiedProperties: modifiedProperties(before, patch),
        })
        return noContent()
      },
    },
    {
      method: 'POST',
      path: `${path}/resetToDefaultSettings`,
      permissions: writePermissions,
      handle: (ctx) => {
        requireGlobal(ctx)
        if (ctx.body !== undefined)
          throw graphErrors.badRequest('resetToDefaultSettings takes no request body.')
        ctx.store.purge(family.kind, 'template')
        recordAudit(ctx, {
          category: family.category,
          activityDisplayName: `Reset the ${family.name}`,
          operationType: 'Update',
          target: { id: ctx.tenant.id, type: 'Policy' },
        })
        return noContent()
      },
    },
  ]
}

export const mtoTemplateRoutes: GraphRoute[] = [...routesOf(partnerTemplate), ...routesOf(syncTemplate)]
