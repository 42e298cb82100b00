// The admin API's own routes: tenants and apps with input errors that say what is allowed, and reset.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestEmulator, type TestEmulator } from '../../../test/support/emulator'

type Problem = { error: { code: string; message: string } }

describe('emulator admin API', () => {
  let t: TestEmulator

  before(async () => {
    t = await startTestEmulator()
  })
  after(() => t.close())

  it('creates a tenant with defaults: global cloud and a domain from its name', async () => {
    const created = await t.admin<{ id: string; cloud: string; initialDomain: string }>('POST', '/tenants', {
      displayName: 'Woodgrove Bank',
    })
    assert.equal(created.status, 201)
    assert.equal(created.body.cloud, 'global')
    assert.equal(created.body.initialDomain, 'woodgrovebank.onmicrosoft.com')
    assert.equal(
      (await t.admin('GET', `/tenants/${created.body.initialDomain}`)).status,
      200,
      'a tenant is found by its domain too',
    )
  })

  it('refuses bad tenant input, naming the field, the value and what is allowed', async () => {
    const cloud = await t.admin<Problem>('POST', '/tenants', { displayName: 'X', cloud: 'azure' })
    assert.equal(cloud.status, 400)
    assert.match(
      cloud.body.error.message,
      /'cloud' is "azure"; expected global \| usgov \| usgovdod \| china/,
    )
    const id = await t.admin<Problem>('POST', '/tenants', { tenantId: 'not-a-guid' })
    assert.match(id.body.error.message, /'tenantId' is 'not-a-guid'; expected a GUID/)
    const json = await t.admin<Problem>('POST', '/tenants', undefined)
    assert.equal(json.status, 201, 'an empty body takes every default')
  })

  it('refuses a second tenant with the same id with 409', async () => {
    const first = await t.admin<{ id: string }>('POST', '/tenants', { displayName: 'Once' })
    const again = await t.admin<Problem>('POST', '/tenants', { tenantId: first.body.id })
    assert.equal(again.status, 409)
  })

  it('refuses app roles that are not a list of names, and apps in unknown tenants', async () => {
    const tenant = await t.createTenant()
    const roles = await t.admin<Problem>('POST', `/tenants/${tenant.id}/apps`, { roles: 'Policy.Read.All' })
    assert.equal(roles.status, 400)
    assert.match(
      roles.body.error.message,
      /'roles' is "Policy.Read.All"; expected an array of Graph application permission names/,
    )
    const missing = await t.admin<Problem>('POST', '/tenants/00000000-0000-4000-8000-000000000009/apps', {})
    assert.equal(missing.status, 404)
  })

  it('answers 404 with a pointer to the docs for an unknown admin route', async () => {
    const unknown = await t.admin<Problem>('GET', '/nothing-here')
    assert.equal(unknown.status, 404)
    assert.match(unknown.body.error.message, /see README\.md/)
  })

  it('resets tenants, counters, faults and throttling to a new emulator state', async () => {
    await t.createTenant()
    assert.equal((await t.admin('PUT', '/faults', { latencyMs: 5, errorRate: 0.5 })).status, 200)
    assert.equal((await t.admin('PUT', '/throttling', { enabled: false })).status, 200)
    assert.equal((await t.admin('POST', '/reset')).status, 204)
    assert.deepEqual((await t.admin<{ value: unknown[] }>('GET', '/tenants')).body.value, [])
    const faults = (await t.admin<{ latencyMs: number; errorRate: number }>('GET', '/faults')).body
    assert.equal(faults.latencyMs, 0)
    assert.equal(faults.errorRate, 0)
    assert.equal((await t.admin<{ enabled: boolean }>('GET', '/throttling')).body.enabled, true)
  })
})
