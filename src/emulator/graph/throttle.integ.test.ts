// Throttling over the wire: resource-unit costs, an S tenant's real 3,500 RU budget running out (429 with
// Retry-After and the x-ms-throttle-* headers) and coming back when the emulator's clock moves, tier
// sizes, the write quota, and the admin settings. Calls that must see a 429 use fetch with a token from
// the credential: the Graph client's RetryHandler would otherwise wait and retry.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ResponseType } from '@microsoft/microsoft-graph-client'
import { startTestEmulator, type TestApp, type TestEmulator } from '../../../test/support/emulator'

type Json = Record<string, unknown>
interface Answer {
  status: number
  headers: Headers
  body: Json & { responses?: { status: number; headers: Record<string, string> }[] }
}
interface Levels {
  appId: string
  tenantId: string
  size: string
  resourceUnits: { limit: number; available: number; windowSeconds: number }
  writes: { limit: number; available: number; windowSeconds: number }
}

const trust = {
  isMfaAccepted: true,
  isCompliantDeviceAccepted: false,
  isHybridAzureADJoinedDeviceAccepted: false,
}
const xtapDefault = '/policies/crossTenantAccessPolicy/default'

describe('throttling', () => {
  let t: TestEmulator
  const tokens = new Map<TestApp, string>()

  const call = async (app: TestApp, method: string, path: string, body?: unknown): Promise<Answer> => {
    if (!tokens.has(app))
      tokens.set(app, (await t.credential(app).getToken('https://graph.microsoft.com/.default')).token)
    const response = await fetch(`${t.emulator.url}/v1.0${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${tokens.get(app)}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      body: (text === '' ? {} : JSON.parse(text)) as Json,
    }
  }
  const batchOf = (count: number, request: Json): Json => ({
    requests: Array.from({ length: count }, (_, i) => ({ id: String(i), ...request })),
  })
  const levels = async (app: TestApp): Promise<Levels> => {
    const reply = await t.admin<{ value: Levels[] }>('GET', '/throttling/buckets')
    const found = reply.body.value.find((l) => l.appId === app.appId)
    assert.ok(found, `no bucket for ${app.appId}`)
    return found
  }
  const tenantWithApp = async (roles: string[], size?: string): Promise<TestApp> => {
    const tenant = await t.createTenant(size === undefined ? {} : { size })
    return t.createApp(tenant.id, roles)
  }

  before(async () => {
    t = await startTestEmulator()
  })
  after(() => t.close())

  it('puts each route’s resource units in x-ms-resource-unit, with the $select, $expand and $top modifiers', async () => {
    const app = await tenantWithApp(['User.ReadWrite.All', 'Group.ReadWrite.All'])
    const graph = t.graph(app)
    const units = async (path: string): Promise<string | null> =>
      ((await graph.api(path).responseType(ResponseType.RAW).get()) as Response).headers.get(
        'x-ms-resource-unit',
      )
    const user = (await graph.api('/users').post({
      accountEnabled: true,
      displayName: 'Costly',
      mailNickname: 'costly',
      userPrincipalName: `costly@${(await t.admin<{ initialDomain: string }>('GET', `/tenants/${app.tenantId}`)).body.initialDomain}`,
      passwordProfile: { password: 'Str0ng!Passw0rd' },
    })) as Json
    const group = (await graph.api('/groups').post({
      displayName: 'Costly',
      mailEnabled: false,
      mailNickname: 'costly',
      securityEnabled: true,
    })) as Json
    assert.equal(await units('/users'), '2')
    assert.equal(await units('/users?$select=id'), '1')
    assert.equal(await units('/users?$top=5'), '1')
    assert.equal(await units('/users?$top=50'), '2')
    assert.equal(await units(`/users/${String(user.id)}`), '1')
    assert.equal(await units(`/users/${String(user.id)}?$select=id`), '1')
    assert.equal(await units(`/users/${String(user.id)}?$expand=manager`), '2')
    assert.equal(await units(`/groups/${String(group.id)}/members`), '3')
    const patch = await call(app, 'PATCH', `/users/${String(user.id)}`, { displayName: 'Renamed' })
    assert.equal(patch.status, 204)
    assert.equal(patch.headers.get('x-ms-resource-unit'), '1')
  })

  it('throttles an S tenant after its 3,500 RU with 429, Retry-After and x-ms-throttle-*, and serves it again once the clock moves', async () => {
    const app = await tenantWithApp(['User.Read.All'])
    // Batches of 20 GET /users (2 RU each) use the real budget up fast; usage keeps counting while
    // throttled, so going on until 150 % use leaves a debt that real time cannot repay during the test.
    let sawPercentage = false
    let sawThrottledItem = false
    for (let round = 0; round < 400; round++) {
      const reply = await call(app, 'POST', '/$batch', batchOf(20, { method: 'GET', url: '/users' }))
      assert.equal(reply.status, 200)
      const items = reply.body.responses!
      sawThrottledItem ||= items.some((i) => i.status === 429 && Number(i.headers['Retry-After']) >= 1)
      const percentages = items.map((i) => Number(i.headers['x-ms-throttle-limit-percentage'] ?? 0))
      sawPercentage ||= percentages.some((p) => p >= 0.8 && p < 1)
      if (Math.max(...percentages) >= 1.5) break
    }
    assert.ok(sawPercentage, 'x-ms-throttle-limit-percentage appears above 80 % use')
    assert.ok(sawThrottledItem, 'throttled batch items carry their own Retry-After')
    const bucket = await levels(app)
    assert.equal(bucket.size, 'S')
    assert.equal(bucket.resourceUnits.limit, 3500)
    assert.equal(bucket.resourceUnits.windowSeconds, 10)
    assert.ok(bucket.resourceUnits.available < 0)

    const throttled = await call(app, 'GET', '/users')
    assert.equal(throttled.status, 429)
    const retryAfter = Number(throttled.headers.get('Retry-After'))
    assert.ok(retryAfter >= 1 && retryAfter <= 20, `Retry-After ${retryAfter}`)
    assert.equal(
      throttled.headers.get('x-ms-throttle-scope'),
      `Tenant_Application/ReadWrite/${app.appId}/${app.tenantId}`,
    )
    assert.equal(throttled.headers.get('x-ms-throttle-information'), 'ResourceUnitLimitExceeded')
    assert.equal(throttled.headers.get('x-ms-resource-unit'), '2')
    const error = throttled.body.error as Json & { innerError: Json }
    assert.equal(error.code, 'TooManyRequests')
    assert.equal(error.message, 'Please retry again later.')
    assert.equal(error.innerError.status, '429')

    await t.admin('POST', '/clock/advance', { seconds: retryAfter })
    assert.equal((await call(app, 'GET', '/users')).status, 200)
  })

  it('sizes the bucket by the fixed size, else by the user count (S under 50, M 50-500, L over 500)', async () => {
    const large = await tenantWithApp(['User.Read.All'], 'L')
    const medium = await tenantWithApp(['User.Read.All'])
    const users = Array.from({ length: 60 }, (_, i) => ({ displayName: `Member ${i}` }))
    assert.equal((await t.admin('POST', `/tenants/${medium.tenantId}/users`, { users })).status, 201)
    for (const app of [large, medium]) assert.equal((await call(app, 'GET', '/users?$top=1')).status, 200)
    assert.equal((await levels(large)).resourceUnits.limit, 8000)
    const mediumLevels = await levels(medium)
    assert.equal(mediumLevels.size, 'M')
    assert.equal(mediumLevels.resourceUnits.limit, 5000)
    assert.deepEqual(mediumLevels.writes, { limit: 3000, available: 3000, windowSeconds: 150 })
  })

  it('enforces the write quota (scaled to a hundredth: 30 writes per 150 s) with WriteLimitExceeded', async () => {
    assert.equal((await t.admin('PUT', '/throttling', { scale: 0.01 })).status, 200)
    try {
      // An L tenant: 80 RU per 10 s, so the 30 writes run out before the resource units.
      const app = await tenantWithApp(['Policy.ReadWrite.CrossTenantAccess'], 'L')
      const patch = {
        method: 'PATCH',
        url: xtapDefault,
        headers: { 'Content-Type': 'application/json' },
        body: { inboundTrust: trust },
      }
      const first = await call(app, 'POST', '/$batch', batchOf(20, patch))
      const second = await call(app, 'POST', '/$batch', batchOf(10, patch))
      assert.ok([...first.body.responses!, ...second.body.responses!].every((r) => r.status === 204))
      const refused = await call(app, 'PATCH', xtapDefault, { inboundTrust: trust })
      assert.equal(refused.status, 429)
      assert.equal(refused.headers.get('x-ms-throttle-information'), 'WriteLimitExceeded')
      assert.equal(
        refused.headers.get('x-ms-throttle-scope'),
        `Tenant_Application/Write/${app.appId}/${app.tenantId}`,
      )
      const retryAfter = Number(refused.headers.get('Retry-After'))
      assert.ok(retryAfter >= 5 && retryAfter <= 15, `Retry-After ${retryAfter}`)
      // Reads only need resource units.
      assert.equal((await call(app, 'GET', xtapDefault)).status, 200)
      await t.admin('POST', '/clock/advance', { seconds: retryAfter })
      assert.equal((await call(app, 'PATCH', xtapDefault, { inboundTrust: trust })).status, 204)
    } finally {
      await t.admin('PUT', '/throttling', {})
    }
  })

  it('turns throttling off with PUT /_emulator/throttling, and refills buckets on DELETE /throttling/buckets', async () => {
    const app = await tenantWithApp(['User.Read.All'])
    try {
      const off = await t.admin('PUT', '/throttling', { enabled: false, scale: 0.001 })
      assert.deepEqual(off.body, { enabled: false, scale: 0.001, batchThrottledStatus: 200 })
      const reply = await call(app, 'POST', '/$batch', batchOf(20, { method: 'GET', url: '/users' }))
      assert.ok(
        reply.body.responses!.every((r) => r.status === 200 && r.headers['x-ms-resource-unit'] === '2'),
      )

      await t.admin('PUT', '/throttling', { scale: 0.001 })
      assert.equal((await call(app, 'GET', '/users')).status, 200)
      assert.equal((await call(app, 'GET', '/users')).status, 429)
      assert.equal((await t.admin('DELETE', '/throttling/buckets')).status, 204)
      assert.equal((await call(app, 'GET', '/users')).status, 200)
    } finally {
      await t.admin('PUT', '/throttling', {})
    }
    assert.deepEqual((await t.admin('GET', '/throttling')).body, {
      enabled: true,
      scale: 1,
      batchThrottledStatus: 200,
    })
  })

  it('refuses invalid throttling settings with 400 naming the field, the value and what is allowed', async () => {
    const cases: [Json, RegExp][] = [
      [{ scale: 0 }, /'scale' is 0; expected a number above 0/],
      [{ enabled: 'yes' }, /'enabled' is "yes"; expected true or false/],
      [{ batchThrottledStatus: 500 }, /'batchThrottledStatus' is 500; expected 200 .* or 424/],
      [
        { limit: 5 },
        /unknown throttling setting 'limit'; the settings are enabled, scale, batchThrottledStatus/,
      ],
    ]
    for (const [body, message] of cases) {
      const reply = await t.admin<{ error: { code: string; message: string } }>('PUT', '/throttling', body)
      assert.equal(reply.status, 400)
      assert.match(reply.body.error.message, message)
    }
    assert.equal((await t.admin('POST', '/throttling')).status, 405)
  })
})
