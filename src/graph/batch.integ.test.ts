// $batch over the wire against the emulator: chunks of 20 answered in the caller's order, item errors
// returned (batchOrThrow throws the first), bodies and per-item operations, and retries of the items
// (only those) answered 429 by throttling or 503 by an injected fault, after the largest Retry-After.
// Waits go through the injected sleep, which moves the emulator's clock (its throttling refills on it)
// or clears the fault, so the tests run in well under a second each.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, afterEach, before, describe, it } from 'node:test'
import { startTestEmulator, type TestApp, type TestEmulator } from '../../test/support/emulator'
import { batch, batchOrThrow, type BatchItem } from './batch'
import { cloudEndpoints } from './clouds'
import { createCredential } from './credentials'
import { GraphRequestError, type GraphOperation } from './errors'
import { TenantGraph, type Json } from './tenantGraph'

const read: GraphOperation = { operation: 'read the members of emea-sales', permissions: ['User.Read.All'] }
const write: GraphOperation = { operation: 'update the users of emea', permissions: ['User.ReadWrite.All'] }

describe('batch against the emulator', () => {
  let t: TestEmulator
  let app: TestApp
  let userIds: string[]

  const tenantGraph = (clientSecret = app.clientSecret): TenantGraph => {
    const endpoints = cloudEndpoints('global', { authorityHost: t.emulator.url, graphRoot: t.emulator.url })
    return new TenantGraph({
      tenant: `emea (${app.tenantId})`,
      endpoints,
      credential: createCredential(app.tenantId, endpoints, {
        kind: 'clientSecret',
        clientId: app.appId,
        clientSecret,
      }),
    })
  }
  const served = async (route: string, status: number): Promise<number> => {
    const reply = await t.admin<{ value: { route: string; status: number; count: number }[] }>(
      'GET',
      '/counters',
    )
    return reply.body.value.find((c) => c.route === route && c.status === status)?.count ?? 0
  }
  const reads = (ids: readonly string[]): BatchItem[] =>
    ids.map((id) => ({ method: 'GET', url: `/users/${id}` }))
  /** A sleep that records each wait and lets that much time pass on the emulator's clock. */
  const emulatorSleep = (waits: number[]) => async (ms: number) => {
    waits.push(ms)
    await t.admin('POST', '/clock/advance', { seconds: ms / 1000 })
  }

  before(async () => {
    t = await startTestEmulator()
    const tenant = await t.createTenant({ displayName: 'EMEA', size: 'S' })
    app = await t.createApp(tenant.id, ['User.ReadWrite.All'])
    const users = Array.from({ length: 44 }, (_, i) => ({ displayName: `Batch User ${i}` }))
    const made = await t.admin<{ value: { id: string }[] }>('POST', `/tenants/${tenant.id}/users`, { users })
    userIds = made.body.value.map((u) => u.id)
  })
  afterEach(async () => {
    await t.admin('DELETE', '/faults')
    await t.admin('PUT', '/throttling', {})
    await t.admin('DELETE', '/counters')
  })
  after(() => t.close())

  it('sends 45 reads as 3 batch calls and answers in order, a missing id as a 404 item error', async () => {
    const graph = tenantGraph()
    const missing = randomUUID()
    const ids = [...userIds.slice(0, 30), missing, ...userIds.slice(30)]
    const results = await batch(graph, read, reads(ids))
    assert.equal(graph.requestCount, 3)
    assert.equal(await served('POST /v1.0/$batch', 200), 3)
    assert.equal(await served('GET /v1.0/users/{id}', 200), 44)
    ids.forEach((id, i) => {
      if (i !== 30) assert.equal(results[i]!.body?.id, id, `result ${i}`)
    })
    const failed = results[30]!
    assert.equal(failed.status, 404)
    assert.ok(failed.error instanceof GraphRequestError)
    assert.equal(failed.error.code, 'Request_ResourceNotFound')
    assert.ok(failed.error.requestId)
    assert.match(
      failed.error.message,
      new RegExp(`read the members of emea-sales failed \\(GET https://\\S+/v1\\.0/users/${missing}: 404`),
    )
    assert.equal(results.filter((r) => r.error !== undefined).length, 1)
    await assert.rejects(batchOrThrow(graph, read, reads(ids)), (e: unknown) => {
      assert.ok(e instanceof GraphRequestError && e.status === 404, String(e))
      assert.match(
        e.message,
        new RegExp(`\\(GET https://\\S+/users/${missing}: 404 Request_ResourceNotFound`),
      )
      return true
    })
  })

  it('writes with bodies (Content-Type added) and names the item’s own operation in its error', async () => {
    const graph = tenantGraph()
    const missing = randomUUID()
    const items: BatchItem[] = [...userIds.slice(0, 24), missing].map((id, i) => ({
      method: 'PATCH',
      url: `/users/${id}`,
      body: { jobTitle: `Engineer ${i}` },
      operation: `set the job title of user ${i}`,
    }))
    const results = await batch(graph, write, items)
    assert.equal(graph.requestCount, 2)
    assert.deepEqual(
      results.slice(0, 24).map((r) => r.status),
      Array<number>(24).fill(204),
    )
    assert.match(results[24]!.error!.message, /set the job title of user 24 failed \(PATCH .*: 404/)
    const check = await batchOrThrow<Json>(graph, read, reads(userIds.slice(0, 24)))
    check.forEach((r, i) => assert.equal(r.body?.jobTitle, `Engineer ${i}`))
  })

  it('retries items throttled inside a batch (only those) after the largest Retry-After', async () => {
    // 40 resource units per 10 s: the third call of 45 reads is throttled item by item (429).
    await t.admin('PUT', '/throttling', { scale: 40 / 3500 })
    const graph = tenantGraph()
    const waits: number[] = []
    const results = await batch(graph, read, reads([...userIds, userIds[0]!]), {
      sleep: emulatorSleep(waits),
    })
    results.forEach((r, i) => assert.equal(r.body?.id, [...userIds, userIds[0]][i], `result ${i}`))
    const throttled = await served('GET /v1.0/users/{id}', 429)
    assert.ok(throttled > 0, 'some items were throttled')
    assert.equal(await served('GET /v1.0/users/{id}', 200), 45, 'every read succeeded exactly once')
    assert.ok(
      waits.length > 0 && waits.every((ms) => ms >= 1000 && ms % 1000 === 0),
      `waits ${waits.join(', ')}`,
    )
    assert.equal(graph.requestCount, await served('POST /v1.0/$batch', 200))
    assert.ok(graph.requestCount > 3, 'the throttled items went again in later calls')
  })

  it('reads the items of a 424 envelope (the throttling page’s wording) and retries the throttled ones', async () => {
    await t.admin('PUT', '/throttling', { scale: 40 / 3500, batchThrottledStatus: 424 })
    const waits: number[] = []
    const results = await batch(tenantGraph(), read, reads([...userIds, userIds[0]!]), {
      sleep: emulatorSleep(waits),
    })
    assert.ok(results.every((r) => r.status === 200))
    assert.ok((await served('POST /v1.0/$batch', 424)) > 0, 'an envelope said 424')
  })

  it('returns the 429 as the item’s error once its retries are spent', async () => {
    await t.admin('PUT', '/throttling', { scale: 10 / 3500 })
    const results = await batch(tenantGraph(), read, reads(userIds.slice(0, 15)), { maxRetries: 0 })
    const throttled = results.filter((r) => r.status === 429)
    assert.equal(throttled.length, 5)
    for (const r of throttled) {
      assert.equal(r.error?.code, 'TooManyRequests')
      assert.match(r.headers['Retry-After'] ?? '', /^\d+$/)
    }
  })

  it('retries items answered 503 by an injected fault, and only those', async () => {
    await t.admin('PUT', '/faults', { errorRate: 1, retryAfterSeconds: 2, routes: ['GET /users/{id}'] })
    const waits: number[] = []
    const items: BatchItem[] = [
      ...reads(userIds.slice(0, 5)),
      ...Array<BatchItem>(5).fill({ method: 'GET', url: '/users?$top=1' }),
    ]
    const graph = tenantGraph()
    const results = await batch(graph, read, items, {
      // The wait clears the fault: the retried items pass.
      sleep: async (ms) => {
        waits.push(ms)
        await t.admin('DELETE', '/faults')
      },
    })
    assert.ok(results.every((r) => r.status === 200))
    assert.deepEqual(waits, [2000])
    assert.equal(graph.requestCount, 2)
    assert.equal(await served('GET /v1.0/users/{id}', 503), 5)
    assert.equal(await served('GET /v1.0/users/{id}', 200), 5)
    assert.equal(await served('GET /v1.0/users', 200), 5, 'items that succeeded were not sent again')
  })

  it('refuses versioned or absolute urls before any request, and throws when the batch call fails', async () => {
    const graph = tenantGraph()
    for (const url of ['/v1.0/users', 'https://graph.microsoft.com/v1.0/users', 'users'])
      await assert.rejects(
        batch(graph, read, [{ method: 'GET', url }]),
        /must be relative to the version root/,
      )
    assert.equal(graph.requestCount, 0)
    const wrong = tenantGraph('not-the-secret')
    await assert.rejects(batch(wrong, read, reads(userIds.slice(0, 2))), (e: Error) => {
      assert.ok(!(e instanceof GraphRequestError))
      assert.match(
        e.message,
        new RegExp(
          `^tenant emea \\(${app.tenantId}\\): read the members of emea-sales failed \\(POST \\S+/\\$batch\\): .*AADSTS7000215`,
        ),
      )
      return true
    })
  })
})
