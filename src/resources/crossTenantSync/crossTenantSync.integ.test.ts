// The cross-tenant sync resources together against the emulator, as the engine calls them: both
// tenants' access set up through the PartnerAccess and IdentitySync providers, a SyncConfiguration,
// SyncScopeAssignments of a group and of a user, SyncStart; then one provisioning cycle brings the
// scoped users into the target with the planned userType and visibility (the resources feed the
// engine correctly). Drift (job paused by hand, assignment deleted by hand), duplicate assignments,
// a missing AppRoleAssignment permission, and deletes: unassigning deprovisions the synced users in
// the target (on demand, as no cycle runs once the configuration is gone).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { startTestEmulator, type TestEmulator } from '../../../test/support/emulator'
import { connectionsFor, providerTenant, type ProviderTenant } from '../../../test/support/providers'
import { IdentitySyncProvider } from '../crossTenantAccess/identitySync'
import { PartnerAccessProvider, type PartnerAccessInputs } from '../crossTenantAccess/partnerAccess'
import { SyncConfigurationProvider, type SyncConfigurationOutputs } from './syncConfiguration'
import { SyncScopeAssignmentProvider, type SyncScopeAssignmentInputs } from './syncScopeAssignment'
import { SyncStartProvider, type SyncStartInputs } from './syncStart'

type Obj = Record<string, unknown>
const sourceRoles = [
  'Policy.ReadWrite.CrossTenantAccess',
  'Application.ReadWrite.All',
  'Synchronization.ReadWrite.All',
  'AppRoleAssignment.ReadWrite.All',
  'GroupMember.Read.All',
  'User.Read.All',
]

