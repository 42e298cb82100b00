// Replication lag over the wire: with the emulator's replicationLagMs, an object created moments ago
// answers 404 by id and as a reference, as Entra does (graph-api.md §7.8). untilReadable reads it once
// the lag has passed, retryWhileNotFound gets a reference write through, a deadline shorter than the
// lag ends in a ConsistencyTimeoutError naming the tenant, and other errors are not retried. The lag
// runs on the emulator's clock, which follows real time here (no test advances it).
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, afterEach, before, describe, it } from 'node:test'
import { startTestEmulator, type TestApp, type TestEmulator } from '../../test/support/emulator'
import { cloudEndpoints } from './clouds'
import { retryWhileNotFound, untilReadable } from './consistency'
import { createCredential } from './credentials'
import { ConsistencyTimeoutError, GraphRequestError, type GraphOperation } from './errors'
import { TenantGraph, type Json } from './tenantGraph'

const partners = '/policies/crossTenantAccessPolicy/partners'
const lagMs = 1500
const partnerOp: GraphOperation = {
  operation: 'create the partner configuration for apac',
  permissions: ['Policy.ReadWrite.CrossTenantAccess'],
}
const groupOp: GraphOperation = { operation: 'manage emea-sales', permissions: ['Group.ReadWrite.All'] }

describe('replication lag against the emulator', () => {
  let t: TestEmulator
  let app: TestApp

  const tenantGraph = (from: TestApp = app): TenantGraph => {
    const endpoints = cloudEndpoints('global', { authorityHost: t.emulator.url, graphRoot: t.emulator.url })
    const credential = createCredential(from.tenantId, endpoints, {
      kind: 'clientSecret',
      clientId: from.appId,
      clientSecret: from.clientSecret,
    })
    return new TenantGraph({ tenant: `emea (${from.tenantId})`, endpoints, credential })
  }
  const served = async (route: string, status: number): Promise<number> => {
    const reply = await t.admin<{ value: { route: string; status: number; count: number }[] }>(
      'GET',
      '/counters',
    )
    return reply.body.value.find((c) => c.route === route && c.status === status)?.count ?? 0
  }
  /** A new partner configuration, created through Graph while the lag is on. */
  const createPartner = async (graph: TenantGraph): Promise<{ path: string; createdAt: number }> => {
    const apac = await t.createTenant()
    await graph.request(partnerOp, 'POST', partners, { body: { tenantId: apac.id } })
    return { path: `${partners}/${apac.id}`, createdAt: Date.now() }
  }

  before(async () => {
    t = await startTestEmulator()
    const tenant = await t.createTenant({ displayName: 'EMEA' })
    app = await t.createApp(tenant.id, [
      'Policy.ReadWrite.CrossTenantAccess',
      'Group.ReadWrite.All',
      'User.ReadWrite.All',
    ])
  })
  afterEach(async () => {
    await t.admin('DELETE', '/faults')
    await t.admin('DELETE', '/counters')
  })
  after(() => t.close())

  it('reads a partner created moments ago once the replication lag has passed', async () => {
    await t.admin('PUT', '/faults', { replicationLagMs: lagMs })
    const graph = tenantGraph()
    const partner = await createPartner(graph)
    const read = await untilReadable(graph, 'the partner configuration for apac', () =>
      graph.find<Json>(partnerOp, partner.path),
    )
    assert.equal(`${partners}/${String(read.tenantId)}`, partner.path)
    assert.ok(Date.now() - partner.createdAt >= lagMs - 100, 'it was not readable before the lag passed')
    const route = `GET /v1.0${partners}/{tenantId}`
    assert.ok((await served(route, 404)) >= 2, 'reads during the lag answered 404 and were retried')
    assert.equal(await served(route, 200), 1)
  })

  it('throws a ConsistencyTimeoutError naming the tenant when the deadline is shorter than the lag', async () => {
    await t.admin('PUT', '/faults', { replicationLagMs: 30_000 })
    const graph = tenantGraph()
    const partner = await createPartner(graph)
    const started = Date.now()
    const error = await untilReadable(
      graph,
      'the partner configuration for apac',
      () => graph.request(partnerOp, 'GET', partner.path),
      { deadlineMs: 400, firstDelayMs: 50 },
    )
      .then(() => assert.fail('the partner stays unreadable for 30 s'))
      .catch((e: unknown) => e)
    assert.ok(error instanceof ConsistencyTimeoutError, String(error))
    assert.equal(error.tenant, `emea (${app.tenantId})`)
    assert.match(
      error.message,
      new RegExp(
        `^tenant emea \\(${app.tenantId}\\): the partner configuration for apac was created but was still not readable after 0\\.\\d s`,
      ),
    )
    assert.ok(error.cause instanceof GraphRequestError && error.cause.status === 404, 'the last 404 is kept')
    const elapsed = Date.now() - started
    assert.ok(elapsed >= 400 && elapsed < 2000, `gave up at the deadline (${elapsed} ms)`)
  })

  it('gets a write that references new objects through once they replicate (retryWhileNotFound)', async () => {
    const graph = tenantGraph()
    const made = await t.admin<{ value: { id: string }[] }>('POST', `/tenants/${app.tenantId}/users`, {
      users: [{ displayName: 'New Joiner' }],
    })
    await t.admin('PUT', '/faults', { replicationLagMs: lagMs })
    const userId = made.body.value[0]!.id
    const group = await graph.request<Json>(groupOp, 'POST', '/groups', {
      body: {
        displayName: 'EMEA Sales',
        mailEnabled: false,
        mailNickname: 'emea-sales',
        securityEnabled: true,
      },
    })
    const members = `/groups/${String(group?.id)}/members`
    await retryWhileNotFound(graph, 'the group emea-sales', () =>
      graph.request(groupOp, 'POST', `${members}/$ref`, {
        body: { '@odata.id': `${graph.graphRoot}/v1.0/directoryObjects/${userId}` },
      }),
    )
    assert.ok(
      (await served('POST /v1.0/groups/{id}/members/$ref', 404)) >= 1,
      'the reference was refused at first',
    )
    const listed = await graph.list<Json>(groupOp, members)
    assert.deepEqual(
      listed.map((m) => m.id),
      [userId],
    )
  })

  it('does not retry other errors: a 403 comes back at once', async () => {
    const readOnly = tenantGraph(await t.createApp(app.tenantId, ['Policy.Read.All']))
    await assert.rejects(
      retryWhileNotFound(readOnly, 'the partner configuration for apac', () =>
        readOnly.request(partnerOp, 'POST', partners, {
          body: { tenantId: randomUUID() },
        }),
      ),
      (e) => e instanceof GraphRequestError && e.status === 403,
    )
    assert.equal(readOnly.requestCount, 1)
  })
})
