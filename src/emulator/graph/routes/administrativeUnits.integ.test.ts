// Administrative units over the wire: CRUD, members through $ref, restricted management rules (the
// immutable flag, the 100-unit cap, the member types, and the refusal of app writes to members).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'

type Json = Record<string, unknown>
type Page = { value: Json[]; '@odata.nextLink'?: string }
const ref = (id: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` })
const missingId = '0f0e0d0c-0b0a-4909-8807-060504030201'
const units = '/directory/administrativeUnits'
const restrictedMessage =
  'This group is a member of a restricted management administrative unit. Management rights are limited to administrators scoped on that administrative unit.'

describe('administrative units', () => {
  let t: TestEmulator
  let graph: Client
  let groups: Client
  let tenantId: string
  let counter = 0

  const unit = async (extra: Json = {}): Promise<string> =>
    String(((await graph.api(units).post({ displayName: `Unit ${++counter}`, ...extra })) as Json).id)
  const adminGroups = async (list: Json[]): Promise<string[]> => {
    const reply = await t.admin<{ value: Json[] }>('POST', `/tenants/${tenantId}/groups`, { groups: list })
    assert.equal(reply.status, 201, JSON.stringify(reply.body))
    return reply.body.value.map((g) => String(g.id))
  }
  const user = async (): Promise<string> => {
    const reply = await t.admin<{ value: Json[] }>('POST', `/tenants/${tenantId}/users`, {
      users: [{ displayName: `User ${++counter}` }],
    })
    return String(reply.body.value[0]!.id)
  }
  const audits = (name: string): Json[] =>
    t.emulator.store
      .tenant(tenantId)
      .audits()
      .filter((a) => a.activityDisplayName === name)

  before(async () => {
    t = await startTestEmulator()
    tenantId = (await t.createTenant({ displayName: 'Units' })).id
    graph = t.graph(await t.createApp(tenantId, ['AdministrativeUnit.ReadWrite.All']))
    groups = t.graph(await t.createApp(tenantId, ['Group.ReadWrite.All', 'Directory.ReadWrite.All']))
  })
  after(() => t.close())

  it('creates (201), reads, lists, updates (204) and deletes (204) an administrative unit', async () => {
    const created = (await graph.api(units).post({
      displayName: 'Seattle',
      description: 'West coast',
      visibility: 'HiddenMembership',
    })) as Json
    assert.match(String(created['@odata.context']), /\$metadata#directory\/administrativeUnits\/\$entity$/)
    assert.equal(created.displayName, 'Seattle')
    assert.equal(created.visibility, 'HiddenMembership')
    assert.equal(created.isMemberManagementRestricted, null)
    const id = String(created.id)
    assert.equal(((await graph.api(`${units}/${id}`).get()) as Json).description, 'West coast')
    const listed = (await graph.api(units).select(['id', 'displayName']).get()) as Page
    assert.ok(listed.value.some((u) => u.id === id))
    assert.equal(await graph.api(`${units}/${id}`).patch({ description: 'Changed' }), undefined)
    assert.equal(((await graph.api(`${units}/${id}`).get()) as Json).description, 'Changed')
    assert.equal(await graph.api(`${units}/${id}`).delete(), undefined)
    const gone = await expectGraphError(graph.api(`${units}/${id}`).get())
    assert.equal(gone.statusCode, 404)
    assert.equal(gone.code, 'Request_ResourceNotFound')
    const audit = audits('Add administrative unit').find((a) => (a.targetResources as Json[])[0]!.id === id)
    assert.equal(audit?.category, 'AdministrativeUnit')
    assert.equal(audits('Delete administrative unit').length, 1)
  })

  it('refuses a unit without displayName, with unknown properties or bad values (400) and dynamic ones (501)', async () => {
    for (const body of [
      {},
      { displayName: 'x', color: 1 },
      { displayName: 'x', visibility: 'Secret' },
      { displayName: 'x', id: missingId },
    ]) {
      const error = await expectGraphError(graph.api(units).post(body))
      assert.equal(error.statusCode, 400, JSON.stringify(body))
      assert.equal(error.code, 'Request_BadRequest')
    }
    const dynamic = await expectGraphError(
      graph.api(units).post({ displayName: 'x', membershipType: 'Dynamic' }),
    )
    assert.equal(dynamic.statusCode, 501)
    assert.equal(dynamic.code, 'NotImplemented')
    const scoped = await expectGraphError(graph.api(`${units}/${await unit()}/scopedRoleMembers`).get())
    assert.equal(scoped.statusCode, 501)
  })

  it('records IsMemberManagementRestricted on "Add administrative unit" and keeps the flag immutable', async () => {
    const id = await unit({ isMemberManagementRestricted: true })
    const audit = audits('Add administrative unit').find((a) => (a.targetResources as Json[])[0]!.id === id)
    const modified = ((audit?.targetResources as Json[])[0]!.modifiedProperties as Json[]).find(
      (p) => p.displayName === 'IsMemberManagementRestricted',
    )
    assert.equal(modified?.newValue, 'true')
    const error = await expectGraphError(
      graph.api(`${units}/${id}`).patch({ isMemberManagementRestricted: false }),
    )
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'Request_BadRequest')
    await graph.api(`${units}/${id}`).patch({ isMemberManagementRestricted: true, displayName: 'Same flag' })
    assert.equal(((await graph.api(`${units}/${id}`).get()) as Json).isMemberManagementRestricted, true)
    const plain = await unit()
    const toTrue = await expectGraphError(
      graph.api(`${units}/${plain}`).patch({ isMemberManagementRestricted: true }),
    )
    assert.equal(toTrue.statusCode, 400)
  })

  it('adds, lists and removes members through $ref, with the documented duplicate and missing errors', async () => {
    const id = await unit()
    const member = await user()
    const [group] = await adminGroups([{ displayName: 'AU member group' }])
    assert.equal(await graph.api(`${units}/${id}/members/$ref`).post(ref(member)), undefined)
    await graph.api(`${units}/${id}/members/$ref`).post(ref(group!))
    const page = (await graph.api(`${units}/${id}/members`).get()) as Page
    assert.deepEqual(
      page.value.map((m) => [m['@odata.type'], m.id]),
      [
        ['#microsoft.graph.user', member],
        ['#microsoft.graph.group', group],
      ],
    )
    const duplicate = await expectGraphError(graph.api(`${units}/${id}/members/$ref`).post(ref(member)))
    assert.equal(duplicate.statusCode, 400)
    assert.equal(
      duplicate.message,
      "One or more added object references already exist for the following modified properties: 'members'.",
    )
    const missing = await expectGraphError(graph.api(`${units}/${id}/members/$ref`).post(ref(missingId)))
    assert.equal(missing.statusCode, 404)
    assert.equal(missing.code, 'Request_ResourceNotFound')
    await graph.api(`${units}/${id}/members/${member}/$ref`).delete()
    const notMember = await expectGraphError(graph.api(`${units}/${id}/members/${member}/$ref`).delete())
    assert.equal(notMember.statusCode, 404)
    assert.equal(notMember.code, 'Request_ResourceNotFound')
    assert.equal(audits('Add member to administrative unit').length, 2)
    assert.equal(audits('Remove member from administrative unit').length, 1)
  })

  it('lets a restricted unit take users and security groups but not Microsoft 365 or mail-enabled groups', async () => {
    const id = await unit({ isMemberManagementRestricted: true })
    const [security, unified, mailSecurity, distribution] = await adminGroups([
      { displayName: 'Security' },
      { displayName: 'M365', groupTypes: ['Unified'] },
      { displayName: 'Mail security', mailEnabled: true, securityEnabled: true },
      { displayName: 'Distribution', mailEnabled: true, securityEnabled: false },
    ])
    await graph.api(`${units}/${id}/members/$ref`).post(ref(await user()))
    await graph.api(`${units}/${id}/members/$ref`).post(ref(security!))
    for (const refused of [unified!, mailSecurity!, distribution!]) {
      const error = await expectGraphError(graph.api(`${units}/${id}/members/$ref`).post(ref(refused)))
      assert.equal(error.statusCode, 400)
      assert.equal(error.code, 'Request_BadRequest')
    }
    assert.equal(audits('Add member to restricted management administrative unit').length, 2)
  })

  it('refuses app writes to a group in a restricted unit with 403, and allows them once it leaves', async () => {
    const id = await unit({ isMemberManagementRestricted: true })
    const [protectedGroup, other] = await adminGroups([
      { displayName: 'Protected' },
      { displayName: 'Other' },
    ])
    const member = await user()
    await groups.api(`/groups/${protectedGroup}/members/$ref`).post(ref(member))
    await graph.api(`${units}/${id}/members/$ref`).post(ref(protectedGroup!))
    const selected = (await groups
      .api(`/groups/${protectedGroup}`)
      .select(['isManagementRestricted'])
      .get()) as Json
    assert.equal(selected.isManagementRestricted, true)
    // Thunks: each attempt runs after the previous one was refused.
    const attempts: [string, () => Promise<unknown>][] = [
      ['PATCH', () => groups.api(`/groups/${protectedGroup}`).patch({ description: 'x' })],
      ['DELETE', () => groups.api(`/groups/${protectedGroup}`).delete()],
      ['add member', () => groups.api(`/groups/${protectedGroup}/members/$ref`).post(ref(other!))],
      ['remove member', () => groups.api(`/groups/${protectedGroup}/members/${member}/$ref`).delete()],
      ['add owner', () => groups.api(`/groups/${protectedGroup}/owners/$ref`).post(ref(member))],
      [
        'bind',
        () =>
          groups.api(`/groups/${protectedGroup}`).patch({ 'members@odata.bind': [ref(other!)['@odata.id']] }),
      ],
    ]
    for (const [what, attempt] of attempts) {
      const error = await expectGraphError(attempt())
      assert.equal(error.statusCode, 403, what)
      assert.equal(error.code, 'Authorization_RequestDenied', what)
      assert.equal(error.message, restrictedMessage, what)
    }
    // The group may still be added to another group: that changes the other group.
    await groups.api(`/groups/${other}/members/$ref`).post(ref(protectedGroup!))
    // The unit's own membership stays manageable.
    await graph.api(`${units}/${id}/members/${protectedGroup}/$ref`).delete()
    await groups.api(`/groups/${protectedGroup}`).patch({ description: 'now allowed' })
    assert.equal(((await groups.api(`/groups/${protectedGroup}`).get()) as Json).description, 'now allowed')
  })

  it('lifts the restriction when the restricted unit is deleted', async () => {
    const id = await unit({ isMemberManagementRestricted: true })
    const [group] = await adminGroups([{ displayName: 'Released' }])
    await graph.api(`${units}/${id}/members/$ref`).post(ref(group!))
    assert.equal(
      (await expectGraphError(groups.api(`/groups/${group}`).patch({ description: 'x' }))).statusCode,
      403,
    )
    await graph.api(`${units}/${id}`).delete()
    await groups.api(`/groups/${group}`).patch({ description: 'x' })
  })

  it('refuses writes without AdministrativeUnit.ReadWrite.All with 403 and lets AdministrativeUnit.Read.All read', async () => {
    const id = await unit()
    const reader = t.graph(await t.createApp(tenantId, ['AdministrativeUnit.Read.All']))
    assert.equal(((await reader.api(`${units}/${id}`).get()) as Json).id, id)
    const denied = await expectGraphError(reader.api(units).post({ displayName: 'Denied' }))
    assert.equal(denied.statusCode, 403)
    assert.equal(denied.code, 'Authorization_RequestDenied')
    const groupOnly = t.graph(await t.createApp(tenantId, ['Group.ReadWrite.All']))
    assert.equal((await expectGraphError(groupOnly.api(`${units}/${id}/members`).get())).statusCode, 403)
  })

  it('allows at most 100 restricted units per tenant (400 beyond)', async () => {
    const other = (await t.createTenant({ displayName: 'Many units' })).id
    const client = t.graph(await t.createApp(other, ['AdministrativeUnit.ReadWrite.All']))
    for (let i = 0; i < 100; i++)
      await client.api(units).post({ displayName: `Restricted ${i}`, isMemberManagementRestricted: true })
    const error = await expectGraphError(
      client.api(units).post({ displayName: 'One too many', isMemberManagementRestricted: true }),
    )
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'Request_BadRequest')
    await client.api(units).post({ displayName: 'Unrestricted is fine' })
  })
})
