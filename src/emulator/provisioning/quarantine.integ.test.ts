// Quarantine (graph-api.md §3.6, §3.8): each failed precondition quarantines the job with the error code
// the real service reports, retried with a growing backoff, and fixing the cause lifts it (at once
// after a start, or at the next attempt); the accidental-deletion threshold holds deletions back until
// a restart with ForceDeletes ("Allow deletes").
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestEmulator, type TestEmulator } from '../../../test/support/emulator'
import {
  addGroup,
  addUsers,
  configureSync,
  createTenants,
  deletedUsersIn,
  jobOf,
  runCycles,
  usersIn,
  type CycleReport,
  type SyncLink,
  type SyncOptions,
} from '../../../test/support/ctsTopology'

type Obj = Record<string, unknown>
const partners = '/policies/crossTenantAccessPolicy/partners'
const inboundCode = 'AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure'

/** A fresh source A / target B pair (unique names) syncing one assigned user. */
async function pair(t: TestEmulator, name: string, options: SyncOptions): Promise<SyncLink & { user: Obj }> {
  const { [`${name} A`]: a, [`${name} B`]: b } = await createTenants(t, [`${name} A`, `${name} B`])
  const [user] = await addUsers(t, a!, [{ displayName: `${name} User`, department: 'Sales' }])
  const link = await configureSync(a!, b!, { ...options, assign: [String(user!.id)] })
  return { ...link, user: user! }
}

const statusOf = async (link: SyncLink): Promise<Obj> => (await jobOf(link)).status as Obj
const synced = async (link: SyncLink & { user: Obj }): Promise<Obj | undefined> =>
  (await usersIn(link.target)).find((u) => u.displayName === link.user.displayName)

async function assertQuarantined(link: SyncLink, code: string): Promise<Obj> {
  const status = await statusOf(link)
  assert.equal(status.code, 'Quarantine')
  const quarantine = status.quarantine as Obj
  assert.equal(quarantine.reason, 'EncounteredQuarantineException')
  assert.equal((quarantine.error as Obj).code, code)
  assert.equal((status.lastExecution as Obj).state, 'Failed')
  return status
}

const allowInbound = (link: SyncLink, allowed: boolean): Promise<unknown> =>
  link.target.graph
    .api(`${partners}/${link.source.id}/identitySynchronization`)
    .patch({ userSyncInbound: { isSyncAllowed: allowed } })

const secrets = (link: SyncLink): Obj => ({
  value: [
    { key: 'AuthenticationType', value: 'SyncPolicy' },
    { key: 'CompanyId', value: link.target.id },
    { key: 'SyncAll', value: 'false' },
  ],
})

const causes: Array<{
  name: string
  options: SyncOptions
  code: string
  fix(link: SyncLink): Promise<unknown>
}> = [
  {
    name: 'the target does not allow inbound sync',
    options: { targetAllowsInboundSync: false },
    code: inboundCode,
    fix: (link) => allowInbound(link, true),
  },
  {
    name: 'automatic redemption is off on both sides',
    options: { sourceOutboundAutoRedemption: false, targetInboundAutoRedemption: false },
    code: 'AzureDirectoryB2BManagementPolicyCheckFailure',
    fix: async (link) => {
      await link.target.graph
        .api(`${partners}/${link.source.id}`)
        .patch({ automaticUserConsentSettings: { inboundAllowed: true } })
      await link.source.graph
        .api(`${partners}/${link.target.id}`)
        .patch({ automaticUserConsentSettings: { outboundAllowed: true } })
    },
  },
  {
    name: 'the configuration has no credentials',
    options: { secrets: false },
    code: 'CredentialsMissing',
    fix: (link) =>
      link.source.graph.api(`/servicePrincipals/${link.spId}/synchronization/secrets`).put(secrets(link)),
  },
]

