// A synchronization job's life around its cycles (graph-api.md §3.5-§3.6): provision on demand before
// any cycle, pause and start, the scheduler's initial delay and interval on the emulator's clock, a
// restart that re-evaluates every user, and deleting the job (its users stay in the target).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestEmulator, type TestEmulator } from '../../../test/support/emulator'
import {
  addUsers,
  configureSync,
  createTenants,
  jobOf,
  runCycles,
  usersIn,
  type CycleReport,
  type SyncLink,
  type SyncOptions,
} from '../../../test/support/ctsTopology'

type Obj = Record<string, unknown>

/** A fresh source A / target B pair (unique names) syncing one assigned user; `other` is not assigned. */
async function pair(
  t: TestEmulator,
  name: string,
  options: SyncOptions = {},
): Promise<SyncLink & { user: Obj; other: Obj }> {
  const { [`${name} A`]: a, [`${name} B`]: b } = await createTenants(t, [`${name} A`, `${name} B`])
  const [user, other] = await addUsers(t, a!, [
    { displayName: `${name} User`, department: 'Sales' },
    { displayName: `${name} Other` },
  ])
  const link = await configureSync(a!, b!, { ...options, assign: [String(user!.id)] })
  return { ...link, user: user!, other: other! }
}

const inTarget = async (link: SyncLink, name: unknown): Promise<Obj | undefined> =>
  (await usersIn(link.target)).find((u) => u.displayName === name)

interface OnDemandSubject {
  action: string
  result: string
  provisioningSteps: Array<{ name: string; status: string; details: Obj }>
}

async function provisionOnDemand(link: SyncLink, userId: unknown): Promise<OnDemandSubject[]> {
  const answer = (await link.source.graph.api(`${link.base}/provisionOnDemand`).post({
    parameters: [{ ruleId: link.ruleId, subjects: [{ objectId: userId, objectTypeName: 'User' }] }],
  })) as { key: string; value: unknown }
  assert.equal(typeof answer.value, 'string', 'the value is a JSON string')
  return JSON.parse(answer.value as string) as OnDemandSubject[]
}

