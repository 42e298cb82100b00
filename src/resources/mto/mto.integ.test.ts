// The multitenant organization resources against the emulator, called as the engine calls them: an owner
// and two members through the whole lifecycle (create, add, join, drift, delete in dependency order,
// taking away the partner entries the organization's templates made), with short MTO delays
// (PUT /_emulator/settings/mto) and the emulator's clock advanced a minute at a time, well inside the
// tokens' hour.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestEmulator, type TestEmulator } from '../../../test/support/emulator'
import { connectionsFor, providerTenant, type ProviderTenant } from '../../../test/support/providers'
import {
  MultiTenantOrganizationProvider,
  type MultiTenantOrganizationInputs,
} from './multiTenantOrganization'
import {
  MultiTenantOrganizationJoinRequestProvider,
  type MultiTenantOrganizationJoinRequestInputs,
} from './multiTenantOrganizationJoinRequest'
import {
  MultiTenantOrganizationMemberProvider,
  type MultiTenantOrganizationMemberInputs,
} from './multiTenantOrganizationMember'

const mtoPath = '/tenantRelationships/multiTenantOrganization'
const delay = 60 // seconds of emulator time for joins and removals

describe('MultiTenantOrganization, member and join request providers', () => {
  let t: TestEmulator
  let shared: ProviderTenant
  let bank: ProviderTenant
  let insurance: ProviderTenant
  let mto: MultiTenantOrganizationProvider
  let members: MultiTenantOrganizationMemberProvider
  let joins: MultiTenantOrganizationJoinRequestProvider

  before(async () => {
    t = await startTestEmulator()
    const settings = {
      activationSeconds: 2,
      joinSeconds: delay,
      roleChangeSeconds: delay,
      removalSeconds: delay,
    }
    assert.equal((await t.admin('PUT', '/settings/mto', settings)).status, 200)
    const roles = ['MultiTenantOrganization.ReadWrite.All', 'Policy.ReadWrite.CrossTenantAccess']
    const made = await Promise.all(['shared', 'bank', 'insurance'].map((a) => providerTenant(t, a, roles)))
    ;[shared, bank, insurance] = made as [ProviderTenant, ProviderTenant, ProviderTenant]
    const connections = connectionsFor(t, made)
    mto = new MultiTenantOrganizationProvider().useConnections(connections)
    const activation = { deadlineMs: 20_000, firstDelayMs: 200, maxDelayMs: 500 }
    members = new MultiTenantOrganizationMemberProvider({ activation }).useConnections(connections)
    joins = new MultiTenantOrganizationJoinRequestProvider().useConnections(connections)
  })
  after(() => t.close())

  const advance = async () =>
    assert.equal((await t.admin('POST', '/clock/advance', { seconds: delay + 1 })).status, 200)
  /** The organization's other tenants, and (as the planner would say) the owner's planned partner. */
  const peersOf = (m: ProviderTenant) =>
    [shared, bank, insurance]
      .filter((x) => x !== m)
      .map((x) => x.ref.tenantId.toLowerCase())
      .sort()
  const mtoInputs = (adopt = false): MultiTenantOrganizationInputs => ({
    tenant: shared.ref,
    displayName: 'Woodgrove',
    description: 'Bank, insurance and shared services.',
    peerTenantIds: peersOf(shared),
    managedPartnerTenantIds: [bank.ref.tenantId.toLowerCase()],
    adopt,
  })
  const memberInputs = (m: ProviderTenant, adopt = false): MultiTenantOrganizationMemberInputs => ({
    tenant: shared.ref,
    member: m.ref.alias,
    tenantId: m.ref.tenantId,
    displayName: `Woodgrove ${m.ref.alias}`,
    role: 'member',
    adopt,
  })
  const joinInputs = (m: ProviderTenant, adopt = false): MultiTenantOrganizationJoinRequestInputs => ({
    tenant: m.ref,
    owner: 'shared',
    addedByTenantId: shared.ref.tenantId,
    peerTenantIds: peersOf(m),
    managedPartnerTenantIds: [shared.ref.tenantId.toLowerCase()],
    adopt,
  })
  const partnersOf = async (m: ProviderTenant): Promise<string[]> =>
    (
      (await t.graph(m.app).api('/policies/crossTenantAccessPolicy/partners').get()) as {
        value: { tenantId: string }[]
      }
    ).value
      .map((p) => p.tenantId.toLowerCase())
      .sort()
  const ids = (...ms: ProviderTenant[]) => ms.map((m) => m.ref.tenantId.toLowerCase()).sort()
  const mtoId = () => `${shared.ref.tenantId}/multiTenantOrganization`
  const memberId = (m: ProviderTenant) => `${mtoId()}/tenants/${m.ref.tenantId}`
  const joinId = (m: ProviderTenant) => `${m.ref.tenantId}/multiTenantOrganization/joinRequest`

  it('creates the organization and returns while Graph still activates it (state is an output)', async () => {
    const created = await mto.create(mtoInputs())
    assert.equal(created.id, mtoId())
    assert.deepEqual(created.outs, { ...mtoInputs(), state: 'inactive', partnersBefore: [] })
    const read = await mto.read(created.id, created.outs)
    assert.deepEqual(read.inputs, mtoInputs()) // a pending creation is not drift
  })

  it('refuses an organization that already exists, naming it and the adopt setting, unless adopted', async () => {
    await assert.rejects(
      mto.create(mtoInputs()),
      /tenant shared \(.*\) already belongs to a multitenant organization \('Woodgrove'.* tenants\.shared\.adopt: true/,
    )
    const adopted = await mto.create({ ...mtoInputs(true), description: null })
    assert.equal(adopted.outs?.description, null)
    await mto.update(mtoId(), adopted.outs, mtoInputs())
  })

  it("fails a join sent too early with Graph's reason; it reads as gone, and the next run resets it", async () => {
    await assert.rejects(
      joins.create(joinInputs(insurance)),
      /join .* owned by shared failed: The multi-tenant organization is not active yet\. Run again/,
    )
    assert.deepEqual(
      await joins.read(joinId(insurance), {
        ...joinInputs(insurance),
        memberState: '',
        role: null,
        partnersBefore: [],
      }),
      {},
    )
  })

  it('adds members once the organization is active (waiting for it); they stay pending until they join', async () => {
    const [b, i] = await Promise.all([
      members.create(memberInputs(bank)),
      members.create(memberInputs(insurance)),
    ])
    assert.equal(b.id, memberId(bank))
    assert.deepEqual(b.outs, { ...memberInputs(bank), state: 'pending' })
    assert.equal(i.outs?.state, 'pending')
    const read = await members.read(b.id, b.outs)
    assert.deepEqual(read.inputs, memberInputs(bank))
    assert.equal(read.props?.state, 'pending')
    await assert.rejects(
      members.create(memberInputs(bank)),
      /tenant bank .* owned by shared already exists \(state pending\) .* tenants\.shared\.adopt: true/,
    )
    assert.equal((await members.create(memberInputs(bank, true))).outs?.state, 'pending')
  })

  it('joins from the members (resetting the failed request), pending until the clock passes the join delay', async () => {
    // An entry made by hand before the join: the organization's, once it leaves, it is not.
    await t
      .graph(insurance.app)
      .api('/policies/crossTenantAccessPolicy/partners')
      .post({ tenantId: bank.ref.tenantId })
    const [b, i] = await Promise.all([joins.create(joinInputs(bank)), joins.create(joinInputs(insurance))])
    assert.equal(b.id, joinId(bank))
    assert.deepEqual(b.outs, { ...joinInputs(bank), memberState: 'pending', role: null, partnersBefore: [] })
    assert.deepEqual(i.outs?.partnersBefore, ids(bank))
    assert.equal(i.outs?.memberState, 'pending')
    assert.deepEqual((await joins.read(b.id, b.outs)).inputs, joinInputs(bank))
    await advance()
    const joined = await joins.read(b.id, b.outs)
    assert.deepEqual([joined.props?.memberState, joined.props?.role], ['active', 'member'])
    const member = await members.read(memberId(bank), { ...memberInputs(bank), state: 'pending' })
    assert.equal(member.props?.state, 'active')
    // The templates gave every active tenant a partner entry for each other one.
    for (const m of [shared, bank, insurance]) assert.deepEqual(await partnersOf(m), peersOf(m), m.ref.alias)
    assert.equal(
      (await mto.read(mtoId(), { ...mtoInputs(), state: 'inactive', partnersBefore: [] })).props?.state,
      'active',
    )
    await assert.rejects(
      joins.create(joinInputs(bank)),
      /tenant bank .* is already in a multitenant organization .* tenants\.bank\.adopt: true/,
    )
    assert.equal((await joins.create(joinInputs(bank, true))).outs?.memberState, 'active')
  })

  it('reads a displayName changed by hand as drift, and update puts it back', async () => {
    await t.graph(shared.app).api(mtoPath).patch({ displayName: 'Renamed by hand' })
    const read = await mto.read(mtoId(), { ...mtoInputs(), state: 'active', partnersBefore: [] })
    assert.equal(read.inputs?.displayName, 'Renamed by hand')
    const repaired = await mto.update(mtoId(), read.props!, mtoInputs())
    assert.deepEqual(repaired.outs, { ...mtoInputs(), state: 'active', partnersBefore: [] })
  })

  it('reads a member removed by hand as gone, on both sides, at once', async () => {
    await t.graph(shared.app).api(`${mtoPath}/tenants/${insurance.ref.tenantId}`).delete()
    const memberOuts = { ...memberInputs(insurance), state: 'active' }
    assert.deepEqual(await members.read(memberId(insurance), memberOuts), {})
    const joinOuts = {
      ...joinInputs(insurance),
      memberState: 'active',
      role: 'member',
      partnersBefore: ids(bank),
    }
    assert.deepEqual(await joins.read(joinId(insurance), joinOuts), {})
    await members.delete(memberId(insurance), memberOuts) // already going: not an error
    await joins.delete(joinId(insurance), joinOuts)
    // Its entry for bank was there before it joined and shared's is the topology's: both stay.
    assert.deepEqual(await partnersOf(insurance), ids(bank, shared))
  })

  it('refuses a displayName change of a member (Graph fixes it), saying how to apply it', async () => {
    const outs = { ...memberInputs(bank), state: 'active' }
    await assert.rejects(
      members.update(memberId(bank), outs, { ...memberInputs(bank), displayName: 'Bank' }),
      /Graph cannot change it once a tenant is added\. To apply 'Bank', remove bank/,
    )
  })

  it('deletes in dependency order: join request (leaves), member entry, then the organization', async () => {
    const mtoOuts = { ...mtoInputs(), state: 'active', partnersBefore: [] }
    await assert.rejects(
      mto.delete(mtoId(), mtoOuts),
      /cannot be deleted while other tenants are active in it: Woodgrove bank/,
    )
    const joinOuts = { ...joinInputs(bank), memberState: 'active', role: 'member', partnersBefore: [] }
    await joins.delete(joinId(bank), joinOuts)
    assert.deepEqual(await joins.read(joinId(bank), joinOuts), {})
    // The template's entry for insurance is gone; shared's stays for its PartnerAccess to delete.
    assert.deepEqual(await partnersOf(bank), ids(shared))
    await members.delete(memberId(bank), { ...memberInputs(bank), state: 'active' })
    await mto.delete(mtoId(), mtoOuts)
    await advance()
    assert.deepEqual(await mto.read(mtoId(), mtoOuts), {})
    assert.deepEqual(await partnersOf(shared), ids(bank))
    assert.deepEqual(await partnersOf(bank), ids(shared), 'nothing came back once the removals completed')
    const live = (await t.graph(shared.app).api(mtoPath).get()) as { state: string }
    assert.equal(live.state, 'inactive')
    await mto.delete(mtoId(), mtoOuts) // already gone: not an error
    await joins.delete(joinId(bank), joinOuts)
  })

  it('names the tenant, the operation and MultiTenantOrganization.ReadWrite.All when the app lacks it', async () => {
    const reader = await providerTenant(t, 'reader', ['MultiTenantOrganization.Read.All', 'Policy.Read.All'])
    const provider = new MultiTenantOrganizationProvider().useConnections(connectionsFor(t, [reader]))
    await assert.rejects(provider.create({ ...mtoInputs(), tenant: reader.ref }), (error: Error) => {
      assert.match(
        error.message,
        /tenant reader \(.*\): create the multitenant organization owned by tenant reader/,
      )
      assert.match(
        error.message,
        /grant it the Microsoft Graph application permission MultiTenantOrganization\.ReadWrite\.All/,
      )
      return true
    })
  })

  it('reports every input problem in check', async () => {
    const reasons = (r: { failures?: { reason: string }[] }) =>
      r.failures?.map((f) => f.reason.split(' ')[0]).join()
    const gov = { alias: 'gov', tenantId: shared.ref.tenantId, cloud: 'usgov' as const }
    const badMto = { ...mtoInputs(), tenant: gov, displayName: ' ', description: 3 as never }
    assert.equal(reasons(await mto.check(mtoInputs(), badMto)), 'multitenant,displayName,description')
    const badMember = {
      ...memberInputs(bank),
      member: '',
      tenantId: 'x',
      displayName: '',
      role: 'x' as never,
    }
    assert.equal(
      reasons(await members.check(memberInputs(bank), badMember)),
      'member,tenantId,displayName,role',
    )
    const self = { ...memberInputs(bank), tenantId: shared.ref.tenantId }
    assert.equal(reasons(await members.check(memberInputs(bank), self)), 'the')
    const tenant = { alias: '', tenantId: 'nope', cloud: 'mars' } as never
    const badJoin = {
      ...joinInputs(bank),
      tenant,
      owner: '',
      addedByTenantId: '00000000-0000-0000-0000-000000000000',
    }
    assert.equal(
      reasons(await joins.check(joinInputs(bank), badJoin)),
      'alias,tenantId,cloud,owner,addedByTenantId',
    )
    const own = { ...joinInputs(bank), addedByTenantId: bank.ref.tenantId }
    assert.equal(reasons(await joins.check(joinInputs(bank), own)), 'the')
  })
})
