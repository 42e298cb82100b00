// PartnerAccess and IdentitySync providers against the emulator, called as the engine calls them:
// create, read (live values as inputs, empty on 404), update, delete, adoption, and a missing permission.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestEmulator, type TestEmulator } from '../../../test/support/emulator'
import { connectionsFor, providerTenant, type ProviderTenant } from '../../../test/support/providers'
import { IdentitySyncProvider, type IdentitySyncInputs } from './identitySync'
import { PartnerAccessProvider, type PartnerAccessInputs } from './partnerAccess'

const policy = ['Policy.ReadWrite.CrossTenantAccess']

describe('PartnerAccess and IdentitySync providers', () => {
  let t: TestEmulator
  let contoso: ProviderTenant
  let emea: ProviderTenant
  let partners: PartnerAccessProvider
  let sync: IdentitySyncProvider

  before(async () => {
    t = await startTestEmulator()
    contoso = await providerTenant(t, 'contoso', policy)
    emea = await providerTenant(t, 'emea', policy)
    const connections = connectionsFor(t, [contoso, emea])
    partners = new PartnerAccessProvider().useConnections(connections)
    sync = new IdentitySyncProvider().useConnections(connections)
  })
  after(() => t.close())

  const partnerInputs = (adopt = false): PartnerAccessInputs => ({
    tenant: contoso.ref,
    partner: { alias: 'emea', tenantId: emea.ref.tenantId },
    inboundTrust: {
      isMfaAccepted: true,
      isCompliantDeviceAccepted: false,
      isHybridAzureADJoinedDeviceAccepted: false,
    },
    automaticUserConsentSettings: { inboundAllowed: true, outboundAllowed: null },
    b2bCollaborationInbound: null,
    b2bCollaborationOutbound: null,
    adopt,
  })
  const syncInputs = (): IdentitySyncInputs => ({
    tenant: contoso.ref,
    partner: { alias: 'emea', tenantId: emea.ref.tenantId },
    displayName: 'EMEA',
    userSyncInbound: { isSyncAllowed: true },
    adopt: false,
  })

  it('creates a partner entry and returns the live settings as outputs', async () => {
    const created = await partners.create(partnerInputs())
    assert.equal(created.id, `${contoso.ref.tenantId}/partners/${emea.ref.tenantId}`)
    assert.deepEqual(created.outs, partnerInputs())
  })

  it('refuses to take over an existing entry, naming it and the adopt setting, unless adopted', async () => {
    await assert.rejects(
      partners.create(partnerInputs()),
      /partner configuration for emea .* in tenant contoso already exists .* tenants\.contoso\.adopt: true/,
    )
    const adopted = await partners.create(partnerInputs(true))
    assert.deepEqual(adopted.outs, partnerInputs(true))
  })

  it('reads a change made by hand as drift, and update puts it back', async () => {
    const id = `${contoso.ref.tenantId}/partners/${emea.ref.tenantId}`
    const graph = t.graph(contoso.app)
    await graph.api(`/policies/crossTenantAccessPolicy/partners/${emea.ref.tenantId}`).patch({
      inboundTrust: {
        isMfaAccepted: false,
        isCompliantDeviceAccepted: false,
        isHybridAzureADJoinedDeviceAccepted: false,
      },
    })
    const read = await partners.read(id, partnerInputs())
    assert.equal(read.inputs?.inboundTrust?.isMfaAccepted, false)
    const updated = await partners.update(id, read.props!, partnerInputs())
    assert.equal(updated.outs?.inboundTrust?.isMfaAccepted, true)
  })

  it('creates the inbound sync allowance (PUT once, PATCH after) and sees it turned off by hand', async () => {
    const created = await sync.create(syncInputs())
    assert.deepEqual(created.outs, syncInputs())
    const graph = t.graph(contoso.app)
    await graph
      .api(`/policies/crossTenantAccessPolicy/partners/${emea.ref.tenantId}/identitySynchronization`)
      .patch({ userSyncInbound: { isSyncAllowed: false } })
    const read = await sync.read(created.id, syncInputs())
    assert.deepEqual(read.inputs?.userSyncInbound, { isSyncAllowed: false })
    const repaired = await sync.update(created.id, read.props!, syncInputs())
    assert.deepEqual(repaired.outs?.userSyncInbound, { isSyncAllowed: true })
  })

  it('deletes the allowance, then the entry; reading them then answers gone (empty id)', async () => {
    const syncId = `${contoso.ref.tenantId}/partners/${emea.ref.tenantId}/identitySynchronization`
    const partnerId = `${contoso.ref.tenantId}/partners/${emea.ref.tenantId}`
    await sync.delete(syncId, syncInputs())
    await partners.delete(partnerId, partnerInputs())
    assert.deepEqual(await sync.read(syncId, syncInputs()), {})
    assert.deepEqual(await partners.read(partnerId, partnerInputs()), {})
    await partners.delete(partnerId, partnerInputs()) // already gone: not an error
  })

  it('names the tenant, the operation and the permission to grant when the app lacks it', async () => {
    const reader = await providerTenant(t, 'reader', ['Policy.Read.All'])
    const provider = new PartnerAccessProvider().useConnections(connectionsFor(t, [reader]))
    await assert.rejects(provider.create({ ...partnerInputs(), tenant: reader.ref }), (error: Error) => {
      assert.match(error.message, /tenant reader \(.*\): create the partner configuration for emea/)
      assert.match(
        error.message,
        /grant it the Microsoft Graph application permission Policy\.ReadWrite\.CrossTenantAccess/,
      )
      return true
    })
  })

  it('reports every input problem in check', async () => {
    const result = await partners.check(partnerInputs(), {
      ...partnerInputs(),
      tenant: { alias: '', tenantId: 'nope', cloud: 'mars' } as never,
      partner: { alias: 'x', tenantId: 'bad' },
    })
    assert.deepEqual(
      result.failures?.map((f) => f.reason.split(' ')[0]),
      ['alias', 'tenantId', 'cloud', 'partner.tenantId'],
    )
  })
})
