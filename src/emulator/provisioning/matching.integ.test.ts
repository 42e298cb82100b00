// Scenario tests of the provisioning engine over the wire: manager references (references.ts, with the
// documented quirk that a manager arriving later is linked only after a Watermark restart) and matching
// an existing B2B guest by its alternative security id instead of creating a duplicate (apply.ts),
// with the userType mapping's flow type deciding whether the guest becomes a member (graph-api.md §3.7).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { GraphError } from '@microsoft/microsoft-graph-client'
import { expectGraphError, type TestEmulator } from '../../../test/support/emulator'
import {
  addUsers,
  assign,
  configureSync,
  createTenants,
  runCycles,
  usersIn,
  type SyncLink,
  type Tenant,
  startManualEmulator,
} from '../../../test/support/ctsTopology'

type Obj = Record<string, unknown>

/** The id of the tenant's one user with this display name (fails on none or several). */
async function idOf(tenant: Tenant, displayName: string): Promise<string> {
  const found = (await usersIn(tenant)).filter((u) => u.displayName === displayName)
  assert.equal(found.length, 1, `one user '${displayName}' in ${tenant.name}`)
  return String(found[0]!.id)
}

describe('manager references', () => {
  let t: TestEmulator
  let contoso: Tenant
  let fabrikam: Tenant
  let link: SyncLink
  const ids: Record<string, string> = {}

  const setManager = (user: string, manager: string) =>
    contoso.graph
      .api(`/users/${ids[user]}/manager/$ref`)
      .put({ '@odata.id': `https://graph.microsoft.com/v1.0/users/${ids[manager]}` })
  const managerIn = async (tenant: Tenant, displayName: string): Promise<string> =>
    String(((await tenant.graph.api(`/users/${await idOf(tenant, displayName)}/manager`).get()) as Obj).id)
  const managerUnset = async (displayName: string): Promise<void> => {
    const error = await expectGraphError<GraphError>(
      fabrikam.graph.api(`/users/${await idOf(fabrikam, displayName)}/manager`).get(),
    )
    assert.equal(error.statusCode, 404, `${displayName} has no manager in Fabrikam`)
  }

  before(async () => {
    t = await startManualEmulator()
    const tenants = await createTenants(t, ['Contoso', 'Fabrikam'])
    contoso = tenants.Contoso!
    fabrikam = tenants.Fabrikam!
    const created = await addUsers(t, contoso, [
      { displayName: 'Ann Manager' },
      { displayName: 'Ben Report' },
      { displayName: 'Cal Lead' },
      { displayName: 'Dee Staff' },
    ])
    for (const u of created) ids[String(u.displayName)] = String(u.id)
    await setManager('Ben Report', 'Ann Manager')
    await setManager('Dee Staff', 'Cal Lead')
    // Cal Lead, Dee Staff's manager, is left out of scope for now.
    link = await configureSync(contoso, fabrikam, {
      assign: [ids['Ann Manager']!, ids['Ben Report']!, ids['Dee Staff']!],
    })
  })
  after(() => t.close())

  it('links the target user to the target user of its source manager when both are in scope', async () => {
    const [report] = await runCycles(t)
    assert.equal(report!.counts.created, 3)
    assert.equal(await managerIn(fabrikam, 'Ben Report'), await idOf(fabrikam, 'Ann Manager'))
  })

  it('leaves the manager unset while the manager is out of scope', async () => {
    await managerUnset('Dee Staff')
  })

  it('does not link a manager that arrives later until a restart with resetScope Watermark', async () => {
    await assign(link, ids['Cal Lead']!)
    const [report] = await runCycles(t)
    assert.equal(report!.counts.created, 1)
    assert.equal(report!.counts.references, 0)
    await idOf(fabrikam, 'Cal Lead')
    await managerUnset('Dee Staff')

    await contoso.graph.api(`${link.base}/restart`).post({ criteria: { resetScope: 'Watermark' } })
    const [after] = await runCycles(t)
    assert.equal(after!.counts.created, 0)
    assert.equal(after!.counts.references, 1)
    assert.equal(await managerIn(fabrikam, 'Dee Staff'), await idOf(fabrikam, 'Cal Lead'))
    assert.equal(await managerIn(fabrikam, 'Ben Report'), await idOf(fabrikam, 'Ann Manager'))
  })
})

describe('matching an existing B2B guest', () => {
  let t: TestEmulator
  let tenants: Record<string, Tenant>
  const guestIds: Record<string, string> = {}
  let usersBefore: number

  /** A source user, assigned, and a guest in Fabrikam that already stands for it (invited earlier). */
  async function invitedEarlier(name: string, options: { userTypeFlow?: 'Always' } = {}): Promise<void> {
    const source = tenants[name]!
    const [user] = await addUsers(t, source, [
      { displayName: `${name} Person`, department: `${name} Sales`, mail: `person@${name}.example` },
    ])
    const [guest] = await addUsers(t, tenants.Fabrikam!, [
      {
        displayName: `Old name of ${name} Person`,
        department: 'Unknown',
        mail: `person@${name}.example`,
        userType: 'Guest',
        creationType: 'Invitation',
        homeTenantId: source.id,
        homeObjectId: String(user!.id),
      },
    ])
    guestIds[name] = String(guest!.id)
    await configureSync(source, tenants.Fabrikam!, { assign: [String(user!.id)], ...options })
  }

  before(async () => {
    t = await startManualEmulator()
    tenants = await createTenants(t, ['Contoso', 'Fabrikam', 'Tailspin'])
    await invitedEarlier('Contoso')
    // A second configuration whose userType mapping applies on every update, not on creation only.
    await invitedEarlier('Tailspin', { userTypeFlow: 'Always' })
    usersBefore = (await usersIn(tenants.Fabrikam!)).length
  })
  after(() => t.close())

  it('updates the matched guest instead of creating a second user', async () => {
    const reports = await runCycles(t)
    assert.equal(reports.length, 2)
    for (const r of reports) {
      assert.equal(r.counts.created, 0, `${r.tenantId} creates nothing`)
      assert.equal(r.counts.updated, 1, `${r.tenantId} updates the guest it matched`)
    }
    const listed = await usersIn(tenants.Fabrikam!)
    assert.equal(listed.length, usersBefore)
    for (const name of ['Contoso', 'Tailspin']) {
      assert.equal(await idOf(tenants.Fabrikam!, `${name} Person`), guestIds[name], 'the same object')
      const guest = listed.find((u) => u.id === guestIds[name])
      assert.equal(guest?.displayName, `${name} Person`)
      assert.equal(guest?.department, `${name} Sales`)
    }
  })

  it('keeps the guest a Guest under the default ObjectAddOnly userType mapping', async () => {
    const guest = (await usersIn(tenants.Fabrikam!)).find((u) => u.id === guestIds.Contoso)
    assert.equal(guest?.userType, 'Guest')
  })

  it('turns the guest into a Member when the userType mapping flows Always', async () => {
    const guest = (await usersIn(tenants.Fabrikam!)).find((u) => u.id === guestIds.Tailspin)
    assert.equal(guest?.userType, 'Member')
  })
})