describe('cross-tenant sync resources, end to end', () => {
  let t: TestEmulator
  let contoso: ProviderTenant
  let fabrikam: ProviderTenant
  let source: Client
  let target: Client
  let configurations: SyncConfigurationProvider
  let assignments: SyncScopeAssignmentProvider
  let starts: SyncStartProvider
  let config: SyncConfigurationOutputs
  let groupId: string
  let graceUpn: string
  const assignmentIds: Record<string, string> = {}

  before(async () => {
    t = await startTestEmulator()
    contoso = await providerTenant(t, 'contoso', sourceRoles)
    fabrikam = await providerTenant(t, 'fabrikam', ['Policy.ReadWrite.CrossTenantAccess', 'User.Read.All'])
    source = t.graph(contoso.app)
    target = t.graph(fabrikam.app)
    const connections = connectionsFor(t, [contoso, fabrikam])
    configurations = new SyncConfigurationProvider().useConnections(connections)
    assignments = new SyncScopeAssignmentProvider().useConnections(connections)
    starts = new SyncStartProvider().useConnections(connections)
    // Both sides' cross-tenant access, as the component creates it before the configuration.
    const partners = new PartnerAccessProvider().useConnections(connections)
    const access = (tenant: ProviderTenant, partner: ProviderTenant, alias: string): PartnerAccessInputs => ({
      tenant: tenant.ref,
      partner: { alias, tenantId: partner.ref.tenantId },
      inboundTrust: null,
      automaticUserConsentSettings: {
        inboundAllowed: tenant === fabrikam,
        outboundAllowed: tenant === contoso,
      },
      b2bCollaborationInbound: null,
      b2bCollaborationOutbound: null,
      adopt: false,
    })
    await partners.create(access(contoso, fabrikam, 'fabrikam'))
    await partners.create(access(fabrikam, contoso, 'contoso'))
    await new IdentitySyncProvider().useConnections(connections).create({
      tenant: fabrikam.ref,
      partner: { alias: 'contoso', tenantId: contoso.ref.tenantId },
      displayName: 'Contoso',
      userSyncInbound: { isSyncAllowed: true },
      adopt: false,
    })
    const names = ['Ada Lovelace', 'Grace Hopper', 'Linus Out']
    const users = await t.admin<{ value: Obj[] }>('POST', `/tenants/${contoso.ref.tenantId}/users`, {
      users: names.map((displayName) => ({ displayName })),
    })
    const [ada, grace] = users.body.value
    const team = {
      displayName: 'Integration team',
      securityEnabled: true,
      mailEnabled: false,
      members: [ada!.id],
    }
    const groups = await t.admin<{ value: Obj[] }>('POST', `/tenants/${contoso.ref.tenantId}/groups`, {
      groups: [team],
    })
    groupId = String(groups.body.value[0]!.id)
    graceUpn = String(grace!.userPrincipalName)
    config = (
      await configurations.create({
        tenant: contoso.ref,
        partner: { alias: 'fabrikam', tenantId: fabrikam.ref.tenantId },
        displayName: 'Contoso to Fabrikam',
        secrets: {
          AuthenticationType: 'SyncPolicy',
          CompanyId: fabrikam.ref.tenantId,
          SyncAll: 'false',
          SyncNotificationSettings: {
            Enabled: false,
            DeleteThresholdEnabled: false,
            HumanResourcesLookaheadQueryEnabled: false,
          },
        },
        schema: {
          flowTypes: 'Add, Update, Delete',
          showInAddressList: '"False"',
          showInAddressListFlowType: 'Always',
          userType: '"Guest"',
          userTypeFlowType: 'Always',
          removedAttributeMappings: [],
        },
        adopt: false,
      })
    ).outs!
  })
  after(() => t.close())

  const assignment = (principal: SyncScopeAssignmentInputs['principal']): SyncScopeAssignmentInputs => ({
    tenant: contoso.ref,
    partner: 'fabrikam',
    servicePrincipalId: config.servicePrincipalId,
    appRoleId: config.msiamAccessAppRoleId,
    principal,
    adopt: false,
  })
  const group = () => assignment({ type: 'Group', id: groupId })
  const grace = () => assignment({ type: 'User', userPrincipalName: graceUpn })
  const start = (): SyncStartInputs => ({
    tenant: contoso.ref,
    partner: 'fabrikam',
    servicePrincipalId: config.servicePrincipalId,
    jobId: config.jobId,
    started: true,
  })
  const startId = () =>
    `${contoso.ref.tenantId}/servicePrincipals/${config.servicePrincipalId}/jobs/${config.jobId}/start`
  const assignedTo = () => `/servicePrincipals/${config.servicePrincipalId}/appRoleAssignedTo`
  const job = () => `/servicePrincipals/${config.servicePrincipalId}/synchronization/jobs/${config.jobId}`
  const jobState = async () => ((await source.api(job()).get()) as { schedule: Obj }).schedule.state
  const targetUsers = async () =>
    (
      (await target.api('/users').select(['displayName', 'userType', 'showInAddressList']).get()) as {
        value: Obj[]
      }
    ).value

  it('assigns a group and a user (found by user principal name) to msiam_access', async () => {
    const byGroup = await assignments.create(group())
    const byUser = await assignments.create(grace())
    assignmentIds.group = byGroup.id
    assignmentIds.grace = byUser.id
    assert.equal(byGroup.outs?.principalId, groupId)
    const { tenantId } = contoso.ref
    assert.equal(byUser.id, `${tenantId}${assignedTo()}/${byUser.outs?.assignmentId}`)
    const listed = ((await source.api(assignedTo()).get()) as { value: Obj[] }).value
    assert.deepEqual(listed.map((a) => [a.principalType, a.principalId, a.appRoleId]).sort(), [
      ['Group', groupId, config.msiamAccessAppRoleId],
      ['User', byUser.outs?.principalId, config.msiamAccessAppRoleId],
    ])
  })

  it('refuses an assignment that already exists, naming it, and adopts it when told', async () => {
    const existing = assignmentIds.group!.split('/').pop()!
    await assert.rejects(
      assignments.create(group()),
      new RegExp(
        `assignment of group ${groupId} .* already exists \\(assignment ${existing}\\) .* tenants\\.contoso\\.adopt: true`,
      ),
    )
    assert.equal((await assignments.create({ ...group(), adopt: true })).id, assignmentIds.group)
  })

  it('starts the job; one provisioning cycle brings the scoped users in with the planned userType and visibility', async () => {
    const started = await starts.create(start())
    assert.equal(started.id, startId())
    assert.deepEqual(started.outs, start())
    assert.equal(await jobState(), 'Active')
    const run = await t.admin('POST', '/provisioning/run', { jobId: config.jobId })
    assert.equal(run.status, 200, JSON.stringify(run.body))
    const arrived = (await targetUsers()).filter((u) => u.displayName !== 'test client')
    assert.deepEqual(
      arrived.map((u) => [u.displayName, u.userType, u.showInAddressList]).sort(),
      [
        ['Ada Lovelace', 'Guest', false],
        ['Grace Hopper', 'Guest', false],
      ],
      'the group member and the assigned user, not Linus',
    )
  })

  it('reads a job paused by hand as started: false, and update starts it again', async () => {
    await source.api(`${job()}/pause`).post({})
    const read = await starts.read(startId(), start())
    assert.equal(read.inputs?.started, false)
    const repaired = await starts.update(startId(), read.props!, start())
    assert.equal(repaired.outs?.started, true)
    assert.equal(await jobState(), 'Active')
  })

  it('reads an assignment deleted by hand as gone, and create assigns again', async () => {
    const props = (
      await assignments.read(assignmentIds.grace!, { ...grace(), assignmentId: '', principalId: '' })
    ).props!
    await source.api(`${assignedTo()}/${props.assignmentId}`).delete()
    assert.deepEqual(await assignments.read(assignmentIds.grace!, props), {})
    assignmentIds.grace = (await assignments.create(grace())).id
  })

  it('names AppRoleAssignment.ReadWrite.All when the app lacks it', async () => {
    const app = await t.createApp(contoso.ref.tenantId, ['Application.Read.All', 'User.Read.All'])
    const limited = new SyncScopeAssignmentProvider().useConnections(
      connectionsFor(t, [{ ref: contoso.ref, app }]),
    )
    await assert.rejects(limited.create(group()), (e: Error) => {
      assert.match(e.message, /tenant contoso \(.*\): create the sync scope assignment of group /)
      assert.match(
        e.message,
        /grant it the Microsoft Graph application permission AppRoleAssignment\.ReadWrite\.All/,
      )
      return true
    })
  })

  it('pauses, unassigns (soft-deleting the synced users in the target) and deletes the configuration', async () => {
    await starts.delete(startId(), start())
    assert.equal(await jobState(), 'Disabled')
    for (const [id, inputs] of [
      [assignmentIds.group!, group()],
      [assignmentIds.grace!, grace()],
    ] as const)
      await assignments.delete(id, { ...inputs, assignmentId: '', principalId: '' })
    assert.deepEqual(((await source.api(assignedTo()).get()) as { value: Obj[] }).value, [])
    const configId = `${contoso.ref.tenantId}/servicePrincipals/${config.servicePrincipalId}/jobs/${config.jobId}`
    await configurations.delete(configId, config)
    assert.deepEqual(await configurations.read(configId, config), {})
    assert.deepEqual(await starts.read(startId(), start()), {}, 'the job went with it')
    await starts.delete(startId(), start()) // the job is gone: nothing to pause
    await assignments.delete(assignmentIds.group!, { ...group(), assignmentId: '', principalId: '' })
    const names = (await targetUsers()).map((u) => u.displayName)
    assert.ok(!names.includes('Ada Lovelace') && !names.includes('Grace Hopper'), 'synced users left')
    const deleted = (await target
      .api('/directory/deletedItems/microsoft.graph.user')
      .select(['displayName'])
      .get()) as { value: Obj[] }
    assert.deepEqual(deleted.value.map((u) => u.displayName).sort(), ['Ada Lovelace', 'Grace Hopper'])
  })
})
