// Injected faults over the wire: latency, 5xx at a rate (deterministic with a seed, survived by the
// Graph client's RetryHandler), the route filter, replication lag on ids and references, and the
// admin API's validation. Tests that must see the fault itself use fetch with a token from the
// credential, since the client's RetryHandler retries 503s.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import {
  expectGraphError,
  startTestEmulator,
  type TestApp,
  type TestEmulator,
} from '../../../test/support/emulator'

type Json = Record<string, unknown>
type ErrorBody = { error: { code: string; message: string } }

describe('injected faults', () => {
  let t: TestEmulator
  let app: TestApp
  let graph: Client
  let domain: string
  let counter = 0
  let token = ''

  const call = async (
    method: string,
    path: string,
  ): Promise<{ status: number; headers: Headers; body: Json }> => {
    token ||= (await t.credential(app).getToken('https://graph.microsoft.com/.default')).token
    const response = await fetch(`${t.emulator.url}/v1.0${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}` },
    })
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      body: (text === '' ? {} : JSON.parse(text)) as Json,
    }
  }
  const setFaults = async (settings: Json): Promise<Json> => {
    const reply = await t.admin<Json>('PUT', '/faults', settings)
    assert.equal(reply.status, 200, JSON.stringify(reply.body))
    return reply.body
  }
  const createUser = async (): Promise<string> => {
    const nick = `lag${++counter}`
    const user = (await graph.api('/users').post({
      accountEnabled: true,
      displayName: `Lag ${counter}`,
      mailNickname: nick,
      userPrincipalName: `${nick}@${domain}`,
      passwordProfile: { password: 'Str0ng!Passw0rd' },
    })) as Json
    return String(user.id)
  }

  before(async () => {
    t = await startTestEmulator()
    const tenant = await t.createTenant({ displayName: 'Faulty' })
    domain = tenant.initialDomain
    app = await t.createApp(tenant.id, [
      'User.ReadWrite.All',
      'Group.ReadWrite.All',
      'GroupMember.ReadWrite.All',
    ])
    graph = t.graph(app)
  })
  afterEach(async () => {
    assert.equal((await t.admin('DELETE', '/faults')).status, 204)
  })
  after(() => t.close())

  it('delays matching responses by latencyMs, and a $batch once', async () => {
    await setFaults({ latencyMs: 150 })
    let started = performance.now()
    await graph.api('/users').get()
    assert.ok(performance.now() - started >= 145, 'the response waits for the latency')
    const requests = Array.from({ length: 5 }, (_, i) => ({
      id: String(i),
      method: 'GET',
      url: '/users?$top=1',
    }))
    started = performance.now()
    await graph.api('/$batch').post({ requests })
    const elapsed = performance.now() - started
    assert.ok(elapsed >= 145 && elapsed < 700, `a batch of 5 took ${elapsed} ms`)
  })

  it('answers every matching request with 503 serviceNotAvailable and Retry-After at errorRate 1', async () => {
    await setFaults({ errorRate: 1 })
    const reply = await call('GET', '/users')
    assert.equal(reply.status, 503)
    assert.equal(reply.headers.get('Retry-After'), '1')
    assert.equal((reply.body as ErrorBody).error.code, 'serviceNotAvailable')

    await setFaults({ errorRate: 1, errorStatus: 504, retryAfterSeconds: 7 })
    const timeout = await call('GET', '/users')
    assert.equal(timeout.status, 504)
    assert.equal(timeout.headers.get('Retry-After'), '7')
  })

  it('repeats the same failures for the same seed, and a client with retries gets through at errorRate 0.5', async () => {
    const statuses = async (): Promise<number[]> => {
      await setFaults({ errorRate: 0.5, seed: 42, retryAfterSeconds: 0 })
      const seen: number[] = []
      for (let i = 0; i < 8; i++) seen.push((await call('GET', '/users?$top=1')).status)
      return seen
    }
    const first = await statuses()
    assert.ok(first.includes(503) && first.includes(200), `statuses ${first.join(',')}`)
    assert.deepEqual(await statuses(), first)

    await setFaults({ errorRate: 0.5, seed: 42, retryAfterSeconds: 0 })
    await t.admin('DELETE', '/counters')
    for (let i = 0; i < 10; i++) await graph.api('/users').top(1).get()
    const counters = await t.admin<{ value: { route: string; status: number; count: number }[] }>(
      'GET',
      '/counters',
    )
    const count = (status: number) =>
      counters.body.value.find((c) => c.route === 'GET /v1.0/users' && c.status === status)?.count ?? 0
    assert.equal(count(200), 10)
    assert.ok(count(503) >= 3, `the RetryHandler went through ${count(503)} injected 503s`)
  })

  it('applies faults only to the routes listed', async () => {
    const id = await createUser()
    const settings = await setFaults({ errorRate: 1, routes: ['get /USERS/{userId}'] })
    assert.deepEqual(settings.routes, ['GET /users/{id}'])
    assert.equal((await call('GET', '/users')).status, 200)
    assert.equal((await call('GET', `/users/${id}`)).status, 503)
  })

  it('hides an object created within the replication lag by id and as a reference, but not from lists, until the clock moves', async () => {
    const group = (await graph
      .api('/groups')
      .post({ displayName: 'Team', mailEnabled: false, mailNickname: 'team', securityEnabled: true })) as Json
    await setFaults({ replicationLagMs: 30_000 })
    const id = await createUser()
    const error = await expectGraphError(graph.api(`/users/${id}`).get())
    assert.equal(error.statusCode, 404)
    assert.equal(error.code, 'Request_ResourceNotFound')
    assert.equal(
      error.message,
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    )
    const reference = { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` }
    const refError = await expectGraphError(
      graph.api(`/groups/${String(group.id)}/members/$ref`).post(reference),
    )
    assert.equal(refError.statusCode, 404)
    assert.equal(refError.code, 'Request_ResourceNotFound')
    const list = (await graph.api('/users').get()) as { value: Json[] }
    assert.ok(
      list.value.some((u) => u.id === id),
      'collections are not affected',
    )

    await t.admin('POST', '/clock/advance', { seconds: 31 })
    assert.equal(((await graph.api(`/users/${id}`).get()) as Json).id, id)
    await graph.api(`/groups/${String(group.id)}/members/$ref`).post(reference)
  })

  it('shows the settings, and refuses invalid ones with 400 naming the field, the value and what is allowed', async () => {
    const defaults = {
      latencyMs: 0,
      errorRate: 0,
      errorStatus: 503,
      retryAfterSeconds: 1,
      replicationLagMs: 0,
      routes: null,
      seed: null,
    }
    assert.deepEqual((await t.admin('GET', '/faults')).body, defaults)
    const cases: [Json, RegExp][] = [
      [{ errorRate: 2 }, /'errorRate' is 2; expected a number from 0 \(never\) to 1 \(always\)/],
      [{ errorStatus: 502 }, /'errorStatus' is 502; expected 503, 500 or 504/],
      [{ latencyMs: -1 }, /'latencyMs' is -1; expected a whole number from 0 to 60000/],
      [{ replicationLagMs: 1.5 }, /'replicationLagMs' is 1.5; expected a whole number/],
      [{ seed: 'x' }, /'seed' is "x"; expected an integer/],
      [{ routes: [] }, /'routes' is \[\]; expected a non-empty array/],
      [
        { routes: ['GET /nowhere'] },
        /'routes\[0\]' is "GET \/nowhere"; expected a Graph route the emulator serves/,
      ],
      [
        { routes: ['GET /v1.0/users'] },
        /'routes\[0\]' is "GET \/v1.0\/users"; expected "METHOD \/path\/pattern"/,
      ],
      [{ routes: ['GET /users/abc'] }, /expected a route pattern, not a request path: "GET \/users\/\{id\}"/],
      [{ latency: 5 }, /unknown fault setting 'latency'; the settings are latencyMs, errorRate/],
    ]
    for (const [body, message] of cases) {
      const reply = await t.admin<ErrorBody>('PUT', '/faults', body)
      assert.equal(reply.status, 400, JSON.stringify(body))
      assert.match(reply.body.error.message, message)
    }
    assert.equal((await t.admin('POST', '/faults')).status, 405)
  })
})