describe('quarantine causes and recovery', () => {
  let t: TestEmulator
  before(async () => {
    t = await startTestEmulator()
    await t.admin('PUT', '/settings/provisioning', { automatic: false })
  })
  after(() => t.close())

  for (const [i, cause] of causes.entries())
    it(`quarantines with ${cause.code} when ${cause.name}; fixing it and starting again provisions`, async () => {
      const link = await pair(t, `Cause${i}`, cause.options)
      await runCycles(t, { jobId: link.jobId })
      const status = await assertQuarantined(link, cause.code)
      assert.equal(status.countSuccessiveCompleteFailures, 1)
      assert.equal(await synced(link), undefined, 'nothing is provisioned while quarantined')

      await cause.fix(link)
      await link.source.graph.api(`${link.base}/start`).post(undefined)
      await runCycles(t, { jobId: link.jobId })
      const healed = await statusOf(link)
      assert.equal(healed.quarantine, null)
      assert.equal(healed.code, 'Active')
      assert.equal(healed.countSuccessiveCompleteFailures, 0)
      assert.ok(await synced(link), 'the user is provisioned once the cause is fixed')
    })

  it('quarantines a working job when inbound sync is turned off, leaving synced users alone, and audits it', async () => {
    const link = await pair(t, 'Turnoff', {})
    await runCycles(t, { jobId: link.jobId })
    assert.ok(await synced(link))
    await allowInbound(link, false)
    const [report] = await runCycles(t, { jobId: link.jobId })
    assert.equal(report!.quarantine?.error.code, inboundCode)
    await assertQuarantined(link, inboundCode)
    const kept = await synced(link)
    assert.equal(kept?.accountEnabled, true, 'users synced already are left alone')
    assert.deepEqual(await deletedUsersIn(link.target), [])

    const audits = (await link.source.graph.api('/auditLogs/directoryAudits').top(999).get()) as {
      value: Obj[]
    }
    const quarantine = audits.value.find((a) => a.activityDisplayName === 'Quarantine')
    assert.ok(quarantine, 'a Quarantine audit record in the source tenant')
    assert.equal(quarantine.category, 'ProvisioningManagement')
    const [target] = quarantine.targetResources as Obj[]
    assert.equal(target!.id, link.spId)
    assert.match(JSON.stringify(target!.modifiedProperties), new RegExp(inboundCode))
  })

  it('holds back deletions over the threshold until a restart with ForceDeletes; at the threshold it deletes', async () => {
    const { 'Limit A': a, 'Limit B': b } = await createTenants(t, ['Limit A', 'Limit B'])
    const users = await addUsers(
      t,
      a!,
      ['One', 'Two', 'Three', 'Four', 'Five'].map((n) => ({ displayName: `Limit ${n}` })),
    )
    const ids = users.map((u) => String(u.id))
    const group = await addGroup(t, a!, 'Limit members', ids)
    const link = await configureSync(a!, b!, { deleteThreshold: 2, assign: [group] })
    await runCycles(t, { jobId: link.jobId })
    assert.equal((await usersIn(b!)).filter((u) => String(u.displayName).startsWith('Limit ')).length, 5)
    const removeMember = (id: string): Promise<unknown> =>
      a!.graph.api(`/groups/${group}/members/${id}/$ref`).delete()

    const removed = ids.slice(0, 3)
    for (const id of removed) await removeMember(id)
    const [held] = await runCycles(t, { jobId: link.jobId })
    assert.equal(held!.counts.deleted, 0)
    assert.deepEqual(await deletedUsersIn(b!), [], 'nothing is deleted over the threshold')
    const status = await statusOf(link)
    assert.equal(status.code, 'Quarantine')
    assert.equal((status.quarantine as Obj).reason, 'TooManyDeletes')
    const logs = await t.admin<{ value: Obj[] }>('GET', `/tenants/${a!.id}/provisioningLogs/${link.jobId}`)
    const staged = logs.body.value.filter((r) => r.provisioningAction === 'stagedDelete')
    assert.deepEqual(staged.map((r) => (r.sourceIdentity as Obj).id).sort(), [...removed].sort())

    await a!.graph.api(`${link.base}/restart`).post({ criteria: { resetScope: 'ForceDeletes' } })
    const [forced] = await runCycles(t, { jobId: link.jobId })
    assert.equal(forced!.counts.deleted, 3)
    assert.equal((await deletedUsersIn(b!)).length, 3)
    assert.equal((await statusOf(link)).quarantine, null)

    // The restart's ForceDeletes was used up; two deletions are at the threshold, not over it.
    for (const id of ids.slice(3)) await removeMember(id)
    const [atLimit] = await runCycles(t, { jobId: link.jobId })
    assert.equal(atLimit!.counts.deleted, 2)
    assert.equal(atLimit!.quarantine, null)
    assert.equal((await deletedUsersIn(b!)).length, 5)
    assert.equal((await statusOf(link)).code, 'Active')
  })
})

describe('a quarantined job retried on its schedule', () => {
  let t: TestEmulator
  // A short interval keeps the backoff within the lifetime of the clients' access tokens (1 h).
  before(async () => {
    t = await startTestEmulator()
    await t.admin('PUT', '/settings/provisioning', { automatic: true, intervalSeconds: 300 })
  })
  after(() => t.close())

  const advance = async (seconds: number): Promise<{ now: string; cycles: CycleReport[] }> =>
    (await t.admin<{ now: string; cycles: CycleReport[] }>('POST', '/clock/advance', { seconds })).body

  it('backs off while the cause stays; fixed without a start, the next attempt lifts the quarantine', async () => {
    const link = await pair(t, 'Backoff', { targetAllowsInboundSync: false })
    const waits: number[] = []
    for (let attempt = 1; attempt <= 2; attempt++) {
      await runCycles(t, { jobId: link.jobId })
      const status = await assertQuarantined(link, inboundCode)
      const quarantine = status.quarantine as Obj
      assert.equal(quarantine.seriesCount, attempt)
      const ended = Date.parse(String((status.lastExecution as Obj).timeEnded))
      waits.push((Date.parse(String(quarantine.nextAttempt)) - ended) / 1000)
    }
    assert.deepEqual(waits, [300, 600], 'each attempt doubles the wait')

    await allowInbound(link, true)
    const nextAttempt = Date.parse(String(((await statusOf(link)).quarantine as Obj).nextAttempt))
    const { now } = await advance(0)
    const remaining = Math.floor((nextAttempt - Date.parse(now)) / 1000)
    const early = await advance(remaining - 5)
    assert.deepEqual(early.cycles, [], 'no attempt before quarantine.nextAttempt')
    const due = await advance(10)
    assert.equal(due.cycles.length, 1)
    assert.equal(due.cycles[0]!.jobId, link.jobId)
    assert.equal(due.cycles[0]!.quarantine, null)
    const status = await statusOf(link)
    assert.equal(status.quarantine, null)
    assert.equal(status.code, 'Active')
    assert.ok(await synced(link))
  })
})