describe('job lifecycle', () => {
  let t: TestEmulator
  before(async () => {
    t = await startTestEmulator()
    await t.admin('PUT', '/settings/provisioning', { automatic: false })
  })
  after(() => t.close())

  it('provisions one user on demand before any cycle; a user out of scope is skipped', async () => {
    const link = await pair(t, 'Demand')
    const [created] = await provisionOnDemand(link, link.user.id)
    assert.equal(created!.action, 'create')
    assert.equal(created!.result, 'success')
    assert.ok(await inTarget(link, link.user.displayName), 'the user is in the target right away')
    assert.equal(((await jobOf(link)).status as Obj).code, 'NotRun', 'no cycle ran')

    const [skipped] = await provisionOnDemand(link, link.other.id)
    assert.equal(skipped!.result, 'skipped')
    assert.equal(await inTarget(link, link.other.displayName), undefined)

    // The job remembers the user provisioned on demand: its first cycle does not create it again.
    const [cycle] = await runCycles(t, { jobId: link.jobId })
    assert.equal(cycle!.counts.created, 0)
    const copies = (await usersIn(link.target)).filter((u) => u.displayName === link.user.displayName)
    assert.equal(copies.length, 1)
  })

  it('reports a failed precondition in the steps of provision on demand, without quarantining the job', async () => {
    const link = await pair(t, 'Refused', { targetAllowsInboundSync: false })
    const [subject] = await provisionOnDemand(link, link.user.id)
    assert.equal(subject!.result, 'failure')
    const failed = subject!.provisioningSteps.find((s) => s.status === 'failure')
    assert.equal(failed?.details.ErrorCode, 'AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure')
    assert.equal(await inTarget(link, link.user.displayName), undefined)
    const status = (await jobOf(link)).status as Obj
    assert.equal(status.quarantine, null)
    assert.equal(status.code, 'NotRun')
  })

  it('does not run a paused job: run by id answers 409, run for all skips it, start resumes it', async () => {
    const link = await pair(t, 'Pause')
    await link.source.graph.api(`${link.base}/pause`).post(undefined)
    const refused = await t.admin('POST', '/provisioning/run', { jobId: link.jobId })
    assert.equal(refused.status, 409)
    const all = await runCycles(t)
    assert.equal(
      all.find((r) => r.jobId === link.jobId),
      undefined,
    )
    assert.equal(await inTarget(link, link.user.displayName), undefined)

    await link.source.graph.api(`${link.base}/start`).post(undefined)
    const [report] = await runCycles(t, { jobId: link.jobId })
    assert.equal(report!.counts.created, 1)
    assert.ok(await inTarget(link, link.user.displayName))
  })

  it('re-evaluates users after a restart with Full: a hand edit in the target is overwritten', async () => {
    const link = await pair(t, 'Full')
    await runCycles(t, { jobId: link.jobId })
    const synced = await inTarget(link, link.user.displayName)
    await link.target.graph.api(`/users/${String(synced!.id)}`).patch({ department: 'Edited by hand' })

    await runCycles(t, { jobId: link.jobId })
    assert.equal(
      (await inTarget(link, link.user.displayName))?.department,
      'Edited by hand',
      'no source change: the user is not exported again',
    )

    await link.source.graph.api(`${link.base}/restart`).post({ criteria: { resetScope: 'Full' } })
    await runCycles(t, { jobId: link.jobId })
    const restored = await inTarget(link, link.user.displayName)
    assert.equal(restored?.department, 'Sales')
    assert.equal(restored?.id, synced!.id, 'the same target user, matched again')
  })

  it('leaves the provisioned users in the target when the job is deleted', async () => {
    const link = await pair(t, 'Delete')
    await runCycles(t, { jobId: link.jobId })
    await link.source.graph.api(link.base).delete()
    const gone = await t.admin('POST', '/provisioning/run', { jobId: link.jobId })
    assert.equal(gone.status, 404, 'the job is gone')
    assert.ok(await inTarget(link, link.user.displayName))
  })

  it('answers 404 to an admin run naming an unknown job', async () => {
    const result = await t.admin<{ error: { message: string } }>('POST', '/provisioning/run', {
      jobId: 'Azure2Azure.00000000000000000000000000000000.00000000-0000-0000-0000-000000000000',
    })
    assert.equal(result.status, 404)
    assert.match(result.body.error.message, /no synchronization job/)
  })
})

describe('the provisioning scheduler', () => {
  let t: TestEmulator
  before(async () => {
    t = await startTestEmulator()
  })
  after(() => t.close())

  const advance = async (seconds: number): Promise<CycleReport[]> => {
    const result = await t.admin<{ cycles: CycleReport[] }>('POST', '/clock/advance', { seconds })
    assert.equal(result.status, 200)
    return result.body.cycles
  }

  it('runs the first cycle 60 s after start and the next one after the 40-minute interval', async () => {
    const link = await pair(t, 'Timer')
    assert.deepEqual(await advance(30), [], 'not before the initial delay')
    const first = await advance(31)
    assert.equal(first.length, 1)
    assert.equal(first[0]!.jobId, link.jobId)
    assert.equal(first[0]!.counts.created, 1)
    assert.ok(await inTarget(link, link.user.displayName))
    assert.deepEqual(await advance(600), [], 'the interval has not passed')
    const [second] = await advance(2000)
    assert.equal(second?.jobId, link.jobId)
    assert.equal(((await jobOf(link)).status as Obj).code, 'Active')
  })

  it('validates PUT /_emulator/settings/provisioning, naming the offending key', async () => {
    for (const [body, key] of [
      [{ cadence: 5 }, 'cadence'],
      [{ intervalSeconds: -1 }, 'intervalSeconds'],
      [{ initialCycleDelaySeconds: 1.5 }, 'initialCycleDelaySeconds'],
      [{ automatic: 'yes' }, 'automatic'],
    ] as const) {
      const result = await t.admin<{ error: { message: string } }>('PUT', '/settings/provisioning', body)
      assert.equal(result.status, 400, JSON.stringify(body))
      assert.match(result.body.error.message, new RegExp(key))
    }
    const settings = await t.admin<Obj>('GET', '/settings/provisioning')
    assert.equal(settings.body.intervalSeconds, 2400, 'a refused PUT changes nothing')
    assert.equal(settings.body.automatic, true)
  })
})
