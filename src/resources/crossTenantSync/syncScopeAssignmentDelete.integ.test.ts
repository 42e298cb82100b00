// SyncScopeAssignment.delete deprovisions what the assignment kept in scope (issue 6): with one
// contoso -> fabrikam sync configured over the wire and a cycle run, deleting a user's or a group's
// assignment through the provider soft-deletes exactly those users in the target (a member still
// assigned another way stays; nobody else changes), in on-demand calls of at most 5 users paced under
// Graph's 5 calls per 10 s; a missing permission stops it before the assignment is removed; a failure of
// the provisioning service names the tenant, the partner and the users, and a retried delete finishes;
// and deleting after the configuration is gone succeeds without touching anyone.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  addGroup,
  addUsers,
  configureSync,
  createTenants,
  deletedUsersIn,
  runCycles,
  startManualEmulator,
  usersIn,
  type SyncLink,
  type Tenant,
} from '../../../test/support/ctsTopology'
import type { TestEmulator } from '../../../test/support/emulator'
import { connectionsFor } from '../../../test/support/providers'
import type { TenantRef } from '../shared/tenantRef'
import {
  SyncScopeAssignmentProvider,
  type ScopePrincipal,
  type SyncScopeAssignmentOutputs,
} from './syncScopeAssignment'

type Obj = Record<string, unknown>
/** What the provider needs, and no more (DESIGN.md §4: least permissions, named in its header). */
const providerRoles = [
  'AppRoleAssignment.ReadWrite.All',
  'Synchronization.ReadWrite.All',
  'GroupMember.Read.All',
  'User.Read.All',
]
const teamSize = 26 // with Bea, 27 users: 6 on-demand calls, one more than 10 s of the rate limit allows

