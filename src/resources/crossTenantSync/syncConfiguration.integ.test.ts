// SyncConfiguration provider against the emulator, called as the engine calls it: create (through
// replication lag), what Graph then holds, read with hand-made changes as drift, update repairing them,
// rename, adoption refusal and adoption, delete, a missing Synchronization permission, check.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, startTestEmulator, type TestEmulator } from '../../../test/support/emulator'
import { connectionsFor, providerTenant, type ProviderTenant } from '../../../test/support/providers'
import {
  SyncConfigurationProvider,
  type SyncConfigurationInputs,
  type SyncConfigurationOutputs,
} from './syncConfiguration'

type Obj = Record<string, unknown>
const roles = ['Application.ReadWrite.All', 'Synchronization.ReadWrite.All']
const constant = (value: string) => ({
  type: 'Constant' as const,
  name: value,
  expression: `"${value}"`,
  parameters: [],
})

/** The User object mapping of a schema as Graph returns it. */
const userMapping = (schema: Obj): Obj =>
  ((schema.synchronizationRules as Obj[])[0]!.objectMappings as Obj[]).find(
    (m) => m.sourceObjectName === 'User',
  )!
const mapping = (schema: Obj, target: string): Obj | undefined =>
  (userMapping(schema).attributeMappings as Obj[]).find((m) => m.targetAttributeName === target)

