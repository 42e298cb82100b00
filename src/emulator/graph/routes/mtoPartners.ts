// What MTO membership does to cross-tenant access (graph-api.md §4 step 7, §1.7): when a tenant becomes
// active, each pair of it and another active tenant gets, in BOTH tenants, a partner configuration for
// the other with isInMultiTenantOrganization true (created if missing), shaped by that tenant's partner
// template, and an identity sync policy from its sync template; when a tenant leaves, the flag goes
// back to false. These are the service's changes, so their audit entries name the MTO service as the
// initiator, in the tenant whose policy changed.
import { modifiedProperties, recordAudit } from '../audit'
import type { Caller, GraphContext } from '../context'
import type { Body } from '../validate'
import type { TenantStore } from '../../store/tenantStore'
import { zeroTenantId } from './mtoShapes'
import { appliesTo, partnerTemplate, readTemplate, syncTemplate } from './mtoTemplates'
import { identitySyncKind, newPartner, partnerKind } from './xtapShapes'

/** The initiator of the service's own changes. Its appId is a placeholder (the real one is UNCONFIRMED). */
const mtoService: Caller = {
  appId: zeroTenantId,
  appDisplayName: 'Multi-Tenant Organization service (emulator)',
  servicePrincipalId: zeroTenantId,
  roles: [],
}

/** `ctx` acting as the MTO service in another tenant's store (for recordAudit). */
export const serviceContext = (ctx: GraphContext, store: TenantStore): GraphContext => ({
  ...ctx,
  store,
  caller: mtoService,
})

const templatedPolicies = [
  'inboundTrust',
  'b2bCollaborationOutbound',
  'b2bCollaborationInbound',
  'b2bDirectConnectOutbound',
  'b2bDirectConnectInbound',
] as const

/** The template's non-null settings over the partner's (a null template property leaves the partner's alone). */
function withTemplate(partner: Body, template: Body): Body {
  const result: Body = { ...partner }
  for (const name of templatedPolicies)
    if (template[name] !== null && template[name] !== undefined)
      result[name] = structuredClone(template[name])
  const consent = (template.automaticUserConsentSettings ?? {}) as Body
  const current = (partner.automaticUserConsentSettings ?? {}) as Body
  const merged: Body = { ...current }
  for (const key of ['inboundAllowed', 'outboundAllowed'])
    if (consent[key] !== null && consent[key] !== undefined) merged[key] = consent[key]
  result.automaticUserConsentSettings = merged
  return result
}

const changedNames = (before: Body, after: Body): string[] =>
  Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))

/** `ownerId`'s partner configuration and sync policy for `partnerId`, now that both are active MTO tenants. */
function join(ctx: GraphContext, ownerId: string, partnerId: string): void {
  if (ctx.allTenants.getTenant(ownerId) === undefined) return
  const store = ctx.allTenants.tenant(ownerId)
  const service = serviceContext(ctx, store)
  const template = readTemplate(store, partnerTemplate)
  const existing = store.get<Body>(partnerKind, partnerId)
  const before = existing ?? newPartner(partnerId)
  const templated = appliesTo(template, existing === undefined) ? withTemplate(before, template) : before
  const after: Body = { ...templated, isInMultiTenantOrganization: true }
  const changes = modifiedProperties(existing, after, changedNames(existing ?? {}, after))
  if (existing === undefined) {
    // A partner in the deleted bin is replaced by a fresh one, as a POST of the partner would do.
    if (store.find(partnerKind, partnerId) !== undefined) store.purge(partnerKind, partnerId)
    store.insert(partnerKind, partnerId, after)
  } else store.replace(partnerKind, partnerId, after)
  recordAudit(service, {
    category: 'CrossTenantAccessSettings',
    activityDisplayName:
      existing === undefined
        ? 'Add a partner to cross-tenant access setting'
        : 'Update a partner cross-tenant access setting',
    operationType: existing === undefined ? 'Add' : 'Update',
    target: { id: partnerId, type: 'Policy' },
    modifiedProperties: changes,
  })
  joinSync(service, store, partnerId)
}

function joinSync(service: GraphContext, store: TenantStore, partnerId: string): void {
  const template = readTemplate(store, syncTemplate)
  const allowed = ((template.userSyncInbound ?? {}) as Body).isSyncAllowed
  if (typeof allowed !== 'boolean') return
  const existing = store.get<Body>(identitySyncKind, partnerId)
  if (!appliesTo(template, existing === undefined)) return
  const userSyncInbound = { isSyncAllowed: allowed }
  if (existing === undefined) {
    if (store.find(identitySyncKind, partnerId) !== undefined) store.purge(identitySyncKind, partnerId)
    const displayName = service.allTenants.getTenant(partnerId)?.displayName ?? null
    store.insert(identitySyncKind, partnerId, { tenantId: partnerId, displayName, userSyncInbound })
  } else store.replace(identitySyncKind, partnerId, { ...existing, userSyncInbound })
  recordAudit(service, {
    category: 'CrossTenantIdentitySyncSettings',
    activityDisplayName:
      existing === undefined
        ? 'Create a partner cross-tenant identity sync setting'
        : 'Update a partner cross-tenant identity sync setting',
    operationType: existing === undefined ? 'Add' : 'Update',
    target: { id: partnerId, type: 'Policy' },
    modifiedProperties: modifiedProperties(existing, { userSyncInbound }),
  })
}

/** `ownerId`'s partner configuration for `partnerId` no longer marks an MTO tenant (it is kept otherwise). */
function leave(ctx: GraphContext, ownerId: string, partnerId: string): void {
  if (ctx.allTenants.getTenant(ownerId) === undefined) return
  const store = ctx.allTenants.tenant(ownerId)
  const partner = store.get<Body>(partnerKind, partnerId)
  if (partner === undefined || partner.isInMultiTenantOrganization !== true) return
  store.replace(partnerKind, partnerId, { ...partner, isInMultiTenantOrganization: false })
  recordAudit(serviceContext(ctx, store), {
    category: 'CrossTenantAccessSettings',
    activityDisplayName: 'Update a partner cross-tenant access setting',
    operationType: 'Update',
    target: { id: partnerId, type: 'Policy' },
    modifiedProperties: [{ displayName: 'isInMultiTenantOrganization', oldValue: 'true', newValue: 'false' }],
  })
}

/** `tenantId` became active: pair it with each of `peers`, in both directions. */
export function pairJoined(ctx: GraphContext, tenantId: string, peers: readonly string[]): void {
  for (const peer of peers) {
    join(ctx, tenantId, peer)
    join(ctx, peer, tenantId)
  }
}

/** `tenantId` left: unpair it from each of `peers`, in both directions. */
export function pairLeft(ctx: GraphContext, tenantId: string, peers: readonly string[]): void {
  for (const peer of peers) {
    leave(ctx, tenantId, peer)
    leave(ctx, peer, tenantId)
  }
}
