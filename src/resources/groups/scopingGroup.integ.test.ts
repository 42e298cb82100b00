// ScopingGroup provider against the emulator, called as the engine calls it: a group with 50 members
// created inside a restricted unit in a handful of requests, members changed by hand read as drift and
// put back, unknown users, adoption, delete, a missing permission, and check.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { startTestEmulator, type TestEmulator } from '../../../test/support/emulator'
import { connectionsFor, providerTenant, type ProviderTenant } from '../../../test/support/providers'
import type { Connections } from '../shared/connections'
import { AdministrativeUnitProvider } from './administrativeUnit'
import { ScopingGroupProvider, type ScopingGroupInputs } from './scopingGroup'

type Json = Record<string, unknown>
const roles = [
  'Group.ReadWrite.All',
  'GroupMember.ReadWrite.All',
  'User.Read.All',
  'AdministrativeUnit.ReadWrite.All',
]
const ref = (id: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` })

describe('ScopingGroup provider', () => {
  let t: TestEmulator
  let contoso: ProviderTenant
  let connections: Connections
  let groups: ScopingGroupProvider
  let graph: Client
  let upns: string[] // sorted
  const ids = new Map<string, string>()
  let unitId: string
  let rmauGroup: { id: string; inputs: ScopingGroupInputs }

  before(async () => {
    t = await startTestEmulator()
    contoso = await providerTenant(t, 'contoso', roles)
    const users = Array.from({ length: 54 }, (_, i) => ({
      displayName: `Member ${String(i).padStart(2, '0')}`,
    }))
    const reply = await t.admin<{ value: Json[] }>('POST', `/tenants/${contoso.ref.tenantId}/users`, {
      users,
    })
    for (const u of reply.body.value) ids.set(String(u.userPrincipalName), String(u.id))
    upns = [...ids.keys()].sort()
    connections = connectionsFor(t, [contoso])
    groups = new ScopingGroupProvider().useConnections(connections)
    graph = t.graph(contoso.app)
  })
  after(() => t.close())

  const inputs = (nickname: string, members: string[], unit: string | null = null, adopt = false) =>
    ({
      tenant: contoso.ref,
      displayName: `Scope ${nickname}`,
      description: 'Synchronized to EMEA',
      mailNickname: nickname,
      members,
      administrativeUnitId: unit,
      adopt,
    }) satisfies ScopingGroupInputs
  const liveMembers = async (groupId: string): Promise<string[]> =>
    ((await graph.api(`/groups/${groupId}/members?$top=999`).get()) as { value: Json[] }).value
      .map((m) => String(m.userPrincipalName))
      .sort()

  it('creates a group with 50 members inside a restricted unit in a handful of requests', async () => {
    const units = new AdministrativeUnitProvider().useConnections(connections)
    const unit = await units.create({
      tenant: contoso.ref,
      displayName: 'Contoso synchronization scope',
      description: null,
      isMemberManagementRestricted: true,
      adopt: false,
    })
    unitId = unit.outs!.administrativeUnitId
    const members = upns.slice(0, 50)
    const sent = connections.requestCount
    const created = await groups.create(inputs('sync-out', members, unitId))
    const requests = connections.requestCount - sent
    // 1 lookup by mailNickname, 3 $batch of user lookups, 1 POST (20 members), 2 PATCH (30), 1 $ref, 1 $batch read
    assert.ok(requests < 15, `${requests} requests for 50 members`)
    const groupId = created.outs!.groupId
    assert.equal(created.id, `${contoso.ref.tenantId}/groups/${groupId}`)
    assert.deepEqual(created.outs, { ...inputs('sync-out', members, unitId), groupId })
    assert.deepEqual(await liveMembers(groupId), members)
    const inUnit = (await graph.api(`/directory/administrativeUnits/${unitId}/members`).get()) as {
      value: Json[]
    }
    assert.deepEqual(
      inUnit.value.map((m) => m.id),
      [groupId],
    )
    const flags = (await graph.api(`/groups/${groupId}?$select=isManagementRestricted`).get()) as Json
    assert.equal(flags.isManagementRestricted, true)
    rmauGroup = { id: created.id, inputs: inputs('sync-out', members, unitId) }
  })

  it('reports why a group in a restricted unit cannot be changed by the app', async () => {
    const fewer = { ...rmauGroup.inputs, members: upns.slice(1, 50) }
    await assert.rejects(
      groups.update(rmauGroup.id, { ...rmauGroup.inputs, groupId: '' }, fewer),
      (e: Error) => {
        assert.match(
          e.message,
          /restricted management administrative unit 'Contoso synchronization scope' .*application permissions do not apply.*directoryScopeId '\/administrativeUnits\//,
        )
        assert.doesNotMatch(e.message, /grant it the Microsoft Graph application permission/) // not the remedy here
        return true
      },
    )
    assert.equal((await liveMembers(rmauGroup.id.split('/')[2]!)).length, 50) // nothing changed
  })

  it('reads members changed by hand as drift, puts them back, and removes members dropped from the inputs', async () => {
    const desired = inputs('sync-eu', upns.slice(0, 3))
    const created = await groups.create(desired)
    const groupId = created.outs!.groupId
    await graph.api(`/groups/${groupId}/members/${ids.get(upns[1]!)}/$ref`).delete()
    await graph.api(`/groups/${groupId}/members/$ref`).post(ref(ids.get(upns[53]!)!))
    const read = await groups.read(created.id, created.outs)
    // Exactly the program's shape (no computed groupId), so only the drift differs.
    assert.deepEqual(read.inputs, { ...desired, members: [upns[0], upns[2], upns[53]] })
    const repaired = await groups.update(created.id, read.props!, desired)
    assert.deepEqual(repaired.outs?.members, upns.slice(0, 3))
    assert.deepEqual(await liveMembers(groupId), upns.slice(0, 3))
    // A member dropped from the topology, and the group moved into the restricted unit.
    const narrowed = inputs('sync-eu', [upns[0]!, upns[2]!], unitId)
    const updated = await groups.update(created.id, repaired.outs, narrowed)
    assert.deepEqual(updated.outs, { ...narrowed, groupId })
    assert.deepEqual(await liveMembers(groupId), [upns[0], upns[2]])
  })

  it('fails on users that do not exist, naming them and the tenant, before writing anything', async () => {
    await assert.rejects(
      groups.create(inputs('ghosts', [upns[0]!, 'ghost@contoso.example', 'nobody@contoso.example'])),
      /no user ghost@contoso\.example, nobody@contoso\.example in tenant contoso \(.*\)\. Members of a scoping group must be users that already exist in the tenant/,
    )
    const found = (await graph.api(`/groups?$filter=mailNickname eq 'ghosts'`).get()) as { value: Json[] }
    assert.deepEqual(found.value, [])
  })

  it('refuses a group with the same mailNickname, naming it and the adopt setting, unless adopted', async () => {
    const existing = (await graph.api('/groups').post({
      displayName: 'Made by hand',
      mailEnabled: false,
      mailNickname: 'sync-us',
      securityEnabled: true,
      'members@odata.bind': [ref(ids.get(upns[5]!)!)['@odata.id']],
    })) as Json
    await assert.rejects(
      groups.create(inputs('sync-us', upns.slice(0, 2))),
      /scoping group 'sync-us' in tenant contoso already exists \('Made by hand' [0-9a-f-]{36}\).*tenants\.contoso\.adopt: true/,
    )
    const adopted = await groups.create(inputs('sync-us', upns.slice(0, 2), null, true))
    assert.equal(adopted.outs!.groupId, existing.id)
    assert.deepEqual(adopted.outs, {
      ...inputs('sync-us', upns.slice(0, 2), null, true),
      groupId: existing.id,
    })
    assert.deepEqual(await liveMembers(String(existing.id)), upns.slice(0, 2))
  })

  it('waits out replication lag: more members and the unit reference a group created moments ago', async () => {
    await t.admin('PUT', '/faults', { replicationLagMs: 700 })
    try {
      const created = await groups.create(inputs('sync-lag', upns.slice(0, 25), unitId))
      assert.deepEqual(created.outs!.members, upns.slice(0, 25))
      assert.equal(created.outs!.administrativeUnitId, unitId)
    } finally {
      await t.admin('DELETE', '/faults')
    }
  })

  it('deletes a group out of its restricted unit; reading it then answers gone (empty id)', async () => {
    const outs = { ...rmauGroup.inputs, groupId: rmauGroup.id.split('/')[2]! }
    await groups.delete(rmauGroup.id, outs)
    assert.deepEqual(await groups.read(rmauGroup.id, outs), {})
    await groups.delete(rmauGroup.id, outs) // already gone: not an error
  })

  it('names the tenant, the operation and the permission to grant when the app lacks it', async () => {
    const reader = await providerTenant(t, 'reader', ['Group.Read.All', 'User.Read.All'])
    const provider = new ScopingGroupProvider().useConnections(connectionsFor(t, [reader]))
    await assert.rejects(provider.create({ ...inputs('sync-x', []), tenant: reader.ref }), (error: Error) => {
      assert.match(error.message, /tenant reader \(.*\): create the scoping group 'sync-x' in tenant reader/)
      assert.match(error.message, /grant it the Microsoft Graph application permission Group\.ReadWrite\.All/)
      return true
    })
  })

  it('reports every input problem in check, and sorts members', async () => {
    const result = await groups.check(inputs('a', []), {
      ...inputs('bad nickname', ['b@contoso.example', 'not-a-upn', 'B@contoso.example']),
      displayName: '',
      administrativeUnitId: 'unit',
    })
    assert.deepEqual(
      result.failures?.map((f) => f.property),
      ['displayName', 'mailNickname', 'members', 'members', 'administrativeUnitId'],
    )
    const sorted = await groups.check(inputs('a', []), inputs('a', ['z@x.example', 'a@x.example']))
    assert.deepEqual(sorted.inputs?.members, ['a@x.example', 'z@x.example'])
  })
})
