// GET /groups/delta over the wire: initial rounds paged with @odata.nextLink and ending with an
// @odata.deltaLink, later rounds with changed, new and removed groups and members@delta, and the
// documented syncStateNotFound for tokens the service does not know (or that are older than 7 days).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'

type Json = Record<string, unknown>
interface DeltaPage {
  value: Json[]
  '@odata.context': string
  '@odata.nextLink'?: string
  '@odata.deltaLink'?: string
}
const ref = (id: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` })
const syncStateMessage =
  'The sync state generation is not found. The delta token is expired and data must be synchronized again.'

/** Follows nextLinks to the end of a round: every page, and the final deltaLink. */
async function round(
  client: Client,
  url: string,
): Promise<{ pages: DeltaPage[]; items: Json[]; deltaLink: string }> {
  const pages: DeltaPage[] = []
  let next: string | undefined = url
  while (next !== undefined) {
    const page = (await client.api(next).get()) as DeltaPage
    pages.push(page)
    if (page['@odata.deltaLink'] !== undefined) {
      assert.equal(page['@odata.nextLink'], undefined)
      return { pages, items: pages.flatMap((p) => p.value), deltaLink: page['@odata.deltaLink'] }
    }
    next = page['@odata.nextLink']
    assert.ok(next !== undefined, 'a page has either a nextLink or a deltaLink')
  }
  assert.fail('unreachable')
}

describe('groups delta', () => {
  let t: TestEmulator
  let graph: Client
  let tenantId: string
  const byId = (items: Json[]) => new Map(items.map((item) => [String(item.id), item]))

  const users = async (count: number): Promise<string[]> => {
    const list = Array.from({ length: count }, (_, i) => ({
      displayName: `Delta user ${i} ${Math.random()}`,
    }))
    const reply = await t.admin<{ value: Json[] }>('POST', `/tenants/${tenantId}/users`, { users: list })
    return reply.body.value.map((u) => String(u.id))
  }
  const newGroup = async (name: string): Promise<string> =>
    String(
      (
        (await graph.api('/groups').post({
          displayName: name,
          mailEnabled: false,
          mailNickname: name.replace(/\W/g, ''),
          securityEnabled: true,
        })) as Json
      ).id,
    )

  before(async () => {
    t = await startTestEmulator()
    tenantId = (await t.createTenant({ displayName: 'Delta' })).id
    graph = t.graph(await t.createApp(tenantId, ['Group.ReadWrite.All']))
  })
  after(() => t.close())

  it('pages an initial round with nextLinks and ends it with a deltaLink, listing current members', async () => {
    const members = await users(2)
    const reply = await t.admin<{ value: Json[] }>('POST', `/tenants/${tenantId}/groups`, {
      groups: [
        { displayName: 'With members', members },
        ...Array.from({ length: 149 }, (_, i) => ({ displayName: `Delta group ${i}` })),
      ],
    })
    assert.equal(reply.status, 201)
    const reader = t.graph(await t.createApp(tenantId, ['Group.Read.All']))
    const { pages, items, deltaLink } = await round(reader, '/groups/delta')
    assert.equal(pages.length, 2)
    assert.equal(pages[0]!.value.length, 100)
    assert.match(pages[0]!['@odata.nextLink']!, /\/v1\.0\/groups\/delta\?\$skiptoken=/)
    assert.match(pages[0]!['@odata.context'], /\$metadata#groups$/)
    assert.match(deltaLink, /\/v1\.0\/groups\/delta\?\$deltatoken=/)
    assert.equal(items.length, 150)
    const withMembers = byId(items).get(String(reply.body.value[0]!.id))!
    assert.deepEqual(
      withMembers['members@delta'],
      members.map((id) => ({ '@odata.type': '#microsoft.graph.user', id })),
    )
    assert.equal(withMembers.securityEnabled, true)
    assert.equal('members@delta' in byId(items).get(String(reply.body.value[1]!.id))!, false)
    const again = (await reader.api(deltaLink).get()) as DeltaPage
    assert.deepEqual(again.value, [])
    assert.ok(again['@odata.deltaLink'])
  })

  it('returns new, changed and removed groups and member changes in the next round', async () => {
    const [kept, leaving, joining] = await users(3)
    const changed = await newGroup('Changing')
    const softDeleted = await newGroup('Soft deleted')
    const hardDeleted = await newGroup('Hard deleted')
    const untouched = await newGroup('Untouched')
    await graph.api(`/groups/${changed}/members/$ref`).post(ref(kept!))
    await graph.api(`/groups/${changed}/members/$ref`).post(ref(leaving!))
    const start = await round(graph, '/groups/delta')

    await graph.api(`/groups/${changed}`).patch({ description: 'now described' })
    await graph.api(`/groups/${changed}/members/${leaving}/$ref`).delete()
    await graph.api(`/groups/${changed}/members/$ref`).post(ref(joining!))
    await graph.api(`/groups/${softDeleted}`).delete()
    await t.admin('PUT', `/tenants/${tenantId}/groupSettings`, { securityGroupDelete: 'hard' })
    await graph.api(`/groups/${hardDeleted}`).delete()
    await t.admin('PUT', `/tenants/${tenantId}/groupSettings`, { securityGroupDelete: 'soft' })
    const created = await newGroup('Created later')

    const next = await round(graph, start.deltaLink)
    const items = byId(next.items)
    assert.equal(items.has(untouched), false)
    assert.deepEqual(items.get(softDeleted), { id: softDeleted, '@removed': { reason: 'changed' } })
    assert.deepEqual(items.get(hardDeleted), { id: hardDeleted, '@removed': { reason: 'deleted' } })
    assert.equal(items.get(created)?.displayName, 'Created later')
    const changedItem = items.get(changed)!
    assert.equal(changedItem.description, 'now described')
    assert.equal(changedItem.displayName, 'Changing', 'unchanged properties are returned too')
    const sorted = (list: unknown) =>
      [...(list as Json[])].sort((a, b) => String(a.id).localeCompare(String(b.id)))
    assert.deepEqual(
      sorted(changedItem['members@delta']),
      sorted([
        { '@odata.type': '#microsoft.graph.user', id: leaving, '@removed': { reason: 'deleted' } },
        { '@odata.type': '#microsoft.graph.user', id: joining },
      ]),
    )
    const quiet = (await graph.api(next.deltaLink).get()) as DeltaPage
    assert.deepEqual(quiet.value, [])
  })

  it('reports a group restored from the deleted items bin as changed again', async () => {
    const id = await newGroup('Restored')
    await graph.api(`/groups/${id}`).delete()
    const start = await round(graph, '/groups/delta')
    await graph.api(`/directory/deletedItems/${id}/restore`).post(undefined)
    const next = await round(graph, start.deltaLink)
    assert.equal(byId(next.items).get(id)?.displayName, 'Restored')
  })

  it('keeps the initial $select in the tokens and tracks members only when selected', async () => {
    const id = await newGroup('Selected')
    const [member] = await users(1)
    const withMembers = await round(graph, '/groups/delta?$select=displayName,members')
    const withoutMembers = await round(graph, '/groups/delta?$select=displayName,description')
    assert.match(
      ((await graph.api('/groups/delta?$select=displayName').get()) as DeltaPage)['@odata.context'],
      /#groups\(displayName\)$/,
    )
    await graph.api(`/groups/${id}/members/$ref`).post(ref(member!))
    const tracked = byId((await round(graph, withMembers.deltaLink)).items).get(id)
    assert.deepEqual(tracked, {
      id,
      displayName: 'Selected',
      'members@delta': [{ '@odata.type': '#microsoft.graph.user', id: member }],
    })
    const untracked = await round(graph, withoutMembers.deltaLink)
    assert.equal(byId(untracked.items).has(id), false)
    await graph.api(`/groups/${id}`).patch({ description: 'seen' })
    const seen = byId((await round(graph, untracked.deltaLink)).items).get(id)
    assert.deepEqual(seen, { id, displayName: 'Selected', description: 'seen' })
  })

  it('gives a deltaLink without an initial round for $deltatoken=latest', async () => {
    const latest = (await graph.api('/groups/delta?$deltatoken=latest').get()) as DeltaPage
    assert.deepEqual(latest.value, [])
    const id = await newGroup('After latest')
    const next = await round(graph, latest['@odata.deltaLink']!)
    assert.deepEqual(
      next.items.map((i) => i.id),
      [id],
    )
  })

  it('answers 400 syncStateNotFound for unknown delta and skip tokens', async () => {
    for (const url of ['/groups/delta?$deltatoken=bm90LWEtdG9rZW4', '/groups/delta?$skiptoken=bm9wZQ']) {
      const error = await expectGraphError(graph.api(url).get())
      assert.equal(error.statusCode, 400, url)
      assert.equal(error.code, 'syncStateNotFound')
      assert.equal(error.message, syncStateMessage)
    }
  })

  it('refuses $select beside a token (400), $expand other than members (400) and $filter (501)', async () => {
    const { deltaLink } = await round(graph, '/groups/delta')
    const withSelect = await expectGraphError(graph.api(`${deltaLink}&$select=displayName`).get())
    assert.equal(withSelect.statusCode, 400)
    const expand = await expectGraphError(graph.api('/groups/delta?$expand=owners').get())
    assert.equal(expand.statusCode, 400)
    const filter = await expectGraphError(graph.api("/groups/delta?$filter=id eq 'x'").get())
    assert.equal(filter.statusCode, 501)
    assert.equal(filter.code, 'NotImplemented')
  })

  it('refuses a caller without a group read permission with 403 Authorization_RequestDenied', async () => {
    const client = t.graph(await t.createApp(tenantId, ['User.Read.All']))
    const error = await expectGraphError(client.api('/groups/delta').get())
    assert.equal(error.statusCode, 403)
    assert.equal(error.code, 'Authorization_RequestDenied')
  })

  // Last: it moves the emulator's clock 8 days forward.
  it('answers 400 syncStateNotFound for a deltaLink older than 7 days', async () => {
    const { deltaLink } = await round(graph, '/groups/delta')
    const advanced = await t.admin('POST', '/clock/advance', { seconds: 8 * 24 * 3600 })
    assert.equal(advanced.status, 200)
    const fresh = t.graph(await t.createApp(tenantId, ['Group.Read.All']))
    const error = await expectGraphError(fresh.api(deltaLink).get())
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'syncStateNotFound')
    assert.equal(error.message, syncStateMessage)
    assert.ok((await round(fresh, '/groups/delta')).items.length > 0)
  })
})
