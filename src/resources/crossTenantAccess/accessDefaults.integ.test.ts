// AccessDefaults provider against the emulator, called as the engine calls it: only the given settings
// are written, a change made by hand reads as drift and update repairs it, a setting dropped from the
// inputs goes back to the system default, delete resets to the system default, a configuration someone
// already changed is refused then adopted, a missing permission and check failures.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestEmulator, type TestEmulator } from '../../../test/support/emulator'
import { connectionsFor, providerTenant, type ProviderTenant } from '../../../test/support/providers'
import type { B2BSetting } from '../../topology/plan/types'
import {
  AccessDefaultsProvider,
  type AccessDefaultsInputs,
  type AccessDefaultsOutputs,
} from './accessDefaults'
import { systemDefaults } from './accessDefaultsShapes'

const policy = ['Policy.ReadWrite.CrossTenantAccess']
const group = '6a1c9d2e-0b6f-4d8e-9a55-3f1f0c7d2b10'

/** Inbound collaboration only for one partner group, every application. */
const onlyGroup: B2BSetting = {
  usersAndGroups: { accessType: 'allowed', targets: [{ target: group, targetType: 'group' }] },
  applications: {
    accessType: 'allowed',
    targets: [{ target: 'AllApplications', targetType: 'application' }],
  },
}
const trust = {
  isMfaAccepted: true,
  isCompliantDeviceAccepted: true,
  isHybridAzureADJoinedDeviceAccepted: false,
}

describe('AccessDefaults provider', () => {
  let t: TestEmulator
  let contoso: ProviderTenant
  let emea: ProviderTenant
  let defaults: AccessDefaultsProvider
  let state: AccessDefaultsOutputs

  before(async () => {
    t = await startTestEmulator()
    contoso = await providerTenant(t, 'contoso', policy)
    emea = await providerTenant(t, 'emea', policy)
    defaults = new AccessDefaultsProvider().useConnections(connectionsFor(t, [contoso, emea]))
  })
  after(() => t.close())

  const inputs = (tenant = contoso, adopt = false): AccessDefaultsInputs => ({
    tenant: tenant.ref,
    inboundTrust: trust,
    b2bCollaborationInbound: onlyGroup,
    adopt,
  })
  const id = (tenant = contoso) => `${tenant.ref.tenantId}/crossTenantAccessPolicy/default`
  const live = async (tenant = contoso) =>
    (await t.graph(tenant.app).api('/policies/crossTenantAccessPolicy/default').get()) as Record<
      string,
      unknown
    >
  const patchByHand = (body: object, tenant = contoso) =>
    t.graph(tenant.app).api('/policies/crossTenantAccessPolicy/default').patch(body)

  it('writes only the settings given and returns them, with isServiceDefault false', async () => {
    const created = await defaults.create(inputs())
    assert.equal(created.id, id())
    assert.deepEqual(created.outs, { ...inputs(), isServiceDefault: false })
    state = created.outs
    const now = await live()
    assert.deepEqual(now.b2bCollaborationInbound, onlyGroup)
    assert.deepEqual(
      now.b2bDirectConnectInbound,
      systemDefaults.b2bDirectConnectInbound,
      'not managed: untouched',
    )
  })

  it('reads a change made by hand as drift, and update puts it back', async () => {
    await patchByHand({ inboundTrust: { ...trust, isMfaAccepted: false } })
    const read = await defaults.read(id(), state)
    assert.equal(read.inputs?.inboundTrust?.isMfaAccepted, false)
    assert.deepEqual(read.inputs?.b2bCollaborationInbound, onlyGroup)
    assert.equal('isServiceDefault' in (read.inputs ?? {}), false, 'outputs stay out of the inputs')
    const repaired = await defaults.update(id(), read.props!, inputs())
    assert.deepEqual(repaired.outs, { ...inputs(), isServiceDefault: false })
  })

  it('reads a reset made by hand as drift', async () => {
    await t
      .graph(contoso.app)
      .api('/policies/crossTenantAccessPolicy/default/resetToSystemDefault')
      .post(undefined)
    const read = await defaults.read(id(), state)
    assert.equal(read.id, id(), 'the default configuration never goes away')
    assert.deepEqual(read.inputs?.b2bCollaborationInbound, systemDefaults.b2bCollaborationInbound)
    assert.equal(read.props?.isServiceDefault, true)
    const repaired = await defaults.update(id(), read.props, inputs())
    state = repaired.outs!
    assert.deepEqual((await live()).b2bCollaborationInbound, onlyGroup)
  })

  it('puts a setting dropped from the inputs back to its system default', async () => {
    const { b2bCollaborationInbound: _, ...fewer } = inputs()
    const updated = await defaults.update(id(), state, fewer)
    assert.deepEqual(updated.outs, { ...fewer, isServiceDefault: false })
    assert.deepEqual((await live()).b2bCollaborationInbound, systemDefaults.b2bCollaborationInbound)
    assert.deepEqual((await live()).inboundTrust, trust)
  })

  it('delete resets the configuration to the system default, and deleting again is fine', async () => {
    await defaults.delete(id(), state)
    const now = await live()
    assert.equal(now.isServiceDefault, true)
    assert.deepEqual(now.inboundTrust, systemDefaults.inboundTrust)
    await defaults.delete(id(), state)
  })

  it('refuses a configuration someone already changed, unless adopted', async () => {
    await patchByHand({ b2bDirectConnectOutbound: onlyGroup }, emea)
    await assert.rejects(
      defaults.create(inputs(emea)),
      /default cross-tenant access settings of tenant emea were already changed .* tenants\.emea\.adopt: true/,
    )
    const adopted = await defaults.create(inputs(emea, true))
    assert.deepEqual(adopted.outs, { ...inputs(emea, true), isServiceDefault: false })
    assert.deepEqual((await live(emea)).b2bDirectConnectOutbound, onlyGroup, 'not managed: kept')
  })

  it('names the tenant, the operation and the permission to grant when the app lacks it', async () => {
    const reader = await providerTenant(t, 'reader', ['Policy.Read.All'])
    const provider = new AccessDefaultsProvider().useConnections(connectionsFor(t, [reader]))
    await assert.rejects(provider.create(inputs(reader)), (error: Error) => {
      assert.match(
        error.message,
        /tenant reader \(.*\): set the default cross-tenant access settings of tenant reader/,
      )
      assert.match(
        error.message,
        /grant it the Microsoft Graph application permission Policy\.ReadWrite\.CrossTenantAccess/,
      )
      return true
    })
  })

  it('reports every input problem in check', async () => {
    const result = await defaults.check(inputs(), {
      tenant: { alias: '', tenantId: contoso.ref.tenantId, cloud: 'global' },
      inboundTrust: { isMfaAccepted: 'yes', isCompliantDeviceAccepted: false } as never,
      b2bDirectConnectOutbound: {
        usersAndGroups: { accessType: 'maybe', targets: [{ target: group, targetType: 'application' }] },
        applications: { accessType: 'blocked', targets: [] },
      } as never,
      adopt: false,
    })
    assert.deepEqual(
      result.failures?.map((f) => f.reason.split(' ')[0]),
      [
        'alias',
        'inboundTrust.isMfaAccepted',
        'inboundTrust.isHybridAzureADJoinedDeviceAccepted',
        'b2bDirectConnectOutbound.usersAndGroups.accessType',
        'b2bDirectConnectOutbound.usersAndGroups.targets[0].targetType',
        'b2bDirectConnectOutbound.applications.targets',
      ],
    )
  })
})
