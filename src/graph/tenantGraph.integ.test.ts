// TenantGraph over the wire against the emulator, through the same classes a real tenant uses
// (@azure/identity's ClientSecretCredential from createCredential, the Graph client with its retry
// handler): request, find and list with paging, the 403 that names the permission to grant, and a
// token failure that names the tenant. Retries and throttling: tenantGraph.retries.integ.test.ts.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { startTestEmulator, type TestApp, type TestEmulator } from '../../test/support/emulator'
import { cloudEndpoints } from './clouds'
import { createCredential } from './credentials'
import { GraphRequestError, type GraphOperation } from './errors'
import { TenantGraph, type Json } from './tenantGraph'

const partners = '/policies/crossTenantAccessPolicy/partners'
const partnerRead: GraphOperation = {
  operation: 'read the partner configuration',
  permissions: ['Policy.Read.All'],
}
const partnerWrite: GraphOperation = {
  operation: 'create the partner configuration for apac',
  permissions: ['Policy.ReadWrite.CrossTenantAccess'],
}
const usersRead: GraphOperation = { operation: 'list the users', permissions: ['User.Read.All'] }

describe('TenantGraph against the emulator', () => {
  let t: TestEmulator
  let app: TestApp
  let graph: TenantGraph

  const tenantGraph = (from: TestApp, clientSecret = from.clientSecret): TenantGraph => {
    const endpoints = cloudEndpoints('global', { authorityHost: t.emulator.url, graphRoot: t.emulator.url })
    return new TenantGraph({
      tenant: `emea (${from.tenantId})`,
      endpoints,
      credential: createCredential(from.tenantId, endpoints, {
        kind: 'clientSecret',
        clientId: from.appId,
        clientSecret,
      }),
    })
  }

  before(async () => {
    t = await startTestEmulator()
    const tenant = await t.createTenant({ displayName: 'EMEA' })
    app = await t.createApp(tenant.id, [
      'Policy.Read.All',
      'Policy.ReadWrite.CrossTenantAccess',
      'User.Read.All',
    ])
    graph = tenantGraph(app)
  })
  after(() => t.close())

  it('creates with request, reads it back with find, and finds nothing (undefined) for a missing id', async () => {
    const apac = await t.createTenant({ displayName: 'APAC' })
    const created = await graph.request(partnerWrite, 'POST', partners, {
      body: { tenantId: apac.id, inboundTrust: { isMfaAccepted: true } },
    })
    assert.equal(created?.tenantId, apac.id)
    const found = await graph.find<Json & { inboundTrust: Json }>(partnerRead, `${partners}/${apac.id}`)
    assert.equal(found?.tenantId, apac.id)
    assert.equal(found?.inboundTrust.isMfaAccepted, true)
    assert.equal(await graph.find(partnerRead, `${partners}/${randomUUID()}`), undefined)
    // find turns only a 404 into undefined: a request that is wrong still throws.
    await assert.rejects(
      graph.find(partnerRead, `${partners}/${apac.id}?$top=1`),
      (e) => e instanceof GraphRequestError && e.status !== 404,
    )
  })

  it('lists a collection of several pages by following @odata.nextLink verbatim, every item once', async () => {
    const tenant = await t.createTenant({ displayName: 'Paged' })
    const users = Array.from({ length: 230 }, (_, i) => ({ displayName: `Paged User ${i}` }))
    const made = await t.admin<{ value: { id: string }[] }>('POST', `/tenants/${tenant.id}/users`, { users })
    assert.equal(made.status, 201)
    const reader = tenantGraph(await t.createApp(tenant.id, ['User.Read.All']))
    const listed = await reader.list<Json>(usersRead, '/users?$select=id,displayName')
    const ids = listed.map((u) => String(u.id))
    assert.equal(new Set(ids).size, ids.length, 'a user came back twice')
    for (const user of made.body.value) assert.ok(ids.includes(user.id), `user ${user.id} is missing`)
    // Pages of 100 (Graph's default): three requests. The nextLink kept $select: no page has more.
    assert.equal(reader.requestCount, Math.ceil(listed.length / 100))
    for (const user of listed)
      assert.deepEqual(
        Object.keys(user).filter((k) => !k.startsWith('@')),
        ['id', 'displayName'],
      )
  })

  it('names the tenant, the operation and the permission to grant when the app lacks it (403)', async () => {
    const readOnly = tenantGraph(await t.createApp(app.tenantId, ['Policy.Read.All']))
    const error = await readOnly
      .request(partnerWrite, 'POST', partners, { body: { tenantId: randomUUID() } })
      .then(() => assert.fail('the create should be refused'))
      .catch((e: unknown) => e)
    assert.ok(error instanceof GraphRequestError, String(error))
    assert.equal(error.status, 403)
    assert.equal(error.code, 'Authorization_RequestDenied')
    assert.ok(error.isPermissionDenied)
    assert.equal(error.tenant, `emea (${app.tenantId})`)
    assert.match(
      error.message,
      new RegExp(`^tenant emea \\(${app.tenantId}\\): create the partner configuration for apac failed`),
    )
    assert.match(
      error.message,
      /POST https:\/\/127\.0\.0\.1:\d+\/v1\.0\/policies\/crossTenantAccessPolicy\/partners/,
    )
    assert.match(
      error.message,
      /grant it the Microsoft Graph application permission Policy\.ReadWrite\.CrossTenantAccess/,
    )
    assert.ok(error.requestId !== undefined && error.message.includes(`request-id ${error.requestId}`))
  })

  it('reports a token failure (wrong client secret) as an Error naming the tenant and operation', async () => {
    const wrong = tenantGraph(app, 'not-the-secret')
    const error = await wrong
      .find(partnerRead, `${partners}/${randomUUID()}`)
      .then(() => assert.fail('the token request should fail'))
      .catch((e: unknown) => e)
    assert.ok(error instanceof Error)
    assert.ok(
      !(error instanceof GraphRequestError),
      `a token failure is not a Graph answer: ${String(error)}`,
    )
    assert.match(
      error.message,
      new RegExp(`^tenant emea \\(${app.tenantId}\\): read the partner configuration failed`),
    )
    assert.match(error.message, /AADSTS7000215|invalid_client/)
    assert.equal(wrong.requestCount, 0, 'no Graph request went out without a token')
  })
})
