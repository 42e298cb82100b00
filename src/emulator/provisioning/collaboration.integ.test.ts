// Scenario tests of the provisioning engine over the wire (graph-api.md §3.7-§3.8): a collaborating user
// set synchronized across a mesh of three tenants, and a hub that receives users from two sources.
// Cycles run only when a test asks (automatic scheduling is off), so each step sees one cycle's effect.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { TestEmulator } from '../../../test/support/emulator'
import {
  addGroup,
  addUsers,
  configureSync,
  createTenants,
  deletedUsersIn,
  mesh,
  runCycles,
  usersIn,
  type SyncLink,
  type Tenant,
  provisioningLogsOf,
  startManualEmulator,
} from '../../../test/support/ctsTopology'

type Obj = Record<string, unknown>

const byName = (users: Obj[], displayName: string): Obj | undefined =>
  users.find((u) => u.displayName === displayName)
const names = (users: Obj[]): string[] => users.map((u) => String(u.displayName)).sort()
const ref = (id: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` })

describe('a collaborating user set synchronized across a mesh of three tenants', () => {
  let t: TestEmulator
  let tenants: Record<string, Tenant>
  let links: SyncLink[]
  const users: Record<string, Obj> = {}
  const groups: Record<string, string> = {}
  const names3 = ['Contoso', 'Fabrikam', 'Tailspin']
  const person = (tenant: string) => `${tenant} Collaborator`
  const others = (tenant: string) => names3.filter((n) => n !== tenant)

  before(async () => {
    t = await startManualEmulator()
    tenants = await createTenants(t, names3)
    for (const name of names3) {
      const [user] = await addUsers(t, tenants[name]!, [
        { displayName: person(name), department: `${name} Research` },
      ])
      users[name] = user!
      groups[name] = await addGroup(t, tenants[name]!, 'collaborators', [String(user!.id)])
    }
    links = await mesh(Object.values(tenants), groups)
  })
  after(() => t.close())

  it('one cycle gives every tenant the two other members as B2B members', async () => {
    const reports = await runCycles(t)
    assert.equal(reports.length, 6)
    for (const r of reports) assert.equal(r.counts.created, 1, `job ${r.jobId} creates its one user`)
    for (const name of names3) {
      const target = tenants[name]!
      const listed = await usersIn(target)
      assert.deepEqual(names(listed), names3.map(person).sort())
      for (const other of others(name)) {
        const b2b = byName(listed, person(other))!
        const source = tenants[other]!
        const alias = String(users[other]!.userPrincipalName).replace('@', '_')
        assert.equal(b2b.userPrincipalName, `${alias}#EXT#@${target.initialDomain}`)
        assert.equal(b2b.userType, 'Member')
        assert.equal(b2b.showInAddressList, true)
        assert.equal(b2b.creationType, 'Invitation')
        assert.equal(b2b.externalUserState, 'Accepted')
        assert.equal(b2b.department, `${other} Research`)
        assert.notEqual(b2b.id, users[other]!.id, `a new object in ${name}, not ${source.name}'s`)
      }
    }
  })

  it('a second cycle exports nothing', async () => {
    const reports = await runCycles(t)
    assert.equal(reports.length, 6)
    for (const r of reports) {
      assert.equal(r.counts.created, 0)
      assert.equal(r.counts.updated, 0)
      assert.equal(r.state, 'Succeeded')
    }
  })

  it('removing a member from its group soft-deletes it in the other tenants; re-adding restores the same objects', async () => {
    const contoso = tenants.Contoso!
    const userId = String(users.Contoso!.id)
    const namesBefore = Object.fromEntries(
      await Promise.all(others('Contoso').map(async (n) => [n, names(await usersIn(tenants[n]!))] as const)),
    )
    const targetIds: Record<string, string> = {}
    for (const n of others('Contoso'))
      targetIds[n] = String(byName(await usersIn(tenants[n]!), person('Contoso'))!.id)

    await contoso.graph.api(`/groups/${groups.Contoso}/members/${userId}/$ref`).delete()
    for (const r of await runCycles(t))
      assert.deepEqual([r.counts.deleted, r.counts.updated], [r.tenantId === contoso.id ? 1 : 0, 0])
    for (const n of others('Contoso')) {
      const live = await usersIn(tenants[n]!)
      assert.equal(byName(live, person('Contoso')), undefined, `gone from ${n}'s users`)
      assert.deepEqual(
        names(live),
        namesBefore[n]!.filter((x) => x !== person('Contoso')),
      )
      const deleted = await deletedUsersIn(tenants[n]!)
      assert.deepEqual(
        deleted.map((u) => u.id),
        [targetIds[n]],
        `soft-deleted in ${n}`,
      )
    }
    assert.ok(byName(await usersIn(contoso), person('Contoso')), 'the source user itself stays')

    await contoso.graph.api(`/groups/${groups.Contoso}/members/$ref`).post(ref(userId))
    await runCycles(t)
    for (const n of others('Contoso')) {
      assert.equal(byName(await usersIn(tenants[n]!), person('Contoso'))?.id, targetIds[n])
      assert.deepEqual(await deletedUsersIn(tenants[n]!), [])
    }
  })

  it("the target's directory audits show the users added by Microsoft.Azure.SyncFabric", async () => {
    const fabrikam = tenants.Fabrikam!
    const audits = (await fabrikam.graph.api('/auditLogs/directoryAudits').get()) as { value: Obj[] }
    const added = audits.value.filter((a) => a.activityDisplayName === 'Add user')
    const b2bIds = (await usersIn(fabrikam))
      .filter((u) => u.displayName !== person('Fabrikam'))
      .map((u) => u.id)
    const targets = added.map((a) => (a.targetResources as Obj[])[0]!.id)
    assert.deepEqual(targets.sort(), [...b2bIds].sort())
    for (const a of added)
      assert.equal(((a.initiatedBy as Obj).app as Obj).displayName, 'Microsoft.Azure.SyncFabric')
  })

  it('a user deleted in the source is soft-deleted in the targets after the next cycle', async () => {
    const tailspin = tenants.Tailspin!
    const targetIds = await Promise.all(
      others('Tailspin').map(async (n) => byName(await usersIn(tenants[n]!), person('Tailspin'))!.id),
    )
    await tailspin.graph.api(`/users/${String(users.Tailspin!.id)}`).delete()
    await runCycles(t)
    for (const [i, n] of others('Tailspin').entries()) {
      assert.equal(byName(await usersIn(tenants[n]!), person('Tailspin')), undefined)
      assert.ok((await deletedUsersIn(tenants[n]!)).some((u) => u.id === targetIds[i]))
    }
  })

  it('an internal guest and an external user in the group are skipped and logged, never provisioned', async () => {
    const fabrikam = tenants.Fabrikam!
    const [guest, external] = await addUsers(t, fabrikam, [
      { displayName: 'Internal Guest', userType: 'Guest' },
      { displayName: 'Outside Partner', userType: 'Guest', mail: 'partner@example.com' },
    ])
    for (const u of [guest!, external!])
      await fabrikam.graph.api(`/groups/${groups.Fabrikam}/members/$ref`).post(ref(String(u.id)))
    await runCycles(t)
    await runCycles(t)
    for (const n of others('Fabrikam')) {
      const listed = names(await usersIn(tenants[n]!))
      assert.ok(!listed.includes('Internal Guest') && !listed.includes('Outside Partner'), n)
    }
    for (const link of links.filter((l) => l.source === fabrikam)) {
      const skips = (await provisioningLogsOf(t, link)).filter(
        (r) => (r.provisioningStatusInfo as Obj).status === 'skipped',
      )
      const skipOf = (id: unknown) => skips.filter((r) => (r.sourceIdentity as Obj).id === id)
      // Logged once, on the first cycle that saw them, not on every cycle.
      assert.equal(skipOf(guest!.id).length, 1)
      assert.equal(skipOf(external!.id).length, 1)
      const reason = (r: Obj) => JSON.stringify(r.provisioningSteps)
      assert.match(reason(skipOf(guest!.id)[0]!), /internal guest/i)
      assert.match(reason(skipOf(external!.id)[0]!), /external user/i)
    }
  })
})

