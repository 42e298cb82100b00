// Scenario tests of the provisioning engine over the wire: what later cycles do with changes in the
// source (attribute updates, a disabled account: graph-api.md §3.8, "block sign-in flows through as an
// update, not a delete"), and a job whose target object actions (flowTypes) leave out Delete.
// The topologies and matching are in collaboration.integ.test.ts and matching.integ.test.ts.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { TestEmulator } from '../../../test/support/emulator'
import {
  addUsers,
  configureSync,
  createTenants,
  deletedUsersIn,
  runCycles,
  unassign,
  usersIn,
  type SyncLink,
  type Tenant,
  provisioningLogsOf,
  startManualEmulator,
} from '../../../test/support/ctsTopology'

type Obj = Record<string, unknown>

/** An emulator with two tenants, automatic scheduling off so cycles run only when a test asks. */
async function twoTenants(): Promise<{ t: TestEmulator; contoso: Tenant; fabrikam: Tenant }> {
  const t = await startManualEmulator()
  const { Contoso, Fabrikam } = await createTenants(t, ['Contoso', 'Fabrikam'])
  return { t, contoso: Contoso!, fabrikam: Fabrikam! }
}

const about = (records: Obj[], sourceId: string): Obj[] =>
  records.filter((r) => (r.sourceIdentity as Obj).id === sourceId)
const statusOf = (record: Obj): unknown => (record.provisioningStatusInfo as Obj).status

async function targetOf(tenant: Tenant, displayName: string): Promise<Obj | undefined> {
  return (await usersIn(tenant)).find((u) => u.displayName === displayName)
}

describe('changes in the source on later cycles', () => {
  let t: TestEmulator
  let contoso: Tenant
  let fabrikam: Tenant
  let link: SyncLink
  let userId: string
  let targetId: string

  before(async () => {
    ;({ t, contoso, fabrikam } = await twoTenants())
    const [user] = await addUsers(t, contoso, [
      { displayName: 'Uma Update', department: 'Operations', jobTitle: 'Analyst' },
    ])
    userId = String(user!.id)
    link = await configureSync(contoso, fabrikam, { assign: [userId] })
    const [first] = await runCycles(t)
    assert.equal(first!.counts.created, 1)
    targetId = String((await targetOf(fabrikam, 'Uma Update'))!.id)
  })
  after(() => t.close())

  it('updates the target user when the source department and job title change', async () => {
    await contoso.graph.api(`/users/${userId}`).patch({ department: 'Finance', jobTitle: 'Controller' })
    const [report] = await runCycles(t)
    assert.equal(report!.counts.updated, 1)
    assert.equal(report!.counts.created, 0)
    const target = await targetOf(fabrikam, 'Uma Update')
    assert.equal(target?.id, targetId)
    assert.equal(target?.department, 'Finance')
    assert.equal(target?.jobTitle, 'Controller')

    const updates = about(await provisioningLogsOf(t, link), userId).filter(
      (r) => r.provisioningAction === 'update',
    )
    assert.equal(updates.length, 1)
    assert.equal(statusOf(updates[0]!), 'success')
    const changed = (updates[0]!.modifiedProperties as Obj[]).map((p) => p.displayName)
    assert.ok(changed.includes('department'), `modifiedProperties name department: ${changed.join(', ')}`)
    assert.ok(changed.includes('jobTitle'), `modifiedProperties name jobTitle: ${changed.join(', ')}`)
    const department = (updates[0]!.modifiedProperties as Obj[]).find((p) => p.displayName === 'department')
    assert.match(String(department?.newValue), /Finance/)
  })

  it('a cycle with no source change exports nothing', async () => {
    const [report] = await runCycles(t)
    assert.equal(report!.counts.updated, 0)
    assert.equal(
      about(await provisioningLogsOf(t, link), userId).length,
      2,
      'still the create and the one update',
    )
  })

  it('disabling the source user disables the target user without deleting it', async () => {
    await contoso.graph.api(`/users/${userId}`).patch({ accountEnabled: false })
    const [report] = await runCycles(t)
    assert.equal(report!.counts.disabled, 1)
    assert.equal(report!.counts.deleted, 0)
    const target = await targetOf(fabrikam, 'Uma Update')
    assert.equal(target?.id, targetId)
    assert.equal(target?.accountEnabled, false)
    assert.deepEqual(await deletedUsersIn(fabrikam), [])
    const last = about(await provisioningLogsOf(t, link), userId).at(-1)
    assert.equal(last?.provisioningAction, 'disable')
  })
})

describe('target object actions without Delete', () => {
  let t: TestEmulator
  let contoso: Tenant
  let fabrikam: Tenant
  let link: SyncLink
  const ids: Record<string, string> = {}

  before(async () => {
    ;({ t, contoso, fabrikam } = await twoTenants())
    for (const u of await addUsers(t, contoso, [{ displayName: 'Kim Kept' }, { displayName: 'Lee Stays' }]))
      ids[String(u.displayName)] = String(u.id)
    link = await configureSync(contoso, fabrikam, { assign: Object.values(ids) })
    // A PUT replaces the whole schema: read it, drop Delete, send it all back.
    const schema = (await contoso.graph.api(`${link.base}/schema`).get()) as Obj
    delete schema['@odata.context']
    const mapping = ((schema.synchronizationRules as Obj[])[0]!.objectMappings as Obj[])[0]!
    mapping.flowTypes = 'Add, Update'
    await contoso.graph.api(`${link.base}/schema`).put(schema)
    const [first] = await runCycles(t)
    assert.equal(first!.counts.created, 2)
  })
  after(() => t.close())

  it('the stored schema has the flow types the job was given', async () => {
    const schema = (await contoso.graph.api(`${link.base}/schema`).get()) as Obj
    const mapping = ((schema.synchronizationRules as Obj[])[0]!.objectMappings as Obj[])[0]!
    assert.equal(mapping.flowTypes, 'Add, Update')
  })

  it('an unassigned user stays in the target, logged as skipped once', async () => {
    const kept = (await targetOf(fabrikam, 'Kim Kept'))!
    await unassign(link, ids['Kim Kept']!)
    const reports = [...(await runCycles(t)), ...(await runCycles(t)), ...(await runCycles(t))]
    for (const r of reports) assert.deepEqual([r.counts.deleted, r.counts.disabled], [0, 0])

    const stillThere = await targetOf(fabrikam, 'Kim Kept')
    assert.equal(stillThere?.id, kept.id)
    assert.equal(stillThere?.accountEnabled, true)
    assert.deepEqual(await deletedUsersIn(fabrikam), [])
    assert.ok(await targetOf(fabrikam, 'Lee Stays'))

    const records = about(await provisioningLogsOf(t, link), ids['Kim Kept']!)
    assert.deepEqual(
      records.map((r) => [r.provisioningAction, statusOf(r)]),
      [
        ['create', 'success'],
        ['other', 'skipped'],
      ],
      'the create, then one skip over three cycles',
    )
    assert.match(JSON.stringify(records[1]!.provisioningSteps), /flowTypes/)
  })
})
