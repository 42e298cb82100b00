// $filter on /groups, as a topology finds its scoping groups by name.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client, GraphError } from '@microsoft/microsoft-graph-client'
import { startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'

describe('filtering groups', () => {
  let t: TestEmulator
  let graph: Client

  before(async () => {
    t = await startTestEmulator()
    const tenant = await t.createTenant({ displayName: 'Filtered' })
    graph = t.graph(await t.createApp(tenant.id, ['Group.ReadWrite.All']))
    await t.admin('POST', `/tenants/${tenant.id}/groups`, {
      groups: [
        { displayName: 'sync-out', mailNickname: 'sync-out' },
        { displayName: 'sync-in', mailNickname: 'sync-in' },
        { displayName: 'Finance', mailNickname: 'finance' },
      ],
    })
  })
  after(() => t.close())

  const names = async (filter: string): Promise<string[]> =>
    ((await graph.api('/groups').filter(filter).get()) as { value: { displayName: string }[] }).value
      .map((g) => g.displayName)
      .sort()

  it('finds a group by displayName eq and by mailNickname eq', async () => {
    assert.deepEqual(await names("displayName eq 'sync-out'"), ['sync-out'])
    assert.deepEqual(await names("mailNickname eq 'finance'"), ['Finance'])
  })

  it('finds groups by prefix and by a list of names', async () => {
    assert.deepEqual(await names("startswith(displayName,'sync-')"), ['sync-in', 'sync-out'])
    assert.deepEqual(await names("displayName in ('Finance', 'sync-in')"), ['Finance', 'sync-in'])
  })

  it('refuses ne without the advanced query parameters, and an unknown property', async () => {
    await assert.rejects(
      graph.api('/groups').filter("displayName ne 'Finance'").get(),
      (error: GraphError) => error.statusCode === 400 && error.code === 'Request_UnsupportedQuery',
    )
    await assert.rejects(
      graph.api('/groups').filter("colour eq 'red'").get(),
      (error: GraphError) => error.statusCode === 400,
    )
  })
})
