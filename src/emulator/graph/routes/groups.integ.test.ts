// Groups over the wire, through @azure/identity and the Microsoft Graph client: create, list, get,
// DELETE, permissions and paging. PATCH is in groupsPatch.integ.test.ts.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, type TestEmulator } from '../../../../test/support/emulator'
import {
  createUsers,
  memberIds,
  missingId,
  ref,
  securityGroup,
  startGroupsEmulator,
} from '../../../../test/support/groupsFixture'

type Json = Record<string, unknown>

describe('groups', () => {
  let t: TestEmulator
  let graph: Client
  let tenantId: string

  before(async () => {
    ;({ t, graph, tenantId } = await startGroupsEmulator())
  })
  after(() => t.close())

  it('creates a security group with 201 and shows Graph default properties', async () => {
    const created = (await graph.api('/groups').post(securityGroup('Sales team'))) as Json
    assert.match(String(created['@odata.context']), /\/v1\.0\/\$metadata#groups\/\$entity$/)
    assert.match(String(created.id), /^[0-9a-f-]{36}$/)
    assert.equal(created.displayName, 'Sales team')
    assert.equal(created.mail, null)
    assert.deepEqual(created.groupTypes, [])
    assert.deepEqual(created.proxyAddresses, [])
    assert.match(String(created.securityIdentifier), /^S-1-12-1-\d+-\d+-\d+-\d+$/)
    assert.equal('isManagementRestricted' in created, false)
    const read = (await graph.api(`/groups/${String(created.id)}`).get()) as Json
    assert.equal(read.displayName, 'Sales team')
  })

  it('creates a Microsoft 365 group with a mail address at the initial domain', async () => {
    const created = (await graph.api('/groups').post({
      displayName: 'Library',
      groupTypes: ['Unified'],
      mailEnabled: true,
      mailNickname: 'library',
      securityEnabled: false,
    })) as Json
    assert.equal(created.mail, 'library@contoso.onmicrosoft.com')
    assert.deepEqual(created.proxyAddresses, ['SMTP:library@contoso.onmicrosoft.com'])
    assert.equal(created.visibility, 'Public')
  })

  it('refuses a duplicate Microsoft 365 mailNickname with 400 on proxyAddresses', async () => {
    const error = await expectGraphError(
      graph.api('/groups').post({
        displayName: 'Library 2',
        groupTypes: ['Unified'],
        mailEnabled: true,
        mailNickname: 'LIBRARY',
        securityEnabled: false,
      }),
    )
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'Request_BadRequest')
    assert.equal(
      error.message,
      'Another object with the same value for property proxyAddresses already exists.',
    )
  })

  for (const missing of ['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled'])
    it(`refuses a group without ${missing} with 400 Request_BadRequest`, async () => {
      const body = securityGroup('Missing')
      delete body[missing]
      const error = await expectGraphError(graph.api('/groups').post(body))
      assert.equal(error.statusCode, 400)
      assert.equal(error.code, 'Request_BadRequest')
      assert.match(error.message, new RegExp(`'${missing}' is required`))
    })

  it('refuses unknown, read-only and invalid properties with 400, and unmodelled ones with 501', async () => {
    const unknown = await expectGraphError(graph.api('/groups').post(securityGroup('X', { color: 'red' })))
    assert.equal(unknown.statusCode, 400)
    assert.match(unknown.message, /The property 'color' does not exist on type 'microsoft.graph.group'/)
    const readOnly = await expectGraphError(graph.api('/groups').post(securityGroup('X', { mail: 'x@y.z' })))
    assert.equal(readOnly.statusCode, 400)
    assert.equal(readOnly.message, "Property 'mail' is read-only and cannot be set.")
    const nickname = await expectGraphError(
      graph.api('/groups').post(securityGroup('X', { mailNickname: 'a b' })),
    )
    assert.equal(nickname.statusCode, 400)
    assert.equal(nickname.message, "Invalid value specified for property 'mailNickname' of resource 'Group'.")
    const dynamic = await expectGraphError(
      graph.api('/groups').post(securityGroup('X', { groupTypes: ['DynamicMembership'] })),
    )
    assert.equal(dynamic.statusCode, 501)
    assert.equal(dynamic.code, 'NotImplemented')
  })

  it('refuses a mail-enabled security group with Graph observed 400 message', async () => {
    const error = await expectGraphError(
      graph.api('/groups').post(securityGroup('Mail sec', { mailEnabled: true })),
    )
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'Request_BadRequest')
    assert.match(error.message, /^The service does not currently support writes of mail-enabled groups/)
  })

  it('binds owners and members at creation, users and groups alike', async () => {
    const [owner, member] = await createUsers(t, tenantId, 2)
    const nested = (await graph.api('/groups').post(securityGroup('Nested'))) as Json
    const created = (await graph.api('/groups').post(
      securityGroup('With members', {
        'owners@odata.bind': [`https://graph.microsoft.com/v1.0/users/${owner}`],
        'members@odata.bind': [ref(member!), ref(String(nested.id))],
      }),
    )) as Json
    assert.deepEqual(await memberIds(graph, String(created.id)), [member, nested.id])
    const owners = (await graph.api(`/groups/${String(created.id)}/owners`).get()) as { value: Json[] }
    assert.deepEqual(
      owners.value.map((o) => [o['@odata.type'], o.id]),
      [['#microsoft.graph.user', owner]],
    )
  })

  it('refuses more than 20 binds at creation with 400, and a missing member with 404 creating nothing', async () => {
    const ids = await createUsers(t, tenantId, 21)
    const tooMany = await expectGraphError(
      graph.api('/groups').post(securityGroup('Too many', { 'members@odata.bind': ids.map(ref) })),
    )
    assert.equal(tooMany.statusCode, 400)
    assert.equal(tooMany.code, 'Request_BadRequest')
    const before = ((await graph.api('/groups').top(999).get()) as { value: unknown[] }).value.length
    const missing = await expectGraphError(
      graph
        .api('/groups')
        .post(securityGroup('Missing member', { 'members@odata.bind': [ref(ids[0]!), ref(missingId)] })),
    )
    assert.equal(missing.statusCode, 404)
    assert.equal(missing.code, 'Request_ResourceNotFound')
    assert.equal(
      missing.message,
      `Resource '${missingId}' does not exist or one of its queried reference-property objects are not present.`,
    )
    assert.equal(((await graph.api('/groups').top(999).get()) as { value: unknown[] }).value.length, before)
  })

  it('answers 404 Request_ResourceNotFound for a missing group and 400 for an id that is not a GUID', async () => {
    const missing = await expectGraphError(graph.api(`/groups/${missingId}`).get())
    assert.equal(missing.statusCode, 404)
    assert.equal(missing.code, 'Request_ResourceNotFound')
    assert.equal(
      missing.message,
      `Resource '${missingId}' does not exist or one of its queried reference-property objects are not present.`,
    )
    const invalid = await expectGraphError(graph.api('/groups/not-a-guid').get())
    assert.equal(invalid.statusCode, 400)
    assert.equal(invalid.message, "Invalid object identifier 'not-a-guid'.")
  })

  it('shows only the selected properties, including isManagementRestricted, and refuses unknown ones', async () => {
    const created = (await graph.api('/groups').post(securityGroup('Selected'))) as Json
    const read = (await graph
      .api(`/groups/${String(created.id)}`)
      .select(['displayName', 'isManagementRestricted'])
      .get()) as Json
    assert.deepEqual(
      Object.keys(read).filter((k) => !k.startsWith('@')),
      ['displayName', 'isManagementRestricted'],
    )
    assert.equal(read.isManagementRestricted, false)
    const error = await expectGraphError(graph.api('/groups').select(['nope']).get())
    assert.equal(error.statusCode, 400)
    assert.equal(error.message, "Could not find a property named 'nope' on type 'microsoft.graph.group'.")
  })

  it('pages /groups at 100 by default, follows nextLink, and counts only with ConsistencyLevel eventual', async () => {
    const other = (await t.createTenant({ displayName: 'Paging' })).id
    const reply = await t.admin('POST', `/tenants/${other}/groups`, {
      groups: Array.from({ length: 250 }, (_, i) => ({ displayName: `Group ${i}` })),
    })
    assert.equal(reply.status, 201)
    const client = t.graph(await t.createApp(other, ['Group.Read.All']))
    const first = (await client.api('/groups').get()) as { value: Json[]; '@odata.nextLink'?: string }
    assert.equal(first.value.length, 100)
    assert.match(String(first['@odata.nextLink']), /\/v1\.0\/groups\?\$skiptoken=/)
    const names: string[] = []
    let page: { value: Json[]; '@odata.nextLink'?: string } = first
    for (;;) {
      names.push(...page.value.map((g) => String(g.displayName)))
      if (page['@odata.nextLink'] === undefined) break
      page = (await client.api(page['@odata.nextLink']).get()) as typeof page
    }
    assert.equal(names.length, 250)
    assert.equal(new Set(names).size, 250)
    const top = (await client.api('/groups').top(999).select(['id']).get()) as { value: Json[] }
    assert.equal(top.value.length, 250)
    const counted = (await client
      .api('/groups')
      .header('ConsistencyLevel', 'eventual')
      .count(true)
      .top(5)
      .get()) as Json
    assert.equal(counted['@odata.count'], 250)
    const refused = await expectGraphError(client.api('/groups').count(true).get())
    assert.equal(refused.statusCode, 400)
    assert.equal(refused.code, 'Request_UnsupportedQuery')
    const badTop = await expectGraphError(client.api('/groups').top(1000).get())
    assert.equal(badTop.statusCode, 400)
    const filtered = (await client.api('/groups').filter("displayName eq 'Group 1'").get()) as {
      value: Json[]
    }
    assert.deepEqual(
      filtered.value.map((g) => g.displayName),
      ['Group 1'],
    )
  })

  it('soft-deletes security and Microsoft 365 groups, and hard-deletes security groups when configured', async () => {
    const store = t.emulator.store.tenant(tenantId)
    const security = String(((await graph.api('/groups').post(securityGroup('Soft'))) as Json).id)
    const unified = String(
      (
        (await graph.api('/groups').post({
          displayName: 'Soft 365',
          groupTypes: ['Unified'],
          mailEnabled: true,
          mailNickname: 'soft365',
          securityEnabled: false,
        })) as Json
      ).id,
    )
    for (const id of [security, unified]) {
      await graph.api(`/groups/${id}`).delete()
      assert.equal((await expectGraphError(graph.api(`/groups/${id}`).get())).statusCode, 404)
      assert.notEqual(store.find('group', id)?.deletedAt, undefined)
    }
    const settings = await t.admin('PUT', `/tenants/${tenantId}/groupSettings`, {
      securityGroupDelete: 'hard',
    })
    assert.equal(settings.status, 200)
    const hard = String(((await graph.api('/groups').post(securityGroup('Hard'))) as Json).id)
    await graph.api(`/groups/${hard}`).delete()
    assert.equal(store.find('group', hard), undefined)
    assert.ok(store.audits().some((a) => a.activityDisplayName === 'Hard Delete group'))
    await t.admin('PUT', `/tenants/${tenantId}/groupSettings`, { securityGroupDelete: 'soft' })
    const gone = await expectGraphError(graph.api(`/groups/${hard}`).delete())
    assert.equal(gone.statusCode, 404)
    assert.equal(gone.code, 'Request_ResourceNotFound')
  })

  it('refuses reads and writes without a group permission with 403 Authorization_RequestDenied', async () => {
    const reader = t.graph(await t.createApp(tenantId, ['Group.Read.All']))
    assert.ok(((await reader.api('/groups').get()) as { value: unknown[] }).value.length > 0)
    const write = await expectGraphError(reader.api('/groups').post(securityGroup('Denied')))
    assert.equal(write.statusCode, 403)
    assert.equal(write.code, 'Authorization_RequestDenied')
    const none = t.graph(await t.createApp(tenantId, ['User.Read.All']))
    const read = await expectGraphError(none.api('/groups').get())
    assert.equal(read.statusCode, 403)
    assert.equal(read.code, 'Authorization_RequestDenied')
  })

  it('needs RoleManagement.ReadWrite.Directory for role-assignable groups and their members', async () => {
    const body = securityGroup('Admins', { isAssignableToRole: true })
    const denied = await expectGraphError(graph.api('/groups').post(body))
    assert.equal(denied.statusCode, 403)
    assert.equal(denied.code, 'Authorization_RequestDenied')
    const roles = t.graph(
      await t.createApp(tenantId, ['Group.ReadWrite.All', 'RoleManagement.ReadWrite.Directory']),
    )
    const id = String(((await roles.api('/groups').post(body)) as Json).id)
    const [user] = await createUsers(t, tenantId, 1)
    const memberDenied = await expectGraphError(
      graph.api(`/groups/${id}/members/$ref`).post({ '@odata.id': ref(user!) }),
    )
    assert.equal(memberDenied.statusCode, 403)
    await roles.api(`/groups/${id}/members/$ref`).post({ '@odata.id': ref(user!) })
    assert.equal((await expectGraphError(graph.api(`/groups/${id}`).delete())).statusCode, 403)
    await roles.api(`/groups/${id}`).delete()
  })
})
