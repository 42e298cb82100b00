// JSON batching over the wire: the Graph client's BatchRequestContent / BatchResponseContent and plain
// posts to /$batch, the whole-batch 400s, dependsOn with 424, per-item errors and per-item 429.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { BatchRequestContent, BatchResponseContent, type Client } from '@microsoft/microsoft-graph-client'
import {
  expectGraphError,
  startTestEmulator,
  type TestApp,
  type TestEmulator,
} from '../../../test/support/emulator'

type Json = Record<string, unknown>
interface ItemResponse {
  id: string
  status: number
  headers: Record<string, string>
  body?: Json & { error?: { code: string; message: string } }
}
interface Envelope {
  status: number
  body: { responses: ItemResponse[]; error?: { code: string; message: string } }
}

const password = { password: 'Str0ng!Passw0rd', forceChangePasswordNextSignIn: false }
const missingId = '0f0e0d0c-0b0a-4909-8807-060504030201'

describe('JSON batching ($batch)', () => {
  let t: TestEmulator
  let app: TestApp
  let graph: Client
  let tenantId: string
  let domain: string
  let userIds: string[]
  let counter = 0
  const tokens = new Map<TestApp, string>()

  const newUser = (): Json => {
    const nick = `batch${++counter}`
    return {
      accountEnabled: true,
      displayName: `Batch ${counter}`,
      mailNickname: nick,
      userPrincipalName: `${nick}@${domain}`,
      passwordProfile: password,
    }
  }
  /** POST /$batch with fetch, to see the envelope's own status (the client throws on a 4xx). */
  const batch = async (requests: unknown, caller: TestApp | null = app): Promise<Envelope> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' }
    if (caller !== null) {
      if (!tokens.has(caller))
        tokens.set(
          caller,
          (await t.credential(caller).getToken('https://graph.microsoft.com/.default')).token,
        )
      headers.Authorization = `Bearer ${tokens.get(caller)}`
    }
    const response = await fetch(`${t.emulator.url}/v1.0/$batch`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ requests }),
    })
    return { status: response.status, body: (await response.json()) as Envelope['body'] }
  }
  const byId = (envelope: Envelope, id: string): ItemResponse => {
    const found = envelope.body.responses.find((r) => r.id === id)
    assert.ok(found, `no response for ${id} in ${JSON.stringify(envelope.body)}`)
    return found
  }
  const get = (id: string, url: string, extra: Json = {}): Json => ({ id, method: 'GET', url, ...extra })

  before(async () => {
    t = await startTestEmulator()
    const tenant = await t.createTenant({ displayName: 'Batching' })
    tenantId = tenant.id
    domain = tenant.initialDomain
    app = await t.createApp(tenantId, ['User.ReadWrite.All'])
    graph = t.graph(app)
    const users = Array.from({ length: 19 }, (_, i) => ({ displayName: `Seed ${i}` }))
    const seeded = await t.admin<{ value: { id: string }[] }>('POST', `/tenants/${tenantId}/users`, { users })
    userIds = seeded.body.value.map((u) => u.id)
  })
  after(() => t.close())

  it('answers 20 requests through BatchRequestContent in a 200 envelope, each with id, status, headers and body', async () => {
    const requests = userIds.map((id, i) => ({
      id: `get${i}`,
      request: new Request(`https://graph.microsoft.com/users/${id}`, { method: 'GET' }),
    }))
    requests.push({
      id: 'create',
      request: new Request('https://graph.microsoft.com/users', {
        method: 'POST',
        body: JSON.stringify(newUser()),
        headers: { 'Content-Type': 'application/json' },
      }),
    })
    const content = new BatchRequestContent(requests)
    const raw = (await graph.api('/$batch').post(await content.getContent())) as { responses: ItemResponse[] }
    assert.equal(raw.responses.length, 20)
    const answers = new BatchResponseContent(raw)
    for (const [i, id] of userIds.entries()) {
      const response = answers.getResponseById(`get${i}`)
      assert.equal(response.status, 200)
      assert.equal(response.headers.get('x-ms-resource-unit'), '1')
      assert.equal(((await response.json()) as Json).id, id)
    }
    const created = answers.getResponseById('create')
    assert.equal(created.status, 201)
    const user = (await created.json()) as Json
    assert.equal(user.displayName, `Batch ${counter}`)
    // Each item went through the whole pipeline, audit included.
    const audits = t.emulator.store.tenant(tenantId).audits()
    assert.ok(
      audits.some((a) => a.activityDisplayName === 'Add user' && JSON.stringify(a).includes(String(user.id))),
    )
  })

  it('refuses 21 requests with 400 for the whole batch', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => get(String(i), '/users'))
    const error = await expectGraphError(graph.api('/$batch').post({ requests }))
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'BadRequest')
    assert.match(error.message, /21 requests; at most 20/)
  })

  it('refuses ids repeated case-insensitively with 400 for the whole batch', async () => {
    const reply = await batch([get('a', '/users'), get('A', '/users')])
    assert.equal(reply.status, 400)
    assert.equal(reply.body.error?.code, 'BadRequest')
    assert.match(reply.body.error?.message ?? '', /'A' appears more than once/)
  })

  it('refuses an empty batch, unknown item properties, unknown dependencies and cycles with 400', async () => {
    assert.equal((await batch([])).status, 400)
    assert.equal((await batch([get('1', '/users', { atomic: true })])).status, 400)
    assert.equal((await batch([get('1', '/users', { dependsOn: ['9'] })])).status, 400)
    const cycle = await batch([
      get('1', '/users', { dependsOn: ['2'] }),
      get('2', '/users', { dependsOn: ['1'] }),
    ])
    assert.equal(cycle.status, 400)
    assert.match(cycle.body.error?.message ?? '', /cycle/)
  })

  it('runs an item after the items it depends on, and gives 424 when a dependency failed', async () => {
    const reply = await batch([
      get('after', '/users?$top=1', { dependsOn: ['create'] }),
      {
        id: 'create',
        method: 'POST',
        url: '/users',
        headers: { 'Content-Type': 'application/json' },
        body: newUser(),
      },
      get('missing', `/users/${missingId}`),
      get('dependent', `/users/${userIds[0]}`, { dependsOn: ['missing'] }),
      get('transitive', `/users/${userIds[1]}`, { dependsOn: ['dependent'] }),
    ])
    assert.equal(reply.status, 200)
    assert.deepEqual(
      reply.body.responses.map((r) => [r.id, r.status]),
      [
        ['create', 201],
        ['after', 200],
        ['missing', 404],
        ['dependent', 424],
        ['transitive', 424],
      ],
    )
    assert.equal(byId(reply, 'missing').body?.error?.code, 'Request_ResourceNotFound')
    assert.equal(byId(reply, 'dependent').body?.error?.code, 'FailedDependency')
  })

  it('answers a url with a version or an absolute url with 400 for that item only', async () => {
    const reply = await batch([
      get('versioned', '/v1.0/users'),
      get('absolute', 'https://graph.microsoft.com/v1.0/users'),
      get('relative', 'users?$top=1'),
    ])
    assert.equal(reply.status, 200)
    assert.equal(byId(reply, 'versioned').status, 400)
    assert.match(byId(reply, 'versioned').body?.error?.message ?? '', /relative to the version root/)
    assert.equal(byId(reply, 'absolute').status, 400)
    assert.equal(byId(reply, 'relative').status, 200)
  })

  it('needs Content-Type with a body (400 for the batch) and answers a non-JSON body with 501', async () => {
    const missing = await batch([{ id: '1', method: 'POST', url: '/users', body: newUser() }])
    assert.equal(missing.status, 400)
    assert.match(missing.body.error?.message ?? '', /Content-Type/)
    const base64 = await batch([
      {
        id: '1',
        method: 'POST',
        url: '/users',
        headers: { 'Content-Type': 'image/png' },
        body: 'iVBORw0KGgo=',
      },
    ])
    assert.equal(base64.status, 200)
    assert.equal(byId(base64, '1').status, 501)
    assert.equal(byId(base64, '1').body?.error?.code, 'NotImplemented')
  })

  it('checks each item against the caller’s permissions: 403 Authorization_RequestDenied inside a 200 envelope', async () => {
    const reader = await t.createApp(tenantId, ['User.Read.All'])
    const reply = await batch(
      [
        get('read', `/users/${userIds[2]}`),
        {
          id: 'write',
          method: 'POST',
          url: '/users',
          headers: { 'content-type': 'application/json' },
          body: newUser(),
        },
      ],
      reader,
    )
    assert.equal(reply.status, 200)
    assert.equal(byId(reply, 'read').status, 200)
    assert.equal(byId(reply, 'write').status, 403)
    assert.equal(byId(reply, 'write').body?.error?.code, 'Authorization_RequestDenied')
  })

  it('refuses a batch without a bearer token with 401 InvalidAuthenticationToken', async () => {
    const reply = await batch([get('1', '/users')], null)
    assert.equal(reply.status, 401)
    assert.equal(reply.body.error?.code, 'InvalidAuthenticationToken')
  })

  it('gives a throttled item 429 with its own Retry-After in a 200 envelope, or a 424 envelope when configured', async () => {
    // A hundredth of Graph's limits: this S tenant has 35 RU per 10 s, and GET /users costs 2.
    assert.equal((await t.admin('PUT', '/throttling', { scale: 0.01 })).status, 200)
    try {
      const requests = Array.from({ length: 20 }, (_, i) => get(String(i), '/users'))
      const reply = await batch(requests)
      assert.equal(reply.status, 200)
      const statuses = reply.body.responses.map((r) => r.status)
      assert.equal(statuses[0], 200)
      assert.equal(statuses[19], 429)
      const throttled = reply.body.responses.find((r) => r.status === 429)!
      assert.ok(Number(throttled.headers['Retry-After']) >= 1)
      assert.match(
        throttled.headers['x-ms-throttle-scope']!,
        new RegExp(`^Tenant_Application/ReadWrite/${app.appId}/${tenantId}$`),
      )
      assert.equal(throttled.body?.error?.code, 'TooManyRequests')

      await t.admin('PUT', '/throttling', { scale: 0.01, batchThrottledStatus: 424 })
      const strict = await batch(requests)
      assert.equal(strict.status, 424)
      assert.equal(strict.body.responses.length, 20)
    } finally {
      await t.admin('PUT', '/throttling', {})
    }
  })
})
