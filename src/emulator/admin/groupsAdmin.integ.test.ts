// The groups admin API (POST /_emulator/tenants/{t}/groups, groupSettings), and that Graph sees its
// groups through the real client.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestEmulator, type TestEmulator } from '../../../test/support/emulator'

type Json = Record<string, unknown>
const missingId = '0f0e0d0c-0b0a-4909-8807-060504030201'

describe('groups admin API', () => {
  let t: TestEmulator
  let tenantId: string

  before(async () => {
    t = await startTestEmulator()
    tenantId = (await t.createTenant({ displayName: 'Fabrikam' })).id
  })
  after(() => t.close())

  it('creates thousands of groups in one request, with members, quickly', async () => {
    const started = Date.now()
    const reply = await t.admin<{ value: Json[] }>('POST', `/tenants/${tenantId}/groups`, {
      groups: Array.from({ length: 3000 }, (_, i) => ({ displayName: `Bulk ${i}` })),
    })
    assert.equal(reply.status, 201)
    assert.equal(reply.body.value.length, 3000)
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`)
    const first = reply.body.value[0]!
    assert.equal(first.securityEnabled, true)
    assert.equal(first.mailEnabled, false)
    const nested = await t.admin<{ value: Json[] }>('POST', `/tenants/${tenantId}/groups`, {
      groups: [
        { displayName: 'Child' },
        { displayName: 'Parent', members: [String(first.id)] },
        { displayName: 'Team', groupTypes: ['Unified'], mailNickname: 'team' },
      ],
    })
    assert.equal(nested.status, 201)
    const graph = t.graph(await t.createApp(tenantId, ['GroupMember.Read.All']))
    const parent = String(nested.body.value[1]!.id)
    const members = (await graph.api(`/groups/${parent}/members`).get()) as { value: Json[] }
    assert.deepEqual(
      members.value.map((m) => m.id),
      [first.id],
    )
    assert.equal(nested.body.value[2]!.mail, `team@fabrikam.onmicrosoft.com`)
  })

  it('answers 400 naming the index of a bad entry, and creates nothing', async () => {
    const cases: [unknown, RegExp][] = [
      [{ groups: [{ displayName: 'ok' }, {}] }, /groups\[1\]\.displayName/],
      [{ groups: [{ displayName: 'ok' }, { displayName: 'x', color: 1 }] }, /groups\[1\]\.color/],
      [{ groups: [{ displayName: 'x', members: [missingId] }] }, /groups\[0\]\.members\[0\]/],
      [{ groups: [{ displayName: 'x', mailNickname: 'a b' }] }, /groups\[0\]\.mailNickname/],
      [{ groups: 'x' }, /groups/],
    ]
    for (const [body, message] of cases) {
      const reply = await t.admin<{ error: { message: string } }>('POST', `/tenants/${tenantId}/groups`, body)
      assert.equal(reply.status, 400, JSON.stringify(body))
      assert.match(reply.body.error.message, message)
    }
    const settings = await t.admin('PUT', `/tenants/${tenantId}/groupSettings`, {
      securityGroupDelete: 'never',
    })
    assert.equal(settings.status, 400)
    const read = await t.admin<Json>('GET', `/tenants/${tenantId}/groupSettings`)
    assert.deepEqual(read.body, { securityGroupDelete: 'soft' })
  })
})
