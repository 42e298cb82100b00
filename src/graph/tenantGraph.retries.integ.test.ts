// TenantGraph's retries over the wire: injected 503/504 answers (the emulator's faults) retried after
// their Retry-After until they stop, or until maxRetries; every attempt counted in requestCount; and a
// burst beyond the emulator's throttling budget (made small with its scale) that still gets through.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { startTestEmulator, type TestApp, type TestEmulator } from '../../test/support/emulator'
import { cloudEndpoints } from './clouds'
import { createCredential } from './credentials'
import { GraphRequestError, type GraphOperation } from './errors'
import { TenantGraph } from './tenantGraph'

const partnerRoute = 'GET /policies/crossTenantAccessPolicy/partners/{tenantId}'
const read: GraphOperation = {
  operation: 'read the partner configuration for apac',
  permissions: ['Policy.Read.All'],
}
const readUser: GraphOperation = { operation: 'read a user', permissions: ['User.Read.All'] }

describe('TenantGraph retries and throttling', () => {
  let t: TestEmulator
  let app: TestApp
  let partnerPath: string

  const tenantGraph = (from: TestApp, maxRetries?: number): TenantGraph => {
    const endpoints = cloudEndpoints('global', { authorityHost: t.emulator.url, graphRoot: t.emulator.url })
    const credential = createCredential(from.tenantId, endpoints, {
      kind: 'clientSecret',
      clientId: from.appId,
      clientSecret: from.clientSecret,
    })
    return new TenantGraph({
      tenant: `emea (${from.tenantId})`,
      endpoints,
      credential,
      ...(maxRetries === undefined ? {} : { maxRetries }),
    })
  }
  /** How many times the emulator answered `route` (as "METHOD /version/path") with `status`. */
  const served = async (route: string, status: number): Promise<number> => {
    const reply = await t.admin<{ value: { route: string; status: number; count: number }[] }>(
      'GET',
      '/counters',
    )
    return reply.body.value.find((c) => c.route === route && c.status === status)?.count ?? 0
  }
  const partnerServed = (status: number): Promise<number> =>
    served(partnerRoute.replace(' /', ' /v1.0/'), status)
  const setFaults = async (settings: Record<string, unknown>): Promise<void> => {
    const reply = await t.admin('PUT', '/faults', settings)
    assert.equal(reply.status, 200, JSON.stringify(reply.body))
  }

  before(async () => {
    t = await startTestEmulator()
    const tenant = await t.createTenant({ displayName: 'EMEA', size: 'S' })
    app = await t.createApp(tenant.id, ['Policy.ReadWrite.CrossTenantAccess', 'User.Read.All'])
    const apac = await t.createTenant({ displayName: 'APAC' })
    await tenantGraph(app).request(
      { operation: 'create the partner configuration for apac', permissions: [] },
      'POST',
      '/policies/crossTenantAccessPolicy/partners',
      { body: { tenantId: apac.id } },
    )
    partnerPath = `/policies/crossTenantAccessPolicy/partners/${apac.id}`
  })
  afterEach(async () => {
    await t.admin('DELETE', '/faults')
    await t.admin('PUT', '/throttling', {})
    await t.admin('DELETE', '/counters')
  })
  after(() => t.close())

  it('retries 503 answers after their Retry-After until they stop, counting every attempt', async () => {
    const graph = tenantGraph(app)
    await setFaults({ errorRate: 1, errorStatus: 503, retryAfterSeconds: 1, routes: [partnerRoute] })
    const started = Date.now()
    const pending = graph.find(read, partnerPath)
    // Let two attempts fail, then stop the fault: the third (or a later) attempt succeeds.
    while ((await partnerServed(503)) < 2) await new Promise((resolve) => setTimeout(resolve, 50))
    await t.admin('DELETE', '/faults')
    const partner = await pending
    const failed = await partnerServed(503)
    assert.ok(partner?.tenantId, 'the partner came back')
    assert.equal(await partnerServed(200), 1)
    assert.equal(graph.requestCount, failed + 1, 'requestCount counts the retries')
    assert.ok(Date.now() - started >= failed * 1000 - 50, `each of ${failed} retries waited Retry-After: 1`)
  })

  it('gives up after maxRetries with the last answer as a GraphRequestError', async () => {
    const graph = tenantGraph(app, 2)
    await setFaults({ errorRate: 1, errorStatus: 504, retryAfterSeconds: 0, routes: [partnerRoute] })
    const error = await graph
      .find(read, partnerPath)
      .then(() => assert.fail('every attempt was answered 504'))
      .catch((e: unknown) => e)
    assert.ok(error instanceof GraphRequestError, String(error))
    assert.equal(error.status, 504)
    assert.equal(error.code, 'gatewayTimeout')
    assert.match(
      error.message,
      /read the partner configuration for apac failed \(GET https:.*: 504 gatewayTimeout/,
    )
    assert.equal(graph.requestCount, 3, 'one request and two retries')
    assert.equal(await partnerServed(504), 3)
  })

  it('gets a burst beyond the throttling budget through by honouring Retry-After', async () => {
    // An S tenant's 3,500 resource units per 10 s, scaled down to 100. The budget is first drained (reads
    // without retries until one is refused), so the burst is throttled whatever the machine's speed;
    // a burst of 5 (less than a second of refill, 10 units) gets through after its Retry-After. (Throttled
    // calls are charged too, as in Graph, so a burst larger than the refill would starve itself.)
    await t.admin('PUT', '/throttling', { scale: 100 / 3500 })
    const tenant = await t.createTenant({ displayName: 'Burst', size: 'S' })
    const reader = await t.createApp(tenant.id, ['User.Read.All'])
    const made = await t.admin<{ value: { id: string }[] }>('POST', `/tenants/${tenant.id}/users`, {
      users: [{ displayName: 'Burst Reader' }],
    })
    const userId = made.body.value[0]!.id
    const drain = tenantGraph(reader, 0)
    let drained = 0
    for (; drained < 500; drained++) {
      const refused = await drain.request(readUser, 'GET', `/users/${userId}`).then(
        () => false,
        (error: unknown) => error instanceof GraphRequestError && error.status === 429,
      )
      if (refused) break
    }
    assert.ok(drained < 500, 'the budget ran out')
    const throttledBefore = await served('GET /v1.0/users/{id}', 429)
    const graph = tenantGraph(reader)
    const started = Date.now()
    const users = await Promise.all(
      Array.from({ length: 5 }, () => graph.request(readUser, 'GET', `/users/${userId}`)),
    )
    const elapsed = Date.now() - started
    assert.ok(users.every((u) => u?.id === userId))
    const throttled = (await served('GET /v1.0/users/{id}', 429)) - throttledBefore
    assert.ok(throttled > 0, 'the burst was throttled')
    assert.equal(await served('GET /v1.0/users/{id}', 200), drained + 5)
    assert.equal(graph.requestCount, 5 + throttled)
    assert.ok(elapsed >= 1000, `throttled reads waited their Retry-After (at least 1 s), took ${elapsed} ms`)
  })
})