describe('SyncScopeAssignment delete deprovisions its users in the target', { timeout: 120_000 }, () => {
  let t: TestEmulator
  let contoso: Tenant
  let fabrikam: Tenant
  let link: SyncLink
  let ref: TenantRef
  let provider: SyncScopeAssignmentProvider
  const made: Record<string, { id: string; outs: SyncScopeAssignmentOutputs }> = {}
  const upn: Record<string, string> = {}
  const teamNames = Array.from({ length: teamSize }, (_, i) => `Team Member ${i + 1}`)

  /** Active synced users in fabrikam, by display name, with what a deprovisioning could change. */
  const synced = async (): Promise<Record<string, Obj>> =>
    Object.fromEntries(
      (await usersIn(fabrikam))
        .filter((u) => u.creationType === 'Invitation')
        .map((u) => [String(u.displayName), u]),
    )
  const deletedNames = async () => (await deletedUsersIn(fabrikam)).map((u) => String(u.displayName)).sort()
  /** Deletes the assignment and checks that exactly `gone` left the active synced users, others as they were. */
  const deleteAndExpect = async (name: string, gone: string[], using = provider) => {
    const before = await synced()
    await using.delete(made[name]!.id, made[name]!.outs)
    const after = await synced()
    const expected = Object.fromEntries(Object.entries(before).filter(([n]) => !gone.includes(n)))
    assert.deepEqual(after, expected, `after deleting the ${name} assignment`)
    for (const n of gone) assert.ok(before[n] !== undefined, `${n} was synced before`)
  }
  const counters = async () =>
    (
      await t.admin<{ value: { route: string; status: number; count: number }[] }>('GET', '/counters')
    ).body.value
      .filter((c) => c.route.endsWith('/provisionOnDemand'))
      .map((c) => [c.status, c.count])

  before(async () => {
    t = await startManualEmulator()
    ;({ contoso, fabrikam } = (await createTenants(t, ['contoso', 'fabrikam'])) as {
      contoso: Tenant
      fabrikam: Tenant
    })
    ref = { alias: 'contoso', tenantId: contoso.id, cloud: 'global' }
    provider = new SyncScopeAssignmentProvider().useConnections(
      connectionsFor(t, [{ ref, app: await t.createApp(contoso.id, providerRoles) }]),
    )
    const names = [...teamNames, 'Both Bea', 'Grace Hopper', 'Other Otto', 'Never Nell']
    const users = await addUsers(
      t,
      contoso,
      names.map((displayName) => ({ displayName })),
    )
    const id: Record<string, string> = {}
    for (const u of users) {
      id[String(u.displayName)] = String(u.id)
      upn[String(u.displayName)] = String(u.userPrincipalName)
    }
    const team = await addGroup(
      t,
      contoso,
      'Team',
      [...teamNames, 'Both Bea'].map((n) => id[n]!),
    )
    const others = await addGroup(t, contoso, 'Others', [id['Other Otto']!])
    link = await configureSync(contoso, fabrikam, { start: true })
    const assignment = async (name: string, principal: ScopePrincipal) => {
      const created = await provider.create({
        tenant: ref,
        partner: 'fabrikam',
        servicePrincipalId: link.spId,
        appRoleId: link.appRoleId,
        principal,
        adopt: false,
      })
      made[name] = { id: created.id, outs: created.outs! }
    }
    await assignment('team', { type: 'Group', id: team })
    await assignment('others', { type: 'Group', id: others })
    await assignment('grace', { type: 'User', userPrincipalName: upn['Grace Hopper']! })
    await assignment('bea', { type: 'User', userPrincipalName: upn['Both Bea']! })
    const [cycle] = await runCycles(t, { jobId: link.jobId })
    assert.equal(cycle?.quarantine, null)
    assert.equal(Object.keys(await synced()).length, teamSize + 3, 'everyone assigned, not Nell')
  })
  after(() => t?.close())

  it("deleting a user's assignment soft-deletes that user in the target and no one else", async () => {
    await deleteAndExpect('grace', ['Grace Hopper'])
    assert.deepEqual(await deletedNames(), ['Grace Hopper'])
  })

  it("deleting a group's assignment soft-deletes its member users, 5 per call and never throttled; a member assigned directly stays", async () => {
    await t.admin('POST', '/clock/advance', { seconds: 11 }) // the previous test's call leaves the window
    await t.admin('DELETE', '/counters')
    const started = Date.now()
    await deleteAndExpect('team', teamNames)
    assert.deepEqual(await deletedNames(), ['Grace Hopper', ...teamNames].sort())
    assert.deepEqual(await counters(), [[200, 6]], 'six calls of at most 5 users, no 429')
    assert.ok(Date.now() - started >= 10_000, 'the sixth call waited for the 10 s window')
  })

  it('names the permission and leaves the assignment in place when a read is not allowed', async () => {
    const limited = new SyncScopeAssignmentProvider().useConnections(
      connectionsFor(t, [
        {
          ref,
          app: await t.createApp(contoso.id, [
            'AppRoleAssignment.ReadWrite.All',
            'Synchronization.ReadWrite.All',
          ]),
        },
      ]),
    )
    await assert.rejects(
      limited.delete(made.others!.id, made.others!.outs),
      /permission GroupMember\.Read\.All/,
    )
    const read = await provider.read(made.others!.id, made.others!.outs)
    assert.equal(read.id, made.others!.id, 'still assigned')
  })

  it('names the tenant, the partner and the users when the service refuses, and a retried delete finishes', async () => {
    const policy = `/policies/crossTenantAccessPolicy/partners/${contoso.id}/identitySynchronization`
    await fabrikam.graph.api(policy).patch({ userSyncInbound: { isSyncAllowed: false } })
    const before = await synced()
    await assert.rejects(provider.delete(made.others!.id, made.others!.outs), (e: Error) => {
      assert.match(e.message, /^tenant contoso \(/)
      assert.match(e.message, /deprovision in fabrikam the users of group /)
      assert.ok(e.message.includes(`${upn['Other Otto']}: `), e.message)
      assert.match(e.message, /AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure/)
      assert.match(e.message, /run pulumi up again/)
      return true
    })
    assert.deepEqual(await synced(), before, 'nobody deprovisioned')
    await fabrikam.graph.api(policy).patch({ userSyncInbound: { isSyncAllowed: true } })
    await deleteAndExpect('others', ['Other Otto'])
  })

  it('succeeds without touching anyone once the job, then the configuration, is gone', async () => {
    await contoso.graph.api(link.base).delete()
    await deleteAndExpect('bea', [])
    await contoso.graph.api(`/servicePrincipals/${link.spId}`).delete()
    await deleteAndExpect('bea', [])
    assert.ok((await synced())['Both Bea'] !== undefined, 'Bea stays: no job was left to deprovision her')
  })
})
