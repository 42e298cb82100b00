// Provisioning logs (GET /auditLogs/provisioning) read through the Graph client after real provisioning
// cycles: a source syncs two users, then a third once it is assigned; the target syncs one user back.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client, GraphError } from '@microsoft/microsoft-graph-client'
import { expectGraphError, startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'
import {
  addGroup,
  addUsers,
  assign,
  configureSync,
  createTenants,
  runCycles,
  type CycleReport,
  type SyncLink,
  type Tenant,
} from '../../../../test/support/ctsTopology'

type Identity = { id: string; displayName: string | null; identityType: string }
interface Summary {
  id: string
  activityDateTime: string
  tenantId: string
  jobId: string
  cycleId: string
  provisioningAction: string
  servicePrincipal: { id: string; displayName: string | null }
  sourceIdentity: Identity
  targetIdentity: Identity
  provisioningStatusInfo: { status: string; errorInformation: unknown }
  provisioningSteps: { name: string; provisioningStepType: string; status: string }[]
}
interface Page {
  '@odata.context': string
  '@odata.nextLink'?: string
  value: Summary[]
}

const path = '/auditLogs/provisioning'

/** The id of the cycle a report describes (the engine's report has it; ctsTopology's type leaves it out). */
function cycleOf(report: CycleReport | undefined): string {
  if (report === undefined || !('cycleId' in report) || typeof report.cycleId !== 'string')
    throw new Error(`a cycle report without a cycleId: ${JSON.stringify(report)}`)
  return report.cycleId
}

describe('provisioning logs (GET /auditLogs/provisioning)', () => {
  let t: TestEmulator
  let source: Tenant
  let target: Tenant
  let forward: SyncLink
  let reverse: SyncLink
  let auditor: Client
  let auditorBeta: Client
  let ids: Record<string, string>
  let firstCycle: string
  let secondCycle: string
  let secondCycleAt: string

  const list = async (filter?: string): Promise<Summary[]> => {
    const request = auditor.api(path)
    return ((await (filter === undefined ? request : request.filter(filter)).get()) as Page).value
  }
  const names = (records: Summary[]): string[] =>
    records.map((r) => `${r.provisioningAction} ${r.sourceIdentity.displayName}`).sort()

  before(async () => {
    t = await startTestEmulator()
    const settings = await t.admin('PUT', '/settings/provisioning', { automatic: false })
    assert.equal(settings.status, 200)
    const tenants = await createTenants(t, ['Source', 'Target'])
    source = tenants.Source!
    target = tenants.Target!
    const users = await addUsers(t, source, [
      { displayName: 'Ada' },
      { displayName: 'Ben' },
      { displayName: 'Cy' },
    ])
    ids = Object.fromEntries(users.map((u) => [String(u.displayName), String(u.id)]))
    const group = await addGroup(t, source, 'Synced', [ids.Ada!, ids.Ben!])
    forward = await configureSync(source, target, { assign: [group] })
    const [tess] = await addUsers(t, target, [{ displayName: 'Tess' }])
    reverse = await configureSync(target, source, { assign: [String(tess?.id)] })

    const [first] = await runCycles(t, { jobId: forward.jobId })
    await assign(forward, ids.Cy!)
    await t.admin('POST', '/clock/advance', { seconds: 60 })
    const [second] = await runCycles(t, { jobId: forward.jobId })
    await runCycles(t, { jobId: reverse.jobId })
    firstCycle = cycleOf(first)
    secondCycle = cycleOf(second)

    const app = await t.createApp(source.id, ['AuditLog.Read.All'])
    auditor = t.graph(app)
    auditorBeta = t.graph(app, 'beta')
    secondCycleAt = (await list(`cycleId eq '${secondCycle}'`))[0]!.activityDateTime
  })
  after(() => t.close())

  it('lists what the cycles did, newest first, with the job, service principal, identities and steps', async () => {
    const page = (await auditor.api(path).get()) as Page
    assert.match(page['@odata.context'], /\$metadata#auditLogs\/provisioning$/)
    const records = page.value
    assert.deepEqual(names(records), ['create Ada', 'create Ben', 'create Cy', 'other Cy'])
    // Newest first: exactly the admin API's record list (oldest first), reversed.
    const stored = await t.admin<{ value: Summary[] }>('GET', `/tenants/${source.id}/provisioningLogs`)
    assert.deepEqual(
      records.map((r) => r.id),
      stored.body.value.map((r) => r.id).reverse(),
    )
    assert.equal(records[0]!.cycleId, secondCycle)

    const ada = records.find((r) => r.sourceIdentity.id === ids.Ada)!
    assert.deepEqual(
      [ada.provisioningAction, ada.tenantId, ada.jobId, ada.cycleId, ada.servicePrincipal.id],
      ['create', source.id, forward.jobId, firstCycle, forward.spId],
    )
    assert.deepEqual(ada.provisioningStatusInfo, { status: 'success', errorInformation: null })
    assert.deepEqual([ada.sourceIdentity.displayName, ada.sourceIdentity.identityType], ['Ada', 'User'])
    // The target identity is the B2B user the cycle made in the target tenant.
    const made = (await target.graph
      .api(`/users/${ada.targetIdentity.id}`)
      .select(['displayName', 'userType'])
      .get()) as Record<string, unknown>
    assert.equal(made.displayName, 'Ada')
    assert.equal(made.userType, 'Member')
    assert.deepEqual(
      ada.provisioningSteps.map((s) => `${s.provisioningStepType} ${s.status}`),
      ['import success', 'scoping success', 'matching success', 'export success'],
    )

    const skipped = records.find((r) => r.provisioningAction === 'other')!
    assert.equal(skipped.sourceIdentity.id, ids.Cy)
    assert.equal(skipped.provisioningStatusInfo.status, 'skipped')
    assert.equal(skipped.targetIdentity.id, '')
  })

  it('serves beta the same records, and one record by id (404 for an unknown one)', async () => {
    const v1 = await list()
    const beta = ((await auditorBeta.api(path).get()) as Page).value
    assert.deepEqual(
      beta.map((r) => r.id),
      v1.map((r) => r.id),
    )
    const one = (await auditor.api(`${path}/${v1[1]!.id}`).get()) as Summary
    assert.deepEqual(one.sourceIdentity, v1[1]!.sourceIdentity)
    const missing = await expectGraphError(auditor.api(`${path}/00000000-0000-4000-8000-000000000000`).get())
    assert.equal(missing.statusCode, 404)
  })

  it('filters by job, cycle, action, service principal, status and identities', async () => {
    assert.equal((await list(`jobId eq '${forward.jobId}'`)).length, 4)
    assert.deepEqual(await list(`jobId eq '${reverse.jobId}'`), [])
    assert.deepEqual(names(await list(`cycleId eq '${firstCycle}'`)), [
      'create Ada',
      'create Ben',
      'other Cy',
    ])
    assert.deepEqual(names(await list(`cycleId eq '${secondCycle}'`)), ['create Cy'])
    assert.deepEqual(names(await list("provisioningAction eq 'create'")), [
      'create Ada',
      'create Ben',
      'create Cy',
    ])
    assert.equal((await list(`servicePrincipal/id eq '${forward.spId}'`)).length, 4)
    assert.deepEqual(await list(`servicePrincipal/id eq '${reverse.spId}'`), [])
    assert.deepEqual(names(await list("provisioningStatusInfo/status eq 'skipped'")), ['other Cy'])
    assert.deepEqual(names(await list(`sourceIdentity/id eq '${ids.Cy}'`)), ['create Cy', 'other Cy'])
    const [ben] = await list(`sourceIdentity/id eq '${ids.Ben}'`)
    assert.deepEqual(names(await list(`targetIdentity/id eq '${ben!.targetIdentity.id}'`)), ['create Ben'])
    assert.deepEqual(
      names(await list(`provisioningAction eq 'create' and sourceIdentity/id eq '${ids.Cy}'`)),
      ['create Cy'],
    )
  })

  it('filters by activityDateTime with ge, gt, le and lt', async () => {
    const firstAt = (await list(`cycleId eq '${firstCycle}'`))[0]!.activityDateTime
    assert.deepEqual(names(await list(`activityDateTime ge ${secondCycleAt}`)), ['create Cy'])
    assert.deepEqual(await list(`activityDateTime gt ${secondCycleAt}`), [])
    assert.deepEqual(names(await list(`activityDateTime lt ${secondCycleAt}`)), [
      'create Ada',
      'create Ben',
      'other Cy',
    ])
    assert.equal((await list(`activityDateTime le ${secondCycleAt}`)).length, 4)
    // The first cycle's records all carry its end time: ge keeps them, gt drops them.
    const between = (low: string): Promise<Summary[]> =>
      list(`activityDateTime ${low} ${firstAt} and activityDateTime lt ${secondCycleAt}`)
    assert.equal((await between('ge')).length, 3)
    assert.deepEqual(await between('gt'), [])
  })

  it('pages with $top and @odata.nextLink, and orders ascending on request', async () => {
    const all = await list()
    const first = (await auditor.api(path).top(3).get()) as Page
    assert.equal(first.value.length, 3)
    assert.match(first['@odata.nextLink']!, /\$top=3/)
    const second = (await auditor.api(first['@odata.nextLink']!).get()) as Page
    assert.equal(second['@odata.nextLink'], undefined)
    assert.deepEqual(
      [...first.value, ...second.value].map((r) => r.id),
      all.map((r) => r.id),
    )
    const ascending = ((await auditor.api(path).orderby('activityDateTime asc').get()) as Page).value
    assert.equal(ascending[ascending.length - 1]!.cycleId, secondCycle)
    assert.equal(ascending[0]!.cycleId, firstCycle)
  })

  it('refuses what it does not support with Graph-shaped errors instead of ignoring it', async () => {
    const cases: [string, number, string][] = [
      ["$filter=colour eq 'red'", 400, 'Request_BadRequest'],
      ["$filter=servicePrincipal/colour eq 'red'", 400, 'Request_BadRequest'],
      ["$filter=provisioningAction ne 'create'", 400, 'Request_UnsupportedQuery'],
      ["$filter=startswith(jobId,'Azure2Azure')", 400, 'Request_UnsupportedQuery'],
      // The form graph-api.md §3.9 shows; the shared compiler has no contains() or tolower() yet.
      ["$filter=contains(tolower(servicePrincipal/id),'a')", 400, 'Request_UnsupportedQuery'],
      ['$orderby=jobId', 400, 'Request_UnsupportedQuery'],
      ['$count=true', 501, 'NotImplemented'],
    ]
    for (const [query, status, code] of cases) {
      const error = await expectGraphError(auditor.api(`${path}?${query}`).get())
      assert.deepEqual([error.statusCode, error.code], [status, code], query)
    }
  })

  it('refuses a caller without AuditLog.Read.All, even with Directory.Read.All', async () => {
    const reader = t.graph(await t.createApp(source.id, ['Directory.Read.All']))
    const error = await expectGraphError<GraphError>(reader.api(path).get())
    assert.equal(error.statusCode, 403)
    assert.equal(error.code, 'Authorization_RequestDenied')
  })

  it("keeps each tenant's records to itself", async () => {
    const theirs = ((await target.graph.api(path).get()) as Page).value
    assert.ok(theirs.length > 0, 'the reverse job wrote no records in the target tenant')
    assert.ok(theirs.every((r) => r.tenantId === target.id && r.jobId === reverse.jobId))
    assert.ok(
      theirs.some((r) => r.provisioningAction === 'create' && r.sourceIdentity.displayName === 'Tess'),
    )
    const ours = new Set((await list()).map((r) => r.id))
    assert.ok(theirs.every((r) => !ours.has(r.id)))
    assert.deepEqual(await list(`sourceIdentity/displayName eq 'Tess'`), [])
  })
})
