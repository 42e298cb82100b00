// AllowedCloudEndpoints provider against the emulator, called as the engine calls it: set, a list
// changed or emptied by hand read as drift and repaired, reset on delete, a list set by someone else
// refused then adopted, a missing permission and check failures.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestEmulator, type TestEmulator } from '../../../test/support/emulator'
import { connectionsFor, providerTenant, type ProviderTenant } from '../../../test/support/providers'
import { AllowedCloudEndpointsProvider, type AllowedCloudEndpointsInputs } from './allowedCloudEndpoints'

const policy = ['Policy.ReadWrite.CrossTenantAccess']

describe('AllowedCloudEndpoints provider', () => {
  let t: TestEmulator
  let contoso: ProviderTenant
  let emea: ProviderTenant
  let endpoints: AllowedCloudEndpointsProvider

  before(async () => {
    t = await startTestEmulator()
    contoso = await providerTenant(t, 'contoso', policy)
    emea = await providerTenant(t, 'emea', policy)
    endpoints = new AllowedCloudEndpointsProvider().useConnections(connectionsFor(t, [contoso, emea]))
  })
  after(() => t.close())

  const inputs = (tenant = contoso, adopt = false): AllowedCloudEndpointsInputs => ({
    tenant: tenant.ref,
    allowedCloudEndpoints: ['microsoftonline.us', 'partner.microsoftonline.cn'],
    adopt,
  })
  const id = (tenant = contoso) => `${tenant.ref.tenantId}/crossTenantAccessPolicy/allowedCloudEndpoints`
  const live = async (tenant = contoso) =>
    (
      (await t.graph(tenant.app).api('/policies/crossTenantAccessPolicy').get()) as {
        allowedCloudEndpoints: string[]
      }
    ).allowedCloudEndpoints
  const setByHand = (list: string[], tenant = contoso) =>
    t.graph(tenant.app).api('/policies/crossTenantAccessPolicy').patch({ allowedCloudEndpoints: list })

  it('sets the list and returns it as outputs', async () => {
    const created = await endpoints.create(inputs())
    assert.equal(created.id, id())
    assert.deepEqual(created.outs, inputs())
    assert.deepEqual(await live(), ['microsoftonline.us', 'partner.microsoftonline.cn'])
  })

  it('reads the same values in another order as no change', async () => {
    await setByHand(['partner.microsoftonline.cn', 'microsoftonline.us'])
    assert.deepEqual((await endpoints.read(id(), inputs())).inputs, inputs())
  })

  it('reads a list changed by hand as drift, and update puts it back', async () => {
    await setByHand(['microsoftonline.us'])
    const read = await endpoints.read(id(), inputs())
    assert.deepEqual(read.inputs?.allowedCloudEndpoints, ['microsoftonline.us'])
    const repaired = await endpoints.update(id(), read.props!, inputs())
    assert.deepEqual(repaired.outs, inputs())
  })

  it('reads a list emptied by hand as drift (the policy itself never goes away)', async () => {
    await setByHand([])
    const read = await endpoints.read(id(), inputs())
    assert.equal(read.id, id())
    assert.deepEqual(read.inputs?.allowedCloudEndpoints, [])
    await endpoints.update(id(), read.props!, inputs())
    assert.deepEqual(await live(), ['microsoftonline.us', 'partner.microsoftonline.cn'])
  })

  it('delete resets the list to Graph default, and deleting again is fine', async () => {
    await endpoints.delete(id(), inputs())
    assert.deepEqual(await live(), [])
    await endpoints.delete(id(), inputs())
    assert.deepEqual(await live(), [])
  })

  it('refuses a list someone else set, naming it and the adopt setting, unless adopted', async () => {
    await setByHand(['microsoftonline.us'], emea)
    await assert.rejects(
      endpoints.create(inputs(emea)),
      /allowed cloud endpoints of tenant emea are already set \(microsoftonline\.us\) .* tenants\.emea\.adopt: true/,
    )
    assert.deepEqual((await endpoints.create(inputs(emea, true))).outs, inputs(emea, true))
    assert.deepEqual(await live(emea), ['microsoftonline.us', 'partner.microsoftonline.cn'])
  })

  it('names the tenant, the operation and the permission to grant when the app lacks it', async () => {
    const reader = await providerTenant(t, 'reader', ['Policy.Read.All'])
    const provider = new AllowedCloudEndpointsProvider().useConnections(connectionsFor(t, [reader]))
    await assert.rejects(provider.create(inputs(reader)), (error: Error) => {
      assert.match(
        error.message,
        /tenant reader \(.*\): set the allowed cloud endpoints of tenant reader failed/,
      )
      assert.match(
        error.message,
        /grant it the Microsoft Graph application permission Policy\.ReadWrite\.CrossTenantAccess/,
      )
      return true
    })
  })

  it('reports every input problem in check', async () => {
    const result = await endpoints.check(inputs(), {
      tenant: { alias: 'contoso', tenantId: 'x', cloud: 'global' },
      allowedCloudEndpoints: ['microsoftonline.us', 'microsoftonline.de', 'microsoftonline.us'] as never,
      adopt: 'yes' as never,
    })
    assert.deepEqual(
      result.failures?.map((f) => f.reason.split(' ')[0]),
      ['tenantId', 'allowedCloudEndpoints[1]', 'allowedCloudEndpoints[2]:', 'adopt'],
    )
    const unknown = await endpoints.check(inputs(), {
      ...inputs(),
      allowedCloudEndpoints: '04da6b54-80e4-46f7-96ec-b56ff0331ba9' as never,
    })
    assert.deepEqual(unknown.failures, [], 'values unknown during preview are not checked')
  })
})
