// The documented cross-tenant synchronization setup (graph-api.md §3.1, steps 1-12) across two
// tenants, over the wire, with validateCredentials failing until both sides are configured.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client, GraphError } from '@microsoft/microsoft-graph-client'
import {
  expectGraphError,
  noRetries,
  startTestEmulator,
  type TestEmulator,
} from '../../../../test/support/emulator'
import { instantiateCts } from '../../../../test/support/syncFixture'

const policyCheckFailure = 'AzureDirectoryB2BManagementPolicyCheckFailure'
type Obj = Record<string, unknown>

const detailCodes = (error: GraphError): string[] =>
  ((JSON.parse(error.body as string) as { details?: { code: string }[] }).details ?? []).map((d) => d.code)

describe('cross-tenant synchronization setup (§3.1)', () => {
  let t: TestEmulator
  let source: Client
  let target: Client
  let sourceId: string
  let targetId: string
  let sp: Obj
  let roleId: string
  let jobId: string
  let userId: string
  const partners = '/policies/crossTenantAccessPolicy/partners'
  const sync = () => `/servicePrincipals/${String(sp.id)}/synchronization`
  const credentials = () => ({
    useSavedCredentials: false,
    templateId: 'Azure2Azure',
    credentials: [
      { key: 'CompanyId', value: targetId },
      { key: 'AuthenticationType', value: 'SyncPolicy' },
    ],
  })
  const validate = () => source.api(`${sync()}/jobs/validateCredentials`).post(credentials())

  before(async () => {
    t = await startTestEmulator()
    sourceId = (await t.createTenant({ displayName: 'Contoso' })).id
    targetId = (await t.createTenant({ displayName: 'Fabrikam' })).id
    source = t.graph(
      await t.createApp(sourceId, [
        'Policy.ReadWrite.CrossTenantAccess',
        'Application.ReadWrite.All',
        'Synchronization.ReadWrite.All',
        'AppRoleAssignment.ReadWrite.All',
        'AuditLog.Read.All',
      ]),
    )
    target = t.graph(await t.createApp(targetId, ['Policy.ReadWrite.CrossTenantAccess']))
    const users = await t.admin<{ value: Obj[] }>('POST', `/tenants/${sourceId}/users`, {
      users: [{ displayName: 'Adele Vance' }],
    })
    userId = String(users.body.value[0]!.id)
  })
  after(() => t.close())

  it('step 5: the source instantiates the configuration app; validateCredentials then fails on every check', async () => {
    sp = (await instantiateCts(source, 'Fabrikam')).servicePrincipal
    roleId = String((sp.appRoles as Obj[]).find((r) => r.displayName === 'msiam_access')!.id)
    const error = await expectGraphError(validate())
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, policyCheckFailure)
    assert.equal(error.message, 'Policy permitting auto-redemption of invitations not configured.')
    assert.deepEqual(detailCodes(error), [
      'SourceOutboundAutoRedemptionNotAllowed',
      'TargetInboundAutoRedemptionNotAllowed',
      'TargetInboundSyncNotAllowed',
    ])
  })

  it('steps 1-2: the target adds the source as partner and allows inbound sync; auto-redemption still fails', async () => {
    await target.api(partners).post({ tenantId: sourceId })
    await target
      .api(`${partners}/${sourceId}/identitySynchronization`)
      .put({ displayName: 'Contoso', userSyncInbound: { isSyncAllowed: true } })
    const error = await expectGraphError(validate())
    assert.equal(error.code, policyCheckFailure)
    assert.deepEqual(detailCodes(error), [
      'SourceOutboundAutoRedemptionNotAllowed',
      'TargetInboundAutoRedemptionNotAllowed',
    ])
  })

  it('step 3: the target allows inbound auto-redemption; the source side still fails', async () => {
    await target
      .api(`${partners}/${sourceId}`)
      .patch({ inboundTrust: null, automaticUserConsentSettings: { inboundAllowed: true } })
    const error = await expectGraphError(validate())
    assert.equal(error.statusCode, 400)
    assert.deepEqual(detailCodes(error), ['SourceOutboundAutoRedemptionNotAllowed'])
  })

  it('steps 4 and 6: once the source allows outbound auto-redemption, validateCredentials answers 204', async () => {
    await source.api(partners).post({ tenantId: targetId })
    await source
      .api(`${partners}/${targetId}`)
      .patch({ automaticUserConsentSettings: { outboundAllowed: true } })
    await validate()
  })

  it('fails again while the target does not allow inbound sync', async () => {
    const path = `${partners}/${sourceId}/identitySynchronization`
    await target.api(path).patch({ userSyncInbound: { isSyncAllowed: false } })
    const error = await expectGraphError(validate())
    assert.equal(error.code, policyCheckFailure)
    assert.deepEqual(detailCodes(error), ['TargetInboundSyncNotAllowed'])
    await target.api(path).patch({ userSyncInbound: { isSyncAllowed: true } })
    await validate()
  })

  it('steps 7-9: creates the job, saves the secrets and assigns a user to msiam_access', async () => {
    const job = (await source.api(`${sync()}/jobs`).post({ templateId: 'Azure2Azure' })) as Obj
    jobId = String(job.id)
    assert.equal((job.status as Obj).code, 'Paused')
    await source.api(`${sync()}/secrets`).put({
      value: [
        { key: 'AuthenticationType', value: 'SyncPolicy' },
        { key: 'CompanyId', value: targetId },
        {
          key: 'SyncNotificationSettings',
          value:
            '{"Enabled":false,"DeleteThresholdEnabled":false,"HumanResourcesLookaheadQueryEnabled":false}',
        },
        { key: 'SyncAll', value: 'false' },
      ],
    })
    const assignment = (await source
      .api(`/servicePrincipals/${String(sp.id)}/appRoleAssignedTo`)
      .post({ appRoleId: roleId, resourceId: sp.id, principalId: userId })) as Obj
    assert.equal(assignment.principalType, 'User')
    await source
      .api(`${sync()}/jobs/${jobId}/validateCredentials`)
      .post({ useSavedCredentials: true, credentials: [] })
  })

  it('step 10: reads the rule id from the schema and provisions the assigned user on demand (200)', async () => {
    const schema = (await source.api(`${sync()}/jobs/${jobId}/schema`).get()) as Obj
    const ruleId = String((schema.synchronizationRules as Obj[])[0]!.id)
    const onDemand = (objectId: string) =>
      source
        .api(`${sync()}/jobs/${jobId}/provisionOnDemand`)
        .middlewareOptions(noRetries())
        .post({ parameters: [{ ruleId, subjects: [{ objectId, objectTypeName: 'User' }] }] })
    const answer = (await onDemand(userId)) as { key: string; value: unknown }
    assert.equal(answer.key, 'Microsoft.Identity.Health.CPP.Common.DataContracts.SyncFabric.StatusInfo')
    assert.equal(typeof answer.value, 'string', 'the value is a JSON string')
    const [subject] = JSON.parse(answer.value as string) as Obj[]
    assert.equal(subject!.action, 'create')
    assert.equal(subject!.result, 'success')
    assert.equal((subject!.sourceIdentity as Obj).id, userId)
    const unknown = await expectGraphError(onDemand('7d1c6c55-0000-4000-8000-00000000beef'))
    assert.equal(unknown.statusCode, 404)
    assert.equal(unknown.code, 'Request_ResourceNotFound')
  })

  it('steps 11-12: starts the job (204) and reads it back Active', async () => {
    await source.api(`${sync()}/jobs/${jobId}/start`).post(undefined)
    const job = (await source.api(`${sync()}/jobs/${jobId}`).get()) as { schedule: Obj; status: Obj }
    assert.equal(job.schedule.state, 'Active')
    assert.equal(job.status.code, 'NotRun')
  })

  it('validates saved credentials against the current policies (job-bound form)', async () => {
    await target
      .api(`${partners}/${sourceId}`)
      .patch({ automaticUserConsentSettings: { inboundAllowed: false } })
    const error = await expectGraphError(
      source.api(`${sync()}/jobs/${jobId}/validateCredentials`).post({ useSavedCredentials: true }),
    )
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, policyCheckFailure)
    assert.deepEqual(detailCodes(error), ['TargetInboundAutoRedemptionNotAllowed'])
    const noCompany = await expectGraphError(
      source.api(`${sync()}/jobs/${jobId}/validateCredentials`).post({
        useSavedCredentials: false,
        credentials: [{ key: 'AuthenticationType', value: 'SyncPolicy' }],
      }),
    )
    assert.equal(noCompany.statusCode, 400)
    assert.equal(noCompany.code, 'Request_BadRequest')
    const nowhere = await expectGraphError(
      source.api(`${sync()}/jobs/validateCredentials`).post({
        ...credentials(),
        credentials: [
          { key: 'CompanyId', value: '7d1c6c55-0000-4000-8000-00000000dead' },
          { key: 'AuthenticationType', value: 'SyncPolicy' },
        ],
      }),
    )
    assert.equal(nowhere.code, policyCheckFailure)
    assert.deepEqual(detailCodes(nowhere), ['SourceOutboundAutoRedemptionNotAllowed', 'TargetTenantNotFound'])
  })

  it('recorded the configuration in the source tenant audit log', async () => {
    const audits = (await source.api('/auditLogs/directoryAudits').top(999).get()) as { value: Obj[] }
    const seen = audits.value.map((a) => `${String(a.category)}/${String(a.activityDisplayName)}`)
    for (const entry of [
      'ApplicationManagement/Add application',
      'ApplicationManagement/Add service principal',
      'UserManagement/Add app role assignment grant to user',
      'ProvisioningManagement/Add provisioning configuration',
      'ProvisioningManagement/Update provisioning setting or credentials',
      'ProvisioningManagement/Start provisioning',
    ])
      assert.ok(seen.includes(entry), `expected an audit entry ${entry}`)
  })
})