describe('a hub: two source tenants provision into one resource tenant', () => {
  let t: TestEmulator
  let tenants: Record<string, Tenant>
  const assigned: Record<string, string[]> = { Contoso: [], Fabrikam: [] }

  before(async () => {
    t = await startManualEmulator()
    tenants = await createTenants(t, ['Contoso', 'Fabrikam', 'Resource'])
    for (const name of ['Contoso', 'Fabrikam']) {
      const tenant = tenants[name]!
      const [direct, member] = await addUsers(t, tenant, [
        { displayName: `${name} Direct` },
        { displayName: `${name} Member` },
        { displayName: `${name} Unassigned` },
      ])
      const group = await addGroup(t, tenant, 'hub users', [String(member!.id)])
      await configureSync(tenant, tenants.Resource!, { assign: [String(direct!.id), group] })
      assigned[name] = [`${name} Direct`, `${name} Member`]
    }
  })
  after(() => t.close())

  it('the resource tenant receives the assigned users of both sources and nothing flows back', async () => {
    const reports = await runCycles(t)
    const resource = tenants.Resource!
    assert.deepEqual(
      reports.map((r) => r.tenantId).sort(),
      [tenants.Contoso!.id, tenants.Fabrikam!.id].sort(),
    )
    for (const r of reports) assert.equal(r.targetTenantId, resource.id)
    // A job lives on a configuration app's service principal: the resource tenant has none at all.
    const sps = (await resource.graph.api('/servicePrincipals').get()) as { value: Obj[] }
    assert.deepEqual(sps.value, [], 'the resource tenant has no configuration app, so no job')

    const received = await usersIn(resource)
    assert.deepEqual(names(received), [...assigned.Contoso!, ...assigned.Fabrikam!].sort())
    for (const u of received) assert.equal(u.userType, 'Member')
    for (const name of ['Contoso', 'Fabrikam'])
      assert.deepEqual(names(await usersIn(tenants[name]!)), [
        `${name} Direct`,
        `${name} Member`,
        `${name} Unassigned`,
      ])
  })
})
