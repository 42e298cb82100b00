// The multitenant organization's whole lifecycle over the wire, through @azure/identity and the Graph
// client, with three tenants and the emulator's clock advanced through the admin API.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import {
  expectGraphError,
  startTestEmulator,
  type TestApp,
  type TestEmulator,
} from '../../../../test/support/emulator'

type Json = Record<string, unknown>
const mto = '/tenantRelationships/multiTenantOrganization'
const partners = '/policies/crossTenantAccessPolicy/partners'

describe('multitenant organization lifecycle', () => {
  let t: TestEmulator
  let contoso: Client
  let fabrikam: Client
  let woodgrove: Client
  let ids: { contoso: string; fabrikam: string; woodgrove: string }
  let apps: TestApp[]
  let contosoMtoId: string

  /** New clients each time: tokens cached by the clients expire when the emulator's clock jumps ahead. */
  const connect = () => {
    ;[contoso, fabrikam, woodgrove] = apps.map((app) => t.graph(app)) as [Client, Client, Client]
  }
  const advance = async (seconds: number) => {
    assert.equal((await t.admin('POST', '/clock/advance', { seconds })).status, 200)
    connect()
  }
  const get = async (client: Client, path: string) => (await client.api(path).get()) as Json
  const partner = async (client: Client, id: string) => get(client, `${partners}/${id}`)

  before(async () => {
    t = await startTestEmulator()
    const roles = ['MultiTenantOrganization.ReadWrite.All', 'Policy.ReadWrite.CrossTenantAccess']
    const [a, b, c] = await Promise.all(
      ['Contoso', 'Fabrikam', 'Woodgrove'].map((displayName) => t.createTenant({ displayName })),
    )
    ids = { contoso: a!.id, fabrikam: b!.id, woodgrove: c!.id }
    apps = await Promise.all([ids.contoso, ids.fabrikam, ids.woodgrove].map((id) => t.createApp(id, roles)))
    connect()
    const settings = {
      activationSeconds: 300,
      joinSeconds: 3600,
      roleChangeSeconds: 600,
      removalSeconds: 600,
    }
    assert.equal((await t.admin('PUT', '/settings/mto', settings)).status, 200)
  })
  after(() => t.close())

  it('reads state inactive with null properties before any MTO exists', async () => {
    const body = await get(contoso, mto)
    assert.deepEqual(
      [body.state, body.displayName, body.description, body.createdDateTime],
      ['inactive', null, null, null],
    )
  })

  it('prepares templates and an existing partner before the MTO (the documented order)', async () => {
    await contoso.api(`${partners}`).post({
      tenantId: ids.fabrikam,
      inboundTrust: {
        isMfaAccepted: true,
        isCompliantDeviceAccepted: false,
        isHybridAzureADJoinedDeviceAccepted: false,
      },
    })
    await contoso
      .api('/policies/crossTenantAccessPolicy/templates/multiTenantOrganizationPartnerConfiguration')
      .patch({ automaticUserConsentSettings: { inboundAllowed: true, outboundAllowed: true } })
    await fabrikam
      .api('/policies/crossTenantAccessPolicy/templates/multiTenantOrganizationIdentitySynchronization')
      .patch({ userSyncInbound: { isSyncAllowed: true } })
  })

  it('creates the MTO with 201, inactive at first, the creator an active owner with no joinedDateTime', async () => {
    const created = (await contoso
      .api(mto)
      .put({ displayName: 'Contoso organization', description: 'Contoso, Fabrikam and Woodgrove' })) as Json
    assert.equal(created.state, 'inactive')
    assert.equal(created.displayName, 'Contoso organization')
    assert.match(
      String(created['@odata.context']),
      /\$metadata#tenantRelationships\/multiTenantOrganization\/\$entity$/,
    )
    contosoMtoId = String(created.id)
    const owner = await get(contoso, `${mto}/tenants/${ids.contoso}`)
    assert.deepEqual(
      [owner.role, owner.state, owner.joinedDateTime, owner.addedByTenantId, owner.transitionDetails],
      ['owner', 'active', null, ids.contoso, null],
    )
  })

  it('refuses to add tenants until the MTO is active', async () => {
    const error = await expectGraphError(
      contoso.api(`${mto}/tenants`).post({ tenantId: ids.fabrikam, displayName: 'Fabrikam' }),
    )
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'Request_BadRequest')
  })

  it('becomes active once the activation delay has passed on the clock', async () => {
    await advance(299)
    assert.equal((await get(contoso, mto)).state, 'inactive')
    await advance(1)
    const active = await get(contoso, mto)
    assert.equal(active.state, 'active')
    assert.equal(active.id, contosoMtoId)
  })

  it('adds a tenant as pending with transitionDetails desiredState active, desiredRole member, notStarted', async () => {
    const added = (await contoso
      .api(`${mto}/tenants`)
      .post({ tenantId: ids.fabrikam, displayName: 'Fabrikam' })) as Json
    assert.equal(added.state, 'pending')
    assert.equal(added.role, 'member')
    assert.equal(added.addedByTenantId, ids.contoso)
    assert.deepEqual(added.transitionDetails, {
      desiredState: 'active',
      desiredRole: 'member',
      status: 'notStarted',
      details: null,
    })
  })

  it('refuses to add a tenant that is already pending with 400 Request_BadRequest', async () => {
    const error = await expectGraphError(
      contoso.api(`${mto}/tenants`).post({ tenantId: ids.fabrikam, displayName: 'Fabrikam' }),
    )
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'Request_BadRequest')
    assert.equal(error.message, 'Tenant is already being added in Multi-Tenant Organization.')
  })

  it('shows the added tenant an empty join request and no MTO until it joins', async () => {
    const request = await get(fabrikam, `${mto}/joinRequest`)
    assert.deepEqual(
      [request.addedByTenantId, request.memberState, request.role, request.transitionDetails],
      ['00000000-0000-0000-0000-000000000000', null, null, null],
    )
    assert.equal((await get(fabrikam, mto)).state, 'inactive')
  })

  it('joins: pending (notStarted, then running) until the join delay passes, then active member', async () => {
    await fabrikam.api(`${mto}/joinRequest`).patch({ addedByTenantId: ids.contoso })
    const pending = await get(fabrikam, `${mto}/joinRequest`)
    assert.deepEqual(
      [pending.addedByTenantId, pending.memberState, pending.role, pending.transitionDetails],
      [ids.contoso, 'pending', null, { desiredMemberState: 'active', status: 'notStarted', details: '' }],
    )
    await advance(1800)
    const ownerView = await get(contoso, `${mto}/tenants/${ids.fabrikam}`)
    assert.equal(ownerView.state, 'pending')
    assert.equal((ownerView.transitionDetails as Json).status, 'running')
    await advance(1800)
    const joined = await get(fabrikam, `${mto}/joinRequest`)
    assert.deepEqual([joined.memberState, joined.role, joined.transitionDetails], ['active', 'member', null])
    const member = await get(contoso, `${mto}/tenants/${ids.fabrikam}`)
    assert.equal(member.state, 'active')
    assert.ok(member.joinedDateTime)
    assert.equal(member.transitionDetails, null)
  })

  it('shows the joined tenant the MTO under its own id', async () => {
    const seen = await get(fabrikam, mto)
    assert.equal(seen.state, 'active')
    assert.equal(seen.displayName, 'Contoso organization')
    assert.notEqual(seen.id, contosoMtoId)
  })

  it("sets isInMultiTenantOrganization on both sides, applying each side's templates", async () => {
    const fromContoso = await partner(contoso, ids.fabrikam)
    assert.equal(fromContoso.isInMultiTenantOrganization, true)
    assert.deepEqual(fromContoso.automaticUserConsentSettings, {
      inboundAllowed: true,
      outboundAllowed: true,
    })
    assert.equal((fromContoso.inboundTrust as Json).isMfaAccepted, true, 'existing settings are kept')
    const fromFabrikam = await partner(fabrikam, ids.contoso)
    assert.equal(fromFabrikam.isInMultiTenantOrganization, true)
    assert.deepEqual(fromFabrikam.automaticUserConsentSettings, {
      inboundAllowed: null,
      outboundAllowed: null,
    })
    const sync = await get(fabrikam, `${partners}/${ids.contoso}/identitySynchronization`)
    assert.deepEqual(sync.userSyncInbound, { isSyncAllowed: true })
    const noSync = await expectGraphError(
      contoso.api(`${partners}/${ids.fabrikam}/identitySynchronization`).get(),
    )
    assert.equal(noSync.statusCode, 404, "Contoso's sync template is unset, so it creates no sync policy")
  })

  it('pairs a third tenant with every active tenant when it joins', async () => {
    await contoso.api(`${mto}/tenants`).post({ tenantId: ids.woodgrove, displayName: 'Woodgrove' })
    await woodgrove.api(`${mto}/joinRequest`).patch({ addedByTenantId: ids.contoso })
    await advance(3600)
    assert.equal((await get(woodgrove, `${mto}/joinRequest`)).memberState, 'active')
    for (const [client, other] of [
      [woodgrove, ids.contoso],
      [woodgrove, ids.fabrikam],
      [contoso, ids.woodgrove],
      [fabrikam, ids.woodgrove],
    ] as const)
      assert.equal((await partner(client, other)).isInMultiTenantOrganization, true)
    const list = (await fabrikam.api(`${mto}/tenants`).get()) as { value: Json[] }
    assert.deepEqual(
      list.value.map((m) => [m.tenantId, m.state]),
      [
        [ids.contoso, 'active'],
        [ids.fabrikam, 'active'],
        [ids.woodgrove, 'active'],
      ],
    )
  })

  it('changes a role asynchronously: the old role stays while desiredRole holds the new one', async () => {
    await contoso.api(`${mto}/tenants/${ids.fabrikam}`).patch({ role: 'owner' })
    const changing = await get(contoso, `${mto}/tenants/${ids.fabrikam}`)
    assert.equal(changing.role, 'member')
    assert.equal(changing.state, 'active')
    assert.deepEqual(
      [(changing.transitionDetails as Json).desiredState, (changing.transitionDetails as Json).desiredRole],
      ['active', 'owner'],
    )
    await advance(600)
    const changed = await get(fabrikam, `${mto}/tenants/${ids.fabrikam}`)
    assert.deepEqual([changed.role, changed.transitionDetails], ['owner', null])
  })

  it('removes a tenant asynchronously, then answers Directory_ObjectNotFound for it', async () => {
    await fabrikam.api(`${mto}/tenants/${ids.woodgrove}`).delete()
    const leaving = await get(contoso, `${mto}/tenants/${ids.woodgrove}`)
    assert.equal((leaving.transitionDetails as Json).desiredState, 'removed')
    await advance(600)
    const error = await expectGraphError(contoso.api(`${mto}/tenants/${ids.woodgrove}`).get())
    assert.equal(error.statusCode, 404)
    assert.equal(error.code, 'Directory_ObjectNotFound')
    assert.equal(error.message, 'Unable to read the company information from the directory.')
  })

  it('sets isInMultiTenantOrganization back to false on both sides after the removal', async () => {
    for (const [client, other] of [
      [woodgrove, ids.contoso],
      [woodgrove, ids.fabrikam],
      [contoso, ids.woodgrove],
      [fabrikam, ids.woodgrove],
    ] as const)
      assert.equal((await partner(client, other)).isInMultiTenantOrganization, false, `partner ${other}`)
    assert.equal((await partner(contoso, ids.fabrikam)).isInMultiTenantOrganization, true)
    assert.equal((await get(woodgrove, mto)).state, 'inactive')
    assert.equal((await get(woodgrove, `${mto}/joinRequest`)).memberState, null)
  })

  it('updates the MTO with PATCH (204) for owners', async () => {
    await fabrikam.api(mto).patch({ description: 'Contoso and Fabrikam' })
    const body = await get(contoso, mto)
    assert.deepEqual([body.displayName, body.description], ['Contoso organization', 'Contoso and Fabrikam'])
  })

  it("records audit entries for the changes, and the service's own in the home tenant", () => {
    const activities = (id: string) =>
      t.emulator.store
        .tenant(id)
        .audits()
        .map((a) => a.activityDisplayName)
    const home = activities(ids.contoso)
    for (const name of [
      'Create multi-tenant organization',
      'Add tenant to multi-tenant organization',
      'Update tenant in multi-tenant organization',
      'Activate multi-tenant organization',
      'Tenant joined multi-tenant organization',
      'Tenant removed from multi-tenant organization',
      'Update a partner cross-tenant access setting',
    ])
      assert.ok(home.includes(name), `Contoso's audit log has '${name}'`)
    assert.ok(activities(ids.fabrikam).includes('Join multi-tenant organization'))
    assert.ok(activities(ids.fabrikam).includes('Remove tenant from multi-tenant organization'))
    assert.ok(activities(ids.fabrikam).includes('Create a partner cross-tenant identity sync setting'))
  })
})