describe('SyncConfiguration provider', () => {
  let t: TestEmulator
  let contoso: ProviderTenant
  let fabrikam: ProviderTenant
  let graph: Client
  let configurations: SyncConfigurationProvider
  let id: string
  let spId: string
  let jobId: string
  let appObjectId: string
  let outs: SyncConfigurationOutputs

  before(async () => {
    t = await startTestEmulator()
    contoso = await providerTenant(t, 'contoso', roles)
    fabrikam = await providerTenant(t, 'fabrikam', [])
    graph = t.graph(contoso.app)
    configurations = new SyncConfigurationProvider().useConnections(connectionsFor(t, [contoso, fabrikam]))
  })
  after(() => t.close())

  const inputs = (over: Partial<SyncConfigurationInputs> = {}): SyncConfigurationInputs => ({
    tenant: contoso.ref,
    partner: { alias: 'fabrikam', tenantId: fabrikam.ref.tenantId },
    displayName: 'Contoso to Fabrikam',
    secrets: {
      AuthenticationType: 'SyncPolicy',
      CompanyId: fabrikam.ref.tenantId,
      SyncAll: 'false',
      SyncNotificationSettings: {
        Enabled: false,
        DeleteThresholdEnabled: true,
        DeleteThresholdValue: 50,
        HumanResourcesLookaheadQueryEnabled: false,
      },
    },
    schema: {
      flowTypes: 'Add, Update',
      showInAddressList: '"False"',
      showInAddressListFlowType: 'Always',
      userType: '"Guest"',
      userTypeFlowType: 'Always',
      removedAttributeMappings: ['isSoftDeleted'],
    },
    adopt: false,
    ...over,
  })
  const sync = () => `/servicePrincipals/${spId}/synchronization`
  const schema = async () => (await graph.api(`${sync()}/jobs/${jobId}/schema`).get()) as Obj

  it('creates the service principal, job, secrets and schema, through replication lag', async () => {
    await t.admin('PUT', '/faults', { replicationLagMs: 600 })
    const created = await configurations.create(inputs()).finally(() => t.admin('DELETE', '/faults'))
    id = created.id
    outs = created.outs!
    ;({ servicePrincipalId: spId, jobId, applicationObjectId: appObjectId } = outs)
    assert.equal(id, `${contoso.ref.tenantId}/servicePrincipals/${spId}/jobs/${jobId}`)
    const { servicePrincipalId, applicationId, applicationObjectId, msiamAccessAppRoleId, ...rest } =
      created.outs!
    assert.deepEqual({ ...rest, jobId: undefined }, { ...inputs(), jobId: undefined })
    const sp = (await graph.api(`/servicePrincipals/${servicePrincipalId}`).get()) as Obj
    assert.equal(sp.applicationTemplateId, '518e5f48-1fc8-4c48-9387-9fdf28b0dfe7')
    assert.equal(sp.appId, applicationId)
    assert.equal((sp.appRoles as Obj[])[0]!.id, msiamAccessAppRoleId)
    assert.equal(
      ((await graph.api(`/applications/${applicationObjectId}`).get()) as Obj).appId,
      applicationId,
    )
    const job = (await graph.api(`${sync()}/jobs/${jobId}`).get()) as { templateId: string; schedule: Obj }
    assert.equal(job.templateId, 'Azure2Azure')
    assert.equal(job.schedule.state, 'Disabled', 'SyncStart starts it')
    const secrets = (await graph.api(`${sync()}/secrets`).get()) as {
      value: { key: string; value: string }[]
    }
    const notify = secrets.value.find((s) => s.key === 'SyncNotificationSettings')!.value
    assert.equal(typeof notify, 'string', 'Graph takes the notification settings JSON-encoded')
    assert.deepEqual(JSON.parse(notify), inputs().secrets.SyncNotificationSettings)
    const live = await schema()
    assert.equal(userMapping(live).flowTypes, 'Add, Update')
    assert.deepEqual(mapping(live, 'userType')?.source, constant('Guest'))
    assert.equal(mapping(live, 'showInAddressList')?.flowType, 'Always')
    assert.equal(mapping(live, 'isSoftDeleted'), undefined)
    assert.equal(mapping(live, 'alternativeSecurityIds')?.matchingPriority, 1, 'the rest is as Entra made it')
  })

  it('reads schema and secrets edited by hand as drift, and update puts them back', async () => {
    const edited = await schema()
    delete edited['@odata.context']
    userMapping(edited).flowTypes = 'Add, Update, Delete'
    mapping(edited, 'userType')!.flowType = 'ObjectAddOnly'
    await graph.api(`${sync()}/jobs/${jobId}/schema`).put(edited)
    const secrets = { ...inputs().secrets, SyncAll: 'true', SyncNotificationSettings: '{"Enabled":false}' }
    await graph.api(`${sync()}/secrets`).put({
      value: Object.entries(secrets).map(([key, value]) => ({ key, value })),
    })
    const read = await configurations.read(id, outs)
    assert.equal(read.inputs?.schema.flowTypes, 'Add, Update, Delete')
    assert.equal(read.inputs?.schema.userTypeFlowType, 'ObjectAddOnly')
    assert.equal(read.inputs?.secrets.SyncAll, 'true')
    assert.deepEqual(read.inputs?.secrets.SyncNotificationSettings, { Enabled: false })
    const repaired = await configurations.update(id, read.props!, inputs())
    outs = repaired.outs!
    assert.deepEqual(repaired.outs?.schema, inputs().schema)
    assert.deepEqual(repaired.outs?.secrets, inputs().secrets)
    assert.equal(userMapping(await schema()).flowTypes, 'Add, Update')
  })

  it('renames the application and service principal, and puts back a mapping no longer removed', async () => {
    const next = inputs({
      displayName: 'Contoso - Fabrikam',
      schema: { ...inputs().schema, removedAttributeMappings: [] },
    })
    const updated = await configurations.update(id, outs, next)
    assert.equal(updated.outs?.displayName, 'Contoso - Fabrikam')
    assert.equal(
      ((await graph.api(`/applications/${appObjectId}`).get()) as Obj).displayName,
      'Contoso - Fabrikam',
    )
    assert.equal(
      ((await graph.api(`/servicePrincipals/${spId}`).get()) as Obj).displayName,
      'Contoso - Fabrikam',
    )
    assert.equal((mapping(await schema(), 'isSoftDeleted')?.source as Obj | undefined)?.name, 'IsSoftDeleted')
    assert.deepEqual(updated.outs?.schema.removedAttributeMappings, [])
  })

  it('refuses an existing configuration for the same target, naming it, and adopts it when told', async () => {
    await assert.rejects(
      configurations.create(inputs()),
      new RegExp(
        `configuration to fabrikam .* in tenant contoso already exists as 'Contoso - Fabrikam' \\(service principal ${spId}\\) .* tenants\\.contoso\\.adopt: true`,
      ),
    )
    const adopted = await configurations.create(inputs({ adopt: true }))
    outs = adopted.outs!
    assert.equal(adopted.id, id, 'the same service principal and job')
    assert.equal(adopted.outs?.displayName, 'Contoso to Fabrikam')
    assert.deepEqual(adopted.outs?.schema, inputs().schema)
  })

  it('reads a job deleted by hand as gone; delete removes the application and its service principal', async () => {
    const props = (await configurations.read(id, outs)).props!
    await graph.api(`${sync()}/jobs/${jobId}`).delete()
    assert.deepEqual(await configurations.read(id, props), {}, 'a job deleted by hand reads as gone')
    await configurations.delete(id, props)
    assert.equal((await expectGraphError(graph.api(`/applications/${appObjectId}`).get())).statusCode, 404)
    assert.equal((await expectGraphError(graph.api(`/servicePrincipals/${spId}`).get())).statusCode, 404)
    assert.deepEqual(await configurations.read(id, props), {})
    await configurations.delete(id, props) // already gone: not an error
  })

  it('names Synchronization.ReadWrite.All when the app lacks it, and leaves no half-made application', async () => {
    const appOnly = await providerTenant(t, 'appOnly', ['Application.ReadWrite.All'])
    const provider = new SyncConfigurationProvider().useConnections(connectionsFor(t, [appOnly]))
    await assert.rejects(provider.create({ ...inputs(), tenant: appOnly.ref }), (error: Error) => {
      assert.match(error.message, /tenant appOnly \(.*\): create the synchronization job of the cross-tenant/)
      assert.match(
        error.message,
        /grant it the Microsoft Graph application permission Synchronization\.ReadWrite\.All/,
      )
      return true
    })
    const left = (await t.graph(appOnly.app).api('/servicePrincipals').get()) as { value: Obj[] }
    assert.deepEqual(left.value, [])
  })

  it('reports every input problem in check', async () => {
    const bad = {
      ...inputs(),
      partner: { alias: 'fabrikam', tenantId: contoso.ref.tenantId },
      displayName: ' ',
      secrets: {
        ...inputs().secrets,
        AuthenticationType: 'OAuth',
        SyncNotificationSettings: { Enabled: 'no' },
      },
      schema: {
        flowTypes: 'Delete',
        mail: '"x"',
        userType: '"Guest"',
        userTypeFlowType: 'Sometimes',
        removedAttributeMappings: ['manager'],
      },
    }
    const result = await configurations.check(inputs(), bad as never)
    assert.deepEqual(
      result.failures?.map((f) => `${f.property}: ${f.reason.split(' ')[0]}`),
      [
        'partner: a',
        'displayName: displayName',
        'secrets: secrets.AuthenticationType',
        'secrets: secrets.CompanyId',
        'secrets: secrets.SyncNotificationSettings.DeleteThresholdEnabled',
        'secrets: secrets.SyncNotificationSettings.HumanResourcesLookaheadQueryEnabled',
        'secrets: secrets.SyncNotificationSettings.Enabled',
        'schema: schema.mail',
        'schema: schema.flowTypes',
        'schema: schema.userTypeFlowType',
        'schema: schema.removedAttributeMappings',
      ],
    )
    assert.deepEqual((await configurations.check(inputs(), inputs())).failures, [])
  })
})
