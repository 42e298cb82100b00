// Directory audit logs read back through the Graph client after changes made through it.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client, GraphError } from '@microsoft/microsoft-graph-client'
import { startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'

interface Audit {
  id: string
  category: string
  activityDisplayName: string
  activityDateTime: string
  loggedByService: string
  initiatedBy: { app: { appId: string } }
  targetResources: { id: string; modifiedProperties: { displayName: string; newValue: string | null }[] }[]
}

describe('directory audit logs', () => {
  let t: TestEmulator
  let writer: Client
  let auditor: Client
  let writerAppId: string
  const partner = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'

  before(async () => {
    t = await startTestEmulator()
    const tenant = await t.createTenant({ displayName: 'Audited' })
    const writerApp = await t.createApp(tenant.id, ['Policy.ReadWrite.CrossTenantAccess'])
    writerAppId = writerApp.appId
    writer = t.graph(writerApp)
    auditor = t.graph(await t.createApp(tenant.id, ['AuditLog.Read.All']))
    await writer.api('/policies/crossTenantAccessPolicy/partners').post({ tenantId: partner })
    await t.admin('POST', '/clock/advance', { seconds: 1 })
    await writer
      .api(`/policies/crossTenantAccessPolicy/partners/${partner}/identitySynchronization`)
      .put({ userSyncInbound: { isSyncAllowed: true } })
    await t.admin('POST', '/clock/advance', { seconds: 1 })
    await writer
      .api(`/policies/crossTenantAccessPolicy/partners/${partner}`)
      .patch({ inboundTrust: { isMfaAccepted: true } })
  })
  after(() => t.close())

  it('lists the changes newest first, with category, service, initiating app and target', async () => {
    const audits = ((await auditor.api('/auditLogs/directoryAudits').get()) as { value: Audit[] }).value
    assert.deepEqual(
      audits.map((a) => [a.category, a.activityDisplayName]),
      [
        ['CrossTenantAccessSettings', 'Update a partner cross-tenant access setting'],
        ['CrossTenantIdentitySyncSettings', 'Create a partner cross-tenant identity sync setting'],
        ['CrossTenantAccessSettings', 'Add a partner to cross-tenant access setting'],
      ],
    )
    const update = audits[0]!
    assert.equal(update.loggedByService, 'Core Directory')
    assert.equal(update.initiatedBy.app.appId, writerAppId)
    assert.equal(update.targetResources[0]!.id, partner)
    assert.deepEqual(update.targetResources[0]!.modifiedProperties, [
      { displayName: 'inboundTrust', oldValue: 'null', newValue: '{"isMfaAccepted":true}' },
    ])
  })

  it('orders ascending on request and pages with $top', async () => {
    const first = (await auditor
      .api('/auditLogs/directoryAudits')
      .orderby('activityDateTime asc')
      .top(2)
      .get()) as { value: Audit[]; '@odata.nextLink'?: string }
    assert.equal(first.value[0]!.activityDisplayName, 'Add a partner to cross-tenant access setting')
    assert.equal(first.value.length, 2)
    const second = (await auditor.api(first['@odata.nextLink']!).get()) as {
      value: Audit[]
      '@odata.nextLink'?: string
    }
    assert.equal(second.value.length, 1)
    assert.equal(second['@odata.nextLink'], undefined)
  })

  it('reads one record by id and 404s an unknown one', async () => {
    const [latest] = ((await auditor.api('/auditLogs/directoryAudits').top(1).get()) as { value: Audit[] })
      .value
    const one = (await auditor.api(`/auditLogs/directoryAudits/${latest!.id}`).get()) as Audit
    assert.equal(one.id, latest!.id)
    await assert.rejects(
      auditor.api('/auditLogs/directoryAudits/Directory_nope').get(),
      (error: GraphError) => error.statusCode === 404,
    )
  })

  it('filters by category, activity prefix, initiating app and target, and refuses unknown properties', async () => {
    const list = async (filter: string): Promise<string[]> =>
      (
        (await auditor.api('/auditLogs/directoryAudits').filter(filter).get()) as { value: Audit[] }
      ).value.map((a) => a.activityDisplayName)
    assert.deepEqual(await list("category eq 'CrossTenantIdentitySyncSettings'"), [
      'Create a partner cross-tenant identity sync setting',
    ])
    assert.equal((await list("startswith(activityDisplayName,'Add a partner')")).length, 1)
    assert.equal((await list(`initiatedBy/app/appId eq '${writerAppId}'`)).length, 3)
    assert.equal((await list(`targetResources/any(t:t/id eq '${partner}')`)).length, 3)
    assert.deepEqual(await list("targetResources/any(t:t/id eq 'someone-else')"), [])
    await assert.rejects(
      auditor.api('/auditLogs/directoryAudits').filter("colour eq 'red'").get(),
      (error: GraphError) => error.statusCode === 400,
    )
  })

  it('refuses a caller without AuditLog.Read.All', async () => {
    await assert.rejects(
      writer.api('/auditLogs/directoryAudits').get(),
      (error: GraphError) => error.statusCode === 403 && error.code === 'Authorization_RequestDenied',
    )
  })
})
