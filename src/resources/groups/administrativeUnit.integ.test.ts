// AdministrativeUnit provider against the emulator, called as the engine calls it: create (restricted),
// read (live values as inputs, empty on 404), update repairing drift, adoption, delete, a missing
// permission, and check.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { startTestEmulator, type TestEmulator } from '../../../test/support/emulator'
import { connectionsFor, providerTenant, type ProviderTenant } from '../../../test/support/providers'
import { AdministrativeUnitProvider, type AdministrativeUnitInputs } from './administrativeUnit'

type Json = Record<string, unknown>

describe('AdministrativeUnit provider', () => {
  let t: TestEmulator
  let contoso: ProviderTenant
  let units: AdministrativeUnitProvider
  let graph: Client
  let created: { id: string; unitId: string }

  before(async () => {
    t = await startTestEmulator()
    contoso = await providerTenant(t, 'contoso', ['AdministrativeUnit.ReadWrite.All'])
    units = new AdministrativeUnitProvider().useConnections(connectionsFor(t, [contoso]))
    graph = t.graph(contoso.app)
  })
  after(() => t.close())

  const inputs = (
    displayName = 'Contoso synchronization scope',
    adopt = false,
  ): AdministrativeUnitInputs => ({
    tenant: contoso.ref,
    displayName,
    description: 'Scoping groups of cross-tenant synchronization',
    isMemberManagementRestricted: true,
    adopt,
  })

  it('creates a restricted management unit and returns its live settings and id', async () => {
    const result = await units.create(inputs())
    const unitId = result.outs!.administrativeUnitId
    assert.equal(result.id, `${contoso.ref.tenantId}/administrativeUnits/${unitId}`)
    assert.deepEqual(result.outs, { ...inputs(), administrativeUnitId: unitId })
    const live = (await graph.api(`/directory/administrativeUnits/${unitId}`).get()) as Json
    assert.equal(live.isMemberManagementRestricted, true)
    assert.equal(live.displayName, 'Contoso synchronization scope')
    created = { id: result.id, unitId }
  })

  it('reads a rename made by hand as drift, and update puts the name back', async () => {
    await graph.api(`/directory/administrativeUnits/${created.unitId}`).patch({ displayName: 'Renamed' })
    const outs = { ...inputs(), administrativeUnitId: created.unitId }
    const read = await units.read(created.id, outs)
    assert.deepEqual(read.inputs, { ...inputs(), displayName: 'Renamed' }) // the program's shape
    assert.equal(read.id, created.id)
    const updated = await units.update(created.id, read.props!, inputs())
    assert.deepEqual(updated.outs, outs)
  })

  it('refuses a unit with the same displayName, naming it and the adopt setting, unless adopted', async () => {
    await assert.rejects(
      units.create(inputs()),
      new RegExp(
        `administrative unit 'Contoso synchronization scope' in tenant contoso already exists \\(${created.unitId}\\).*tenants\\.contoso\\.adopt: true`,
      ),
    )
    const adopted = await units.create({ ...inputs(undefined, true), description: 'Adopted' })
    assert.equal(adopted.id, created.id)
    assert.equal(adopted.outs!.description, 'Adopted')
  })

  it('refuses to adopt a unit whose restriction differs (Graph sets it only at creation)', async () => {
    await graph.api('/directory/administrativeUnits').post({ displayName: 'Open unit' })
    await assert.rejects(
      units.create(inputs('Open unit', true)),
      /'Open unit' in tenant contoso \(.*\) cannot be adopted: its isMemberManagementRestricted is false, the topology asks for true/,
    )
  })

  it('deletes the unit; reading it then answers gone (empty id), and deleting again is fine', async () => {
    const outs = { ...inputs(), administrativeUnitId: created.unitId }
    await units.delete(created.id, outs)
    assert.deepEqual(await units.read(created.id, outs), {})
    await units.delete(created.id, outs)
  })

  it('names the tenant, the operation and the permission to grant when the app lacks it', async () => {
    const reader = await providerTenant(t, 'reader', ['AdministrativeUnit.Read.All'])
    const provider = new AdministrativeUnitProvider().useConnections(connectionsFor(t, [reader]))
    await assert.rejects(provider.create({ ...inputs(), tenant: reader.ref }), (error: Error) => {
      assert.match(error.message, /tenant reader \(.*\): create the administrative unit 'Contoso/)
      assert.match(
        error.message,
        /grant it the Microsoft Graph application permission AdministrativeUnit\.ReadWrite\.All/,
      )
      return true
    })
  })

  it('reports every input problem in check', async () => {
    const result = await units.check(inputs(), {
      ...inputs(''),
      tenant: { alias: 'contoso', tenantId: 'nope', cloud: 'global' },
      description: 3 as never,
      isMemberManagementRestricted: 'yes' as never,
    })
    assert.deepEqual(
      result.failures?.map((f) => f.property),
      ['tenant', 'displayName', 'description', 'isMemberManagementRestricted'],
    )
  })
})
