// The synchronization API of the cross-tenant sync service principal, over the wire: secrets,
// templates, jobs and their state changes (the schema and provisionOnDemand: syncSchema.integ.test.ts).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, type TestEmulator } from '../../../../test/support/emulator'
import { startSyncEmulator } from '../../../../test/support/syncFixture'

type Obj = Record<string, unknown>

const notifications = JSON.stringify({
  Enabled: false,
  DeleteThresholdEnabled: false,
  HumanResourcesLookaheadQueryEnabled: false,
})

describe('synchronization (secrets, templates, jobs)', () => {
  let t: TestEmulator
  let graph: Client
  let tenantId: string
  let sp: Obj
  let base: string
  let jobId: string

  before(async () => {
    ;({ t, tenantId, graph, sp, base } = await startSyncEmulator())
  })
  after(() => t.close())

  const job = async () =>
    (await graph.api(`${base}/jobs/${jobId}`).get()) as { schedule: Obj; status: Obj } & Obj

  it('stores secrets (204) and shows them with sensitive values masked as "*"', async () => {
    const target = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'
    const value = [
      { key: 'AuthenticationType', value: 'SyncPolicy' },
      { key: 'CompanyId', value: target },
      { key: 'SyncNotificationSettings', value: notifications },
      { key: 'SyncAll', value: 'false' },
      { key: 'SecretToken', value: 'very-secret' },
    ]
    await graph.api(`${base}/secrets`).put({ value })
    const shown = (await graph.api(`${base}/secrets`).get()) as { value: Obj[] }
    assert.deepEqual(shown.value, [...value.slice(0, 4), { key: 'SecretToken', value: '*' }])
  })

  it('replaces the whole set of secrets on each PUT', async () => {
    await graph.api(`${base}/secrets`).put({ value: [{ key: 'SyncAll', value: 'true' }] })
    assert.deepEqual(((await graph.api(`${base}/secrets`).get()) as { value: Obj[] }).value, [
      { key: 'SyncAll', value: 'true' },
    ])
  })

  it('refuses secret keys outside the documented enum and malformed values (400)', async () => {
    const key = await expectGraphError(
      graph.api(`${base}/secrets`).put({ value: [{ key: 'Colour', value: 'blue' }] }),
    )
    assert.equal(key.statusCode, 400)
    assert.equal(key.code, 'Request_BadRequest')
    assert.match(key.message, /value\[0\]\.key/)
    for (const bad of [
      { key: 'SyncAll', value: 'maybe' },
      { key: 'CompanyId', value: 'contoso.com' },
      { key: 'SyncNotificationSettings', value: '{"Enabled":"yes"}' },
      { key: 'SyncAll', value: false },
    ])
      assert.equal(
        (await expectGraphError(graph.api(`${base}/secrets`).put({ value: [bad] }))).statusCode,
        400,
        JSON.stringify(bad),
      )
  })

  it('lists the Azure2Azure synchronization template', async () => {
    const templates = (await graph.api(`${base}/templates`).get()) as { value: Obj[] }
    assert.deepEqual(
      templates.value.map((x) => [x.id, x.factoryTag, x.applicationId]),
      [['Azure2Azure', 'Azure2Azure', sp.appId]],
    )
  })

  it('creates a job (201) born disabled and paused, exactly in the documented shape', async () => {
    const created = (await graph.api(`${base}/jobs`).post({ templateId: 'Azure2Azure' })) as Obj
    jobId = String(created.id)
    assert.match(jobId, /^Azure2Azure\.[0-9a-f]{32}\.[0-9a-f]{32}$/)
    assert.match(String(created['@odata.context']), /synchronization\/jobs\/\$entity$/)
    const { ['@odata.context']: _context, ...body } = created
    assert.deepEqual(body, {
      id: jobId,
      templateId: 'Azure2Azure',
      schedule: { expiration: null, interval: 'PT40M', state: 'Disabled' },
      status: {
        code: 'Paused',
        countSuccessiveCompleteFailures: 0,
        escrowsPruned: false,
        lastExecution: null,
        lastSuccessfulExecution: null,
        lastSuccessfulExecutionWithExports: null,
        quarantine: null,
        steadyStateFirstAchievedTime: '0001-01-01T00:00:00Z',
        steadyStateLastAchievedTime: '0001-01-01T00:00:00Z',
        troubleshootingUrl: null,
        progress: [],
        synchronizedEntryCountByType: [],
      },
      synchronizationJobSettings: [
        { name: 'AzureIngestionAttributeOptimization', value: 'False' },
        { name: 'LookaheadQueryEnabled', value: 'False' },
      ],
    })
    const listed = (await graph.api(`${base}/jobs`).get()) as { value: Obj[] }
    assert.deepEqual(
      listed.value.map((j) => j.id),
      [jobId],
    )
    assert.equal((await job()).id, jobId)
  })

  it('refuses a job for another template, a second Azure2Azure job, and extra members (400/501)', async () => {
    const template = await expectGraphError(graph.api(`${base}/jobs`).post({ templateId: 'salesforce' }))
    assert.equal(template.statusCode, 400)
    assert.equal(template.code, 'Request_BadRequest')
    const second = await expectGraphError(graph.api(`${base}/jobs`).post({ templateId: 'Azure2Azure' }))
    assert.equal(second.statusCode, 400)
    const status = await expectGraphError(
      graph.api(`${base}/jobs`).post({ templateId: 'Azure2Azure', status: {} }),
    )
    assert.equal(status.statusCode, 400)
    const schedule = await expectGraphError(
      graph.api(`${base}/jobs`).post({ templateId: 'Azure2Azure', schedule: {} }),
    )
    assert.equal(schedule.statusCode, 501)
  })

  it('starts a job (204): schedule Active, status NotRun', async () => {
    await graph.api(`${base}/jobs/${jobId}/start`).post(undefined)
    const started = await job()
    assert.equal(started.schedule.state, 'Active')
    assert.equal(started.schedule.interval, 'PT40M')
    assert.equal(started.status.code, 'NotRun')
    assert.equal(started.status.quarantine, null)
    const last = started.status.lastExecution as Obj
    assert.equal(last.state, 'Failed')
    assert.equal((last.error as Obj).code, 'None')
  })

  it('pauses a job (204) back to schedule Disabled and status Paused', async () => {
    await graph.api(`${base}/jobs/${jobId}/pause`).post({})
    const paused = await job()
    assert.equal(paused.schedule.state, 'Disabled')
    assert.equal(paused.status.code, 'Paused')
  })

  it('restarts a job (204) with a comma-separated resetScope, and refuses unknown scopes (400)', async () => {
    await graph
      .api(`${base}/jobs/${jobId}/restart`)
      .post({ criteria: { resetScope: 'Watermark, Escrows, QuarantineState' } })
    const restarted = await job()
    assert.equal(restarted.schedule.state, 'Active')
    assert.equal(restarted.status.code, 'NotRun')
    await graph.api(`${base}/jobs/${jobId}/restart`).post({ criteria: {} })
    const bad = await expectGraphError(
      graph.api(`${base}/jobs/${jobId}/restart`).post({ criteria: { resetScope: 'Watermark, Everything' } }),
    )
    assert.equal(bad.statusCode, 400)
    assert.equal(bad.code, 'Request_BadRequest')
    assert.match(bad.message, /Everything/)
    const list = await expectGraphError(
      graph.api(`${base}/jobs/${jobId}/restart`).post({ criteria: { resetScope: ['Full'] } }),
    )
    assert.equal(list.statusCode, 400)
  })

  it('lets Synchronization.Read.All read but not write, and refuses others with 403', async () => {
    const reader = t.graph(await t.createApp(tenantId, ['Synchronization.Read.All']))
    assert.ok(await reader.api(`${base}/jobs/${jobId}`).get())
    assert.ok(await reader.api(`${base}/secrets`).get())
    const write = await expectGraphError(reader.api(`${base}/jobs/${jobId}/start`).post(undefined))
    assert.equal(write.statusCode, 403)
    assert.equal(write.code, 'Authorization_RequestDenied')
    const notOwner = t.graph(await t.createApp(tenantId, ['Application.ReadWrite.OwnedBy']))
    assert.equal((await expectGraphError(notOwner.api(`${base}/jobs`).get())).statusCode, 403)
  })

  it('deletes a job (204) with its schema, and 404s it afterwards', async () => {
    await graph.api(`${base}/jobs/${jobId}`).delete()
    const gone = await expectGraphError(graph.api(`${base}/jobs/${jobId}`).get())
    assert.equal(gone.statusCode, 404)
    assert.equal(gone.code, 'Request_ResourceNotFound')
    assert.equal((await expectGraphError(graph.api(`${base}/jobs/${jobId}/schema`).get())).statusCode, 404)
    assert.deepEqual(((await graph.api(`${base}/jobs`).get()) as { value: Obj[] }).value, [])
  })
})
