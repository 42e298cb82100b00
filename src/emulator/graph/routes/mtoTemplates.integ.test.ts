// The MTO policy templates over the wire: defaults, PATCH, resetToDefaultSettings, refusals, and
// templateApplicationLevel deciding which partner configurations a join changes.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'

type Json = Record<string, unknown>
const templates = '/policies/crossTenantAccessPolicy/templates'
const partnerTemplate = `${templates}/multiTenantOrganizationPartnerConfiguration`
const syncTemplate = `${templates}/multiTenantOrganizationIdentitySynchronization`
const mto = '/tenantRelationships/multiTenantOrganization'

const withoutContext = (body: Json): Json =>
  Object.fromEntries(Object.entries(body).filter(([k]) => !k.startsWith('@odata')))

describe('MTO policy templates', () => {
  let t: TestEmulator
  let contoso: Client
  let fabrikam: Client
  let reader: Client
  let ids: { contoso: string; fabrikam: string }
  const get = async (client: Client, path: string) => (await client.api(path).get()) as Json

  before(async () => {
    t = await startTestEmulator()
    const roles = ['Policy.ReadWrite.CrossTenantAccess', 'MultiTenantOrganization.ReadWrite.All']
    ids = {
      contoso: (await t.createTenant({ displayName: 'Contoso' })).id,
      fabrikam: (await t.createTenant({ displayName: 'Fabrikam' })).id,
    }
    contoso = t.graph(await t.createApp(ids.contoso, roles))
    fabrikam = t.graph(await t.createApp(ids.fabrikam, roles))
    reader = t.graph(await t.createApp(ids.contoso, ['Policy.Read.All']))
    await t.admin('PUT', '/settings/mto', { activationSeconds: 0, joinSeconds: 0 })
  })
  after(() => t.close())

  it('reads the partner template in its reset state', async () => {
    const body = await get(reader, partnerTemplate)
    assert.match(String(body.id), /^[0-9a-f-]{36}$/)
    assert.deepEqual(withoutContext({ ...body, id: 'x' }), {
      id: 'x',
      templateApplicationLevel: 'newPartners,existingPartners',
      inboundTrust: null,
      b2bCollaborationOutbound: null,
      b2bCollaborationInbound: null,
      b2bDirectConnectOutbound: null,
      b2bDirectConnectInbound: null,
      automaticUserConsentSettings: { inboundAllowed: null, outboundAllowed: null },
    })
  })

  it('reads the identity sync template in its reset state', async () => {
    const body = await get(reader, syncTemplate)
    assert.equal(body.templateApplicationLevel, 'newPartners,existingPartners')
    assert.deepEqual(body.userSyncInbound, { isSyncAllowed: null })
  })

  it('updates a template with PATCH (204), merging nested objects, and resets it (204)', async () => {
    const trust = {
      isMfaAccepted: true,
      isCompliantDeviceAccepted: true,
      isHybridAzureADJoinedDeviceAccepted: true,
    }
    await contoso
      .api(partnerTemplate)
      .patch({ inboundTrust: trust, automaticUserConsentSettings: { inboundAllowed: true } })
    const changed = await get(contoso, partnerTemplate)
    assert.deepEqual(changed.inboundTrust, trust)
    assert.deepEqual(changed.automaticUserConsentSettings, { inboundAllowed: true, outboundAllowed: null })
    await contoso.api(`${partnerTemplate}/resetToDefaultSettings`).post(undefined)
    const reset = await get(contoso, partnerTemplate)
    assert.equal(reset.inboundTrust, null)
    assert.equal(reset.id, changed.id)
  })

  it('refuses an invalid templateApplicationLevel, unknown properties and the read-only id', async () => {
    for (const body of [
      { templateApplicationLevel: 'allPartners' },
      { templateApplicationLevel: 'none,newPartners' },
      { userSyncInbound: { isSyncAllowed: true }, groupSyncInbound: {} },
      { id: 'x' },
    ]) {
      const error = await expectGraphError(contoso.api(syncTemplate).patch(body))
      assert.equal(error.statusCode, 400, JSON.stringify(body))
      assert.equal(error.code, 'Request_BadRequest')
    }
  })

  it('refuses a request body on resetToDefaultSettings', async () => {
    const error = await expectGraphError(contoso.api(`${syncTemplate}/resetToDefaultSettings`).post({ x: 1 }))
    assert.equal(error.statusCode, 400)
  })

  it('lets Policy.Read.All read and refuses its writes with 403 Authorization_RequestDenied', async () => {
    const error = await expectGraphError(
      reader.api(partnerTemplate).patch({ templateApplicationLevel: 'none' }),
    )
    assert.equal(error.statusCode, 403)
    assert.equal(error.code, 'Authorization_RequestDenied')
  })

  it('applies a template only to the partners its templateApplicationLevel names', async () => {
    await contoso.api('/policies/crossTenantAccessPolicy/partners').post({ tenantId: ids.fabrikam })
    // Contoso: template for new partners only, so its existing partner entry for Fabrikam keeps its values.
    await contoso.api(partnerTemplate).patch({
      templateApplicationLevel: 'newPartners',
      automaticUserConsentSettings: { inboundAllowed: true, outboundAllowed: true },
    })
    // Fabrikam: the same for new partners, so its new entry for Contoso gets them.
    await fabrikam.api(partnerTemplate).patch({
      templateApplicationLevel: 'newPartners',
      automaticUserConsentSettings: { inboundAllowed: true, outboundAllowed: true },
    })
    await fabrikam
      .api(syncTemplate)
      .patch({ templateApplicationLevel: 'none', userSyncInbound: { isSyncAllowed: true } })
    await contoso.api(mto).put({ displayName: 'Contoso organization' })
    await contoso.api(`${mto}/tenants`).post({ tenantId: ids.fabrikam, displayName: 'Fabrikam' })
    await fabrikam.api(`${mto}/joinRequest`).patch({ addedByTenantId: ids.contoso })
    const existing = await get(contoso, `/policies/crossTenantAccessPolicy/partners/${ids.fabrikam}`)
    assert.equal(existing.isInMultiTenantOrganization, true)
    assert.deepEqual(existing.automaticUserConsentSettings, { inboundAllowed: null, outboundAllowed: null })
    const created = await get(fabrikam, `/policies/crossTenantAccessPolicy/partners/${ids.contoso}`)
    assert.equal(created.isInMultiTenantOrganization, true)
    assert.deepEqual(created.automaticUserConsentSettings, { inboundAllowed: true, outboundAllowed: true })
    const noSync = await expectGraphError(
      fabrikam.api(`/policies/crossTenantAccessPolicy/partners/${ids.contoso}/identitySynchronization`).get(),
    )
    assert.equal(noSync.statusCode, 404, "a sync template at level 'none' creates no sync policy")
  })

  it('records audit entries for template changes', () => {
    const activities = t.emulator.store
      .tenant(ids.contoso)
      .audits()
      .map((a) => `${String(a.category)}: ${String(a.activityDisplayName)}`)
    assert.ok(
      activities.includes(
        'CrossTenantAccessSettings: Update the multi-tenant organization partner configuration template',
      ),
    )
    assert.ok(
      activities.includes(
        'CrossTenantAccessSettings: Reset the multi-tenant organization partner configuration template',
      ),
    )
  })
})
