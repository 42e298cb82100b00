// Group members and owners over the wire: $ref add and remove, lists with @odata.type, paging,
// transitive members, the documented errors and the permission check.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'

type Json = Record<string, unknown>
type Page = { value: Json[]; '@odata.nextLink'?: string; '@odata.count'?: number }
const ref = (id: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` })
const missingId = '0f0e0d0c-0b0a-4909-8807-060504030201'

describe('group members and owners', () => {
  let t: TestEmulator
  let graph: Client
  let tenantId: string
  let counter = 0

  const users = async (count: number): Promise<string[]> => {
    const list = Array.from({ length: count }, () => ({ displayName: `Member ${++counter}` }))
    const reply = await t.admin<{ value: { id: string }[] }>('POST', `/tenants/${tenantId}/users`, {
      users: list,
    })
    assert.equal(reply.status, 201, JSON.stringify(reply.body))
    return reply.body.value.map((u) => u.id)
  }
  const group = async (extra: Json = {}): Promise<string> => {
    const name = `Group${++counter}`
    const created = (await graph.api('/groups').post({
      displayName: name,
      mailEnabled: false,
      mailNickname: name,
      securityEnabled: true,
      ...extra,
    })) as Json
    return String(created.id)
  }
  const unifiedGroup = async (): Promise<string> =>
    group({ groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false })
  const ids = async (path: string): Promise<unknown[]> =>
    ((await graph.api(path).get()) as Page).value.map((m) => m.id)

  before(async () => {
    t = await startTestEmulator()
    tenantId = (await t.createTenant({ displayName: 'Members' })).id
    graph = t.graph(await t.createApp(tenantId, ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All']))
  })
  after(() => t.close())

  it('adds a member with POST $ref (204), lists it with @odata.type and records "Add member to group"', async () => {
    const id = await group()
    const [user] = await users(1)
    const nested = await group()
    assert.equal(await graph.api(`/groups/${id}/members/$ref`).post(ref(user!)), undefined)
    await graph.api(`/groups/${id}/members/$ref`).post({
      '@odata.id': `https://graph.microsoft.com/v1.0/groups/${nested}`,
    })
    const page = (await graph.api(`/groups/${id}/members`).get()) as Page & Json
    assert.match(String(page['@odata.context']), /\$metadata#directoryObjects$/)
    assert.deepEqual(
      page.value.map((m) => [m['@odata.type'], m.id]),
      [
        ['#microsoft.graph.user', user],
        ['#microsoft.graph.group', nested],
      ],
    )
    assert.equal(page.value[0]!.displayName, `Member ${counter - 1}`)
    const audit = t.emulator.store
      .tenant(tenantId)
      .audits()
      .find((a) => a.activityDisplayName === 'Add member to group')
    assert.equal(audit?.category, 'GroupManagement')
    assert.equal((audit?.targetResources as Json[])[0]!.id, user)
  })

  it('refuses an existing member with 400 Request_BadRequest and the documented message', async () => {
    const id = await group()
    const [user] = await users(1)
    await graph.api(`/groups/${id}/members/$ref`).post(ref(user!))
    const error = await expectGraphError(graph.api(`/groups/${id}/members/$ref`).post(ref(user!)))
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'Request_BadRequest')
    assert.equal(
      error.message,
      "One or more added object references already exist for the following modified properties: 'members'.",
    )
  })

  it('refuses a member that does not exist with 404 Request_ResourceNotFound', async () => {
    const id = await group()
    const error = await expectGraphError(graph.api(`/groups/${id}/members/$ref`).post(ref(missingId)))
    assert.equal(error.statusCode, 404)
    assert.equal(error.code, 'Request_ResourceNotFound')
    assert.equal(
      error.message,
      `Resource '${missingId}' does not exist or one of its queried reference-property objects are not present.`,
    )
    const noGroup = await expectGraphError(graph.api(`/groups/${missingId}/members/$ref`).post(ref(id)))
    assert.equal(noGroup.statusCode, 404)
    assert.equal(noGroup.code, 'Request_ResourceNotFound')
  })

  it('refuses a malformed reference body with 400 Request_BadRequest', async () => {
    const id = await group()
    for (const body of [{}, { '@odata.id': 'not a url' }, { '@odata.id': ref(id)['@odata.id'], extra: 1 }]) {
      const error = await expectGraphError(graph.api(`/groups/${id}/members/$ref`).post(body))
      assert.equal(error.statusCode, 400, JSON.stringify(body))
      assert.equal(error.code, 'Request_BadRequest')
    }
  })

  it('refuses a group as its own member, and groups as members of a Microsoft 365 group, with 400', async () => {
    const id = await group()
    assert.equal(
      (await expectGraphError(graph.api(`/groups/${id}/members/$ref`).post(ref(id)))).statusCode,
      400,
    )
    const unified = await unifiedGroup()
    const error = await expectGraphError(graph.api(`/groups/${unified}/members/$ref`).post(ref(id)))
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'Request_BadRequest')
  })

  it('removes a member with DELETE $ref (204), and answers 404 for one that is not a member', async () => {
    const id = await group()
    const [user] = await users(1)
    await graph.api(`/groups/${id}/members/$ref`).post(ref(user!))
    assert.equal(await graph.api(`/groups/${id}/members/${user}/$ref`).delete(), undefined)
    assert.deepEqual(await ids(`/groups/${id}/members`), [])
    const error = await expectGraphError(graph.api(`/groups/${id}/members/${user}/$ref`).delete())
    assert.equal(error.statusCode, 404)
    assert.equal(error.code, 'Request_ResourceNotFound')
    assert.equal(
      error.message,
      `Resource '${user}' does not exist or one of its queried reference-property objects are not present.`,
    )
    assert.ok(
      t.emulator.store
        .tenant(tenantId)
        .audits()
        .some((a) => a.activityDisplayName === 'Remove member from group'),
    )
  })

  it("adds and removes owners, refusing a duplicate with 'owners' and a group owner with 400", async () => {
    const id = await group()
    const [owner, second] = await users(2)
    await graph.api(`/groups/${id}/owners/$ref`).post(ref(owner!))
    const duplicate = await expectGraphError(graph.api(`/groups/${id}/owners/$ref`).post(ref(owner!)))
    assert.equal(duplicate.statusCode, 400)
    assert.equal(
      duplicate.message,
      "One or more added object references already exist for the following modified properties: 'owners'.",
    )
    const groupOwner = await expectGraphError(graph.api(`/groups/${id}/owners/$ref`).post(ref(await group())))
    assert.equal(groupOwner.statusCode, 400)
    await graph.api(`/groups/${id}/owners/$ref`).post(ref(second!))
    assert.deepEqual(await ids(`/groups/${id}/owners`), [owner, second])
    await graph.api(`/groups/${id}/owners/${owner}/$ref`).delete()
    assert.deepEqual(await ids(`/groups/${id}/owners`), [second])
    const notOwner = await expectGraphError(graph.api(`/groups/${id}/owners/${owner}/$ref`).delete())
    assert.equal(notOwner.statusCode, 404)
    assert.equal(notOwner.code, 'Request_ResourceNotFound')
  })

  it('keeps the last owner of a Microsoft 365 group', async () => {
    const id = await unifiedGroup()
    const [owner] = await users(1)
    await graph.api(`/groups/${id}/owners/$ref`).post(ref(owner!))
    const error = await expectGraphError(graph.api(`/groups/${id}/owners/${owner}/$ref`).delete())
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'Request_BadRequest')
  })

  it('pages members at 100 by default and with $top, supports $select and counts with ConsistencyLevel', async () => {
    const members = await users(130)
    const reply = await t.admin<{ value: Json[] }>('POST', `/tenants/${tenantId}/groups`, {
      groups: [{ displayName: 'Big', members }],
    })
    const id = String(reply.body.value[0]!.id)
    const first = (await graph.api(`/groups/${id}/members`).get()) as Page
    assert.equal(first.value.length, 100)
    const second = (await graph.api(first['@odata.nextLink']!).get()) as Page
    assert.equal(second.value.length, 30)
    assert.equal(second['@odata.nextLink'], undefined)
    assert.deepEqual(
      [...first.value, ...second.value].map((m) => m.id),
      members,
    )
    const selected = (await graph.api(`/groups/${id}/members`).select(['displayName']).top(5).get()) as Page
    assert.equal(selected.value.length, 5)
    assert.deepEqual(Object.keys(selected.value[0]!), ['@odata.type', 'id', 'displayName'])
    assert.ok(selected['@odata.nextLink']?.includes('select=displayName'))
    const counted = (await graph
      .api(`/groups/${id}/members`)
      .header('ConsistencyLevel', 'eventual')
      .count(true)
      .top(1)
      .get()) as Page
    assert.equal(counted['@odata.count'], 130)
    const badSelect = await expectGraphError(graph.api(`/groups/${id}/members`).select(['nope']).get())
    assert.equal(badSelect.statusCode, 400)
  })

  it('lists transitive members through nested groups once each, tolerating a cycle', async () => {
    const [a, b, c] = await users(3)
    const outer = await group()
    const middle = await group()
    const inner = await group()
    await graph.api(`/groups/${outer}/members/$ref`).post(ref(a!))
    await graph.api(`/groups/${outer}/members/$ref`).post(ref(middle))
    await graph.api(`/groups/${middle}/members/$ref`).post(ref(b!))
    await graph.api(`/groups/${middle}/members/$ref`).post(ref(inner))
    await graph.api(`/groups/${inner}/members/$ref`).post(ref(c!))
    await graph.api(`/groups/${inner}/members/$ref`).post(ref(a!))
    await graph.api(`/groups/${inner}/members/$ref`).post(ref(outer))
    assert.deepEqual(await ids(`/groups/${outer}/members`), [a, middle])
    assert.deepEqual(await ids(`/groups/${outer}/transitiveMembers`), [a, middle, b, inner, c])
  })

  it('hides members that were soft-deleted', async () => {
    const id = await group()
    const member = await group()
    await graph.api(`/groups/${id}/members/$ref`).post(ref(member))
    await graph.api(`/groups/${member}`).delete()
    assert.deepEqual(await ids(`/groups/${id}/members`), [])
  })

  it('lets GroupMember.ReadWrite.All change members and refuses Group.Read.All with 403', async () => {
    const id = await group()
    const [user] = await users(1)
    const memberWriter = t.graph(await t.createApp(tenantId, ['GroupMember.ReadWrite.All']))
    await memberWriter.api(`/groups/${id}/members/$ref`).post(ref(user!))
    const reader = t.graph(await t.createApp(tenantId, ['Group.Read.All']))
    assert.deepEqual(
      ((await reader.api(`/groups/${id}/members`).get()) as Page).value.map((m) => m.id),
      [user],
    )
    const denied = await expectGraphError(reader.api(`/groups/${id}/members/${user}/$ref`).delete())
    assert.equal(denied.statusCode, 403)
    assert.equal(denied.code, 'Authorization_RequestDenied')
    const nobody = t.graph(await t.createApp(tenantId, ['User.Read.All']))
    assert.equal((await expectGraphError(nobody.api(`/groups/${id}/members`).get())).statusCode, 403)
  })
})
