// Multitenant organization refusals over the wire: permissions, the Global-only rule, body checks, the
// owner-only and removal rules, join failures and resets. Every delay is 0 here, so each operation
// completes on the next MTO call (the timing itself is in multiTenantOrganization.integ.test.ts).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Client } from '@microsoft/microsoft-graph-client'
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials'
import { expectGraphError, startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'

type Json = Record<string, unknown>
const mto = '/tenantRelationships/multiTenantOrganization'
const zero = '00000000-0000-0000-0000-000000000000'
const readWrite = ['MultiTenantOrganization.ReadWrite.All']

async function expectError(call: Promise<unknown>, status: number, code: string, message?: string | RegExp) {
  const error = await expectGraphError(call)
  assert.equal(error.statusCode, status, error.message)
  assert.equal(error.code, code)
  if (typeof message === 'string') assert.equal(error.message, message)
  else if (message) assert.match(error.message, message)
}

describe('multitenant organization refusals', () => {
  let t: TestEmulator
  const id: Record<'a' | 'b' | 'c' | 'e', string> = { a: '', b: '', c: '', e: '' }
  const g: Record<'a' | 'b' | 'c' | 'e', Client> = {} as Record<'a' | 'b' | 'c' | 'e', Client>
  const get = async (client: Client, path: string) => (await client.api(path).get()) as Json

  before(async () => {
    t = await startTestEmulator()
    for (const [key, displayName] of [
      ['a', 'Contoso'],
      ['b', 'Fabrikam'],
      ['c', 'Woodgrove'],
      ['e', 'Elsewhere'],
    ] as const) {
      id[key] = (await t.createTenant({ displayName })).id
      g[key] = t.graph(await t.createApp(id[key], readWrite))
    }
    const zeros = { activationSeconds: 0, joinSeconds: 0, roleChangeSeconds: 0, removalSeconds: 0 }
    assert.equal((await t.admin('PUT', '/settings/mto', zeros)).status, 200)
  })
  after(() => t.close())

  it('answers 403 Authorization_RequestDenied without a MultiTenantOrganization permission', async () => {
    const none = t.graph(await t.createApp(id.a, ['Policy.Read.All']))
    await expectError(none.api(mto).get(), 403, 'Authorization_RequestDenied')
    const reader = t.graph(await t.createApp(id.a, ['MultiTenantOrganization.Read.All']))
    await expectError(
      reader.api(mto).put({ displayName: 'x' }),
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    )
  })

  it('refuses every MTO route in a US Gov tenant with 400 Request_BadRequest (Global only)', async () => {
    const gov = await t.createTenant({ displayName: 'Gov', cloud: 'usgov' })
    const app = await t.createApp(gov.id, [...readWrite, 'Policy.Read.All'])
    const client = Client.initWithMiddleware({
      authProvider: new TokenCredentialAuthenticationProvider(t.credential(app), {
        scopes: ['https://graph.microsoft.us/.default'],
      }),
      baseUrl: `${t.emulator.url}/`,
      defaultVersion: 'v1.0',
      customHosts: new Set(['127.0.0.1']),
    })
    const globalOnly = /global service only/
    await expectError(client.api(mto).get(), 400, 'Request_BadRequest', globalOnly)
    await expectError(client.api(mto).put({ displayName: 'Gov MTO' }), 400, 'Request_BadRequest', globalOnly)
    await expectError(client.api(`${mto}/joinRequest`).get(), 400, 'Request_BadRequest', globalOnly)
    await expectError(
      client
        .api('/policies/crossTenantAccessPolicy/templates/multiTenantOrganizationPartnerConfiguration')
        .get(),
      400,
      'Request_BadRequest',
      globalOnly,
    )
  })

  it('checks the PUT body: displayName required, no unknown or read-only properties', async () => {
    await expectError(
      g.a.api(mto).put({ description: 'no name' }),
      400,
      'Request_BadRequest',
      /'displayName' is required/,
    )
    await expectError(
      g.a.api(mto).put({ displayName: 'x', colour: 'blue' }),
      400,
      'Request_BadRequest',
      /'colour' does not exist/,
    )
    await expectError(
      g.a.api(mto).put({ displayName: 'x', state: 'active' }),
      400,
      'Request_BadRequest',
      /read-only/,
    )
  })

  it('refuses a write when the tenant is in no MTO with 404 Directory_ObjectNotFound', async () => {
    await expectError(g.a.api(mto).patch({ description: 'x' }), 404, 'Directory_ObjectNotFound')
    await expectError(
      g.a.api(`${mto}/tenants`).post({ tenantId: id.b, displayName: 'Fabrikam' }),
      404,
      'Directory_ObjectNotFound',
    )
  })

  it('refuses a second PUT with 409 Request_MultipleObjectsWithSameKeyValue, or 400 when so configured', async () => {
    const created = (await g.a.api(mto).put({ displayName: 'Contoso organization' })) as Json
    assert.equal(created.state, 'active', 'activationSeconds 0')
    await expectError(
      g.a.api(mto).put({ displayName: 'again' }),
      409,
      'Request_MultipleObjectsWithSameKeyValue',
    )
    await t.admin('PUT', '/settings/mto', { existingOrganizationStatus: 400 })
    await expectError(g.a.api(mto).put({ displayName: 'again' }), 400, 'Request_BadRequest')
    await t.admin('PUT', '/settings/mto', { existingOrganizationStatus: 409 })
  })

  it('checks the add-tenant body', async () => {
    const tenants = g.a.api(`${mto}/tenants`)
    await expectError(
      tenants.post({ tenantId: id.b }),
      400,
      'Request_BadRequest',
      /'displayName' is required/,
    )
    await expectError(tenants.post({ tenantId: 'fabrikam', displayName: 'F' }), 400, 'Request_BadRequest')
    await expectError(
      tenants.post({ tenantId: id.b, displayName: 'F', state: 'active' }),
      400,
      'Request_BadRequest',
      /read-only/,
    )
    await expectError(
      tenants.post({ tenantId: id.b, displayName: 'F', role: 'admin' }),
      400,
      'Request_BadRequest',
    )
  })

  it('fails a join the owner did not prepare, with the reason in transitionDetails, until it is reset', async () => {
    await g.b.api(`${mto}/joinRequest`).patch({ addedByTenantId: id.a })
    const failed = await get(g.b, `${mto}/joinRequest`)
    assert.equal(failed.memberState, 'pending')
    assert.equal((failed.transitionDetails as Json).status, 'failed')
    assert.match(String((failed.transitionDetails as Json).details), /not added/)
    await expectError(
      g.b.api(`${mto}/joinRequest`).patch({ addedByTenantId: id.a }),
      400,
      'Request_BadRequest',
      /reset first/,
    )
    await g.b.api(`${mto}/joinRequest`).patch({ addedByTenantId: zero })
    const reset = await get(g.b, `${mto}/joinRequest`)
    assert.deepEqual([reset.addedByTenantId, reset.memberState, reset.transitionDetails], [zero, null, null])
  })

  it('joins once added, and refuses to add an active tenant again', async () => {
    for (const key of ['b', 'c'] as const) {
      await g.a.api(`${mto}/tenants`).post({ tenantId: id[key], displayName: key })
      await g[key].api(`${mto}/joinRequest`).patch({ addedByTenantId: id.a })
      assert.equal((await get(g[key], `${mto}/joinRequest`)).memberState, 'active')
    }
    await expectError(
      g.a.api(`${mto}/tenants`).post({ tenantId: id.b, displayName: 'Fabrikam' }),
      400,
      'Request_BadRequest',
      'Tenant is already being added in Multi-Tenant Organization.',
    )
  })

  it('shows only displayName and tenantId to an app with MultiTenantOrganization.ReadBasic.All', async () => {
    const basic = t.graph(await t.createApp(id.a, ['MultiTenantOrganization.ReadBasic.All']))
    const list = (await basic.api(`${mto}/tenants`).get()) as { value: Json[] }
    assert.equal(list.value.length, 3)
    for (const member of list.value) assert.deepEqual(Object.keys(member).sort(), ['displayName', 'tenantId'])
    const one = await get(basic, `${mto}/tenants/${id.b}`)
    assert.deepEqual(
      Object.keys(one)
        .filter((k) => !k.startsWith('@odata'))
        .sort(),
      ['displayName', 'tenantId'],
    )
    const full = await get(g.a, `${mto}/tenants/${id.b}`)
    assert.equal(full.state, 'active')
  })

  it('leaves $filter on the tenant list unsupported (501 NotImplemented)', async () => {
    await expectError(g.a.api(`${mto}/tenants`).filter(`tenantId eq '${id.b}'`).get(), 501, 'NotImplemented')
  })

  it('answers 404 Directory_ObjectNotFound for a tenant that is not in the MTO', async () => {
    await expectError(
      g.a.api(`${mto}/tenants/${id.e}`).get(),
      404,
      'Directory_ObjectNotFound',
      'Unable to read the company information from the directory.',
    )
  })

  it('keeps owner-only operations from member tenants (403 Authorization_RequestDenied)', async () => {
    await expectError(
      g.b.api(`${mto}/tenants`).post({ tenantId: id.e, displayName: 'E' }),
      403,
      'Authorization_RequestDenied',
    )
    await expectError(
      g.b.api(`${mto}/tenants/${id.c}`).patch({ role: 'owner' }),
      403,
      'Authorization_RequestDenied',
    )
    await expectError(g.b.api(`${mto}/tenants/${id.c}`).delete(), 403, 'Authorization_RequestDenied')
    await expectError(g.b.api(mto).patch({ description: 'x' }), 403, 'Authorization_RequestDenied')
  })

  it('refuses to change displayName or read-only member properties', async () => {
    await expectError(
      g.a.api(`${mto}/tenants/${id.b}`).patch({ displayName: 'F' }),
      400,
      'Request_BadRequest',
      /cannot be changed/,
    )
    await expectError(
      g.a.api(`${mto}/tenants/${id.b}`).patch({ state: 'removed' }),
      400,
      'Request_BadRequest',
      /read-only/,
    )
  })

  it('cannot remove an owner tenant, nor the creator after its demotion, nor demote the last owner', async () => {
    await g.a.api(`${mto}/tenants/${id.b}`).patch({ role: 'owner' })
    assert.equal((await get(g.a, `${mto}/tenants/${id.b}`)).role, 'owner')
    await expectError(
      g.a.api(`${mto}/tenants/${id.b}`).delete(),
      400,
      'Request_BadRequest',
      /Owner tenants cannot be removed/,
    )
    await g.b.api(`${mto}/tenants/${id.a}`).patch({ role: 'member' })
    assert.equal((await get(g.b, `${mto}/tenants/${id.a}`)).role, 'member')
    await expectError(
      g.b.api(`${mto}/tenants/${id.a}`).delete(),
      400,
      'Request_BadRequest',
      /original creator/,
    )
    await expectError(
      g.b.api(`${mto}/tenants/${id.b}`).patch({ role: 'member' }),
      400,
      'Request_BadRequest',
      /at least one owner/,
    )
  })

  it('lets a member tenant remove itself', async () => {
    await g.c.api(`${mto}/tenants/${id.c}`).delete()
    assert.equal((await get(g.c, mto)).state, 'inactive')
    await expectError(g.b.api(`${mto}/tenants/${id.c}`).get(), 404, 'Directory_ObjectNotFound')
  })

  it('will not let a tenant in another MTO join', async () => {
    await g.e.api(mto).put({ displayName: 'Elsewhere organization' })
    await g.b.api(`${mto}/tenants`).post({ tenantId: id.e, displayName: 'Elsewhere' })
    await expectError(
      g.e.api(`${mto}/joinRequest`).patch({ addedByTenantId: id.b }),
      400,
      'Request_BadRequest',
      /already part of another multi-tenant organization/,
    )
  })

  it('deletes the MTO when its last owner leaves, pending tenants and all', async () => {
    await g.b.api(`${mto}/tenants/${id.a}`).patch({ role: 'owner' })
    await g.a.api(`${mto}/tenants/${id.b}`).patch({ role: 'member' })
    await g.a.api(`${mto}/tenants/${id.b}`).delete()
    await g.a.api(`${mto}/tenants/${id.a}`).delete()
    assert.equal((await get(g.a, mto)).state, 'inactive')
    assert.deepEqual(((await g.a.api(`${mto}/tenants`).get()) as { value: unknown[] }).value, [])
    assert.equal((await get(g.e, mto)).displayName, 'Elsewhere organization', "E's own MTO is untouched")
    await g.a.api(mto).put({ displayName: 'Contoso again' })
  })
})
