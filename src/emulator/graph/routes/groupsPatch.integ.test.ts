// PATCH /groups/{id} over the wire: property updates (204), the rules on immutable properties, and
// members@odata.bind with at most 20 entries, added all together or not at all.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client, GraphError } from '@microsoft/microsoft-graph-client'
import { startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'

type Json = Record<string, unknown>
const ref = (id: string) => `https://graph.microsoft.com/v1.0/directoryObjects/${id}`
const missingId = '0f0e0d0c-0b0a-4909-8807-060504030201'

async function graphError(call: Promise<unknown>): Promise<GraphError> {
  try {
    await call
  } catch (error) {
    return error as GraphError
  }
  assert.fail('expected the call to fail')
}

const securityGroup = (name: string, extra: Json = {}): Json => ({
  displayName: name,
  mailEnabled: false,
  mailNickname: name.replace(/\W/g, ''),
  securityEnabled: true,
  ...extra,
})

describe('PATCH /groups/{id}', () => {
  let t: TestEmulator
  let graph: Client
  let tenantId: string

  const createUsers = async (tenant: string, count: number): Promise<string[]> => {
    const users = Array.from({ length: count }, (_, i) => ({ displayName: `User ${i} ${Math.random()}` }))
    const reply = await t.admin<{ value: { id: string }[] }>('POST', `/tenants/${tenant}/users`, { users })
    assert.equal(reply.status, 201, JSON.stringify(reply.body))
    return reply.body.value.map((u) => u.id)
  }
  const memberIds = async (groupId: string): Promise<string[]> =>
    ((await graph.api(`/groups/${groupId}/members`).get()) as { value: Json[] }).value.map((m) =>
      String(m.id),
    )

  before(async () => {
    t = await startTestEmulator()
    tenantId = (await t.createTenant({ displayName: 'Contoso' })).id
    graph = t.graph(await t.createApp(tenantId, ['Group.ReadWrite.All']))
  })
  after(() => t.close())

  it('updates properties with PATCH 204 and records "Update group"', async () => {
    const created = (await graph.api('/groups').post(securityGroup('Before'))) as Json
    const id = String(created.id)
    assert.equal(
      await graph.api(`/groups/${id}`).patch({ displayName: 'After', description: 'Changed' }),
      undefined,
    )
    const read = (await graph.api(`/groups/${id}`).get()) as Json
    assert.equal(read.displayName, 'After')
    assert.equal(read.description, 'Changed')
    const audit = t.emulator.store
      .tenant(tenantId)
      .audits()
      .find((a) => a.activityDisplayName === 'Update group')
    assert.equal(audit?.category, 'GroupManagement')
    assert.equal((audit?.targetResources as Json[])[0]!.id, id)
  })

  it('refuses PATCH changes to isAssignableToRole, groupTypes and mail-enablement with 400', async () => {
    const id = String(((await graph.api('/groups').post(securityGroup('Fixed'))) as Json).id)
    for (const body of [{ isAssignableToRole: true }, { groupTypes: ['Unified'] }, { mailEnabled: true }]) {
      const error = await graphError(graph.api(`/groups/${id}`).patch(body))
      assert.equal(error.statusCode, 400, JSON.stringify(body))
      assert.equal(error.code, 'Request_BadRequest')
    }
  })

  it('adds up to 20 members with PATCH members@odata.bind', async () => {
    const id = String(((await graph.api('/groups').post(securityGroup('Bulk'))) as Json).id)
    const users = await createUsers(tenantId, 20)
    await graph.api(`/groups/${id}`).patch({ 'members@odata.bind': users.map(ref) })
    assert.deepEqual(await memberIds(id), users)
  })

  it('refuses 21 members@odata.bind with 400 and adds none', async () => {
    const id = String(((await graph.api('/groups').post(securityGroup('Bulk 21'))) as Json).id)
    const users = await createUsers(tenantId, 21)
    const error = await graphError(graph.api(`/groups/${id}`).patch({ 'members@odata.bind': users.map(ref) }))
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'Request_BadRequest')
    assert.deepEqual(await memberIds(id), [])
  })

  it('adds none of the members@odata.bind entries when one is missing (404) or already a member (400)', async () => {
    const id = String(((await graph.api('/groups').post(securityGroup('Atomic'))) as Json).id)
    const [a, b, c] = await createUsers(tenantId, 3)
    await graph.api(`/groups/${id}`).patch({ 'members@odata.bind': [ref(a!)] })
    const missing = await graphError(
      graph
        .api(`/groups/${id}`)
        .patch({ displayName: 'Renamed', 'members@odata.bind': [ref(b!), ref(missingId)] }),
    )
    assert.equal(missing.statusCode, 404)
    assert.equal(missing.code, 'Request_ResourceNotFound')
    const duplicate = await graphError(
      graph.api(`/groups/${id}`).patch({ 'members@odata.bind': [ref(c!), ref(a!)] }),
    )
    assert.equal(duplicate.statusCode, 400)
    assert.equal(duplicate.code, 'Request_BadRequest')
    assert.equal(
      duplicate.message,
      "One or more added object references already exist for the following modified properties: 'members'.",
    )
    assert.deepEqual(await memberIds(id), [a])
    assert.equal(((await graph.api(`/groups/${id}`).get()) as Json).displayName, 'Atomic')
  })
})
