// The cross-tenant sync application template, applications and service principals over the wire,
// through @azure/identity and the Microsoft Graph client.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'
import { ctsTemplateId, instantiateCts } from '../../../../test/support/syncFixture'

type Obj = Record<string, unknown>

describe('applications and service principals', () => {
  let t: TestEmulator
  let graph: Client
  let auditor: Client
  let tenantId: string

  before(async () => {
    t = await startTestEmulator()
    tenantId = (await t.createTenant({ displayName: 'Contoso' })).id
    graph = t.graph(await t.createApp(tenantId, ['Application.ReadWrite.All']))
    auditor = t.graph(await t.createApp(tenantId, ['AuditLog.Read.All']))
  })
  after(() => t.close())

  it('serves the cross-tenant sync template and 404s any other template id', async () => {
    const template = (await graph.api(`/applicationTemplates/${ctsTemplateId}`).get()) as Obj
    assert.equal(template.id, ctsTemplateId)
    assert.match(String(template.homePageUrl), /aad2aadsync/)
    const other = await expectGraphError(
      graph.api('/applicationTemplates/8adf8e6e-67b2-4cf2-a259-e3dc5476c621').get(),
    )
    assert.equal(other.statusCode, 404)
    assert.equal(other.code, 'Request_ResourceNotFound')
    const list = await expectGraphError(graph.api('/applicationTemplates').get())
    assert.equal(list.statusCode, 501)
    assert.equal(list.code, 'NotImplemented')
  })

  it('instantiates the template into an application and a service principal in the documented shape (201)', async () => {
    const created = await instantiateCts(graph, 'Fabrikam')
    assert.match(
      String(created['@odata.context']),
      /\$metadata#microsoft\.graph\.applicationServicePrincipal$/,
    )
    const { application: app, servicePrincipal: sp } = created
    assert.equal(app.applicationTemplateId, ctsTemplateId)
    assert.equal(app.displayName, 'Fabrikam')
    assert.equal(app.signInAudience, 'AzureADMyOrg')
    assert.deepEqual(app.tags, [])
    assert.equal((app.web as Obj).homePageUrl, sp.homepage)
    assert.match(String(sp.homepage), /metadata=aad2aadsync\|ISV9\.1\|primary\|z$/)
    assert.equal(sp.appId, app.appId)
    assert.equal(sp.applicationTemplateId, ctsTemplateId)
    assert.equal(sp.appRoleAssignmentRequired, true)
    assert.equal(sp.accountEnabled, true)
    assert.equal(sp.servicePrincipalType, 'Application')
    assert.deepEqual(sp.servicePrincipalNames, [app.appId])
    assert.deepEqual(sp.tags, ['WindowsAzureActiveDirectoryIntegratedApp'])
    const [appRole] = app.appRoles as Obj[]
    const [spRole] = sp.appRoles as Obj[]
    assert.equal(appRole!.displayName, 'msiam_access')
    assert.deepEqual(appRole!.allowedMemberTypes, ['User'])
    assert.equal(appRole!.value, null)
    assert.equal(appRole!.origin, 'Application')
    assert.deepEqual(spRole, appRole, 'the same msiam_access role, with the same id, on both')
    const scopes = (app.api as Obj).oauth2PermissionScopes as Obj[]
    assert.equal(scopes[0]!.value, 'user_impersonation')

    const again = await instantiateCts(graph, 'Fabrikam')
    assert.notEqual(
      (again.servicePrincipal.appRoles as Obj[])[0]!.id,
      spRole!.id,
      'a fresh role id per instance',
    )
  })

  it('refuses an instantiate body without displayName or with unknown members (400)', async () => {
    const missing = await expectGraphError(
      graph.api(`/applicationTemplates/${ctsTemplateId}/instantiate`).post({}),
    )
    assert.equal(missing.statusCode, 400)
    assert.equal(missing.code, 'Request_BadRequest')
    const unknown = await expectGraphError(
      graph
        .api(`/applicationTemplates/${ctsTemplateId}/instantiate`)
        .post({ displayName: 'x', color: 'red' }),
    )
    assert.equal(unknown.statusCode, 400)
    assert.match(unknown.message, /'color' does not exist/)
  })

  it('refuses callers without an application permission with 403 Authorization_RequestDenied', async () => {
    const users = t.graph(await t.createApp(tenantId, ['User.Read.All']))
    const error = await expectGraphError(instantiateCts(users, 'Nope'))
    assert.equal(error.statusCode, 403)
    assert.equal(error.code, 'Authorization_RequestDenied')
    assert.equal((await expectGraphError(users.api('/servicePrincipals').get())).statusCode, 403)
    const reader = t.graph(await t.createApp(tenantId, ['Application.Read.All']))
    assert.equal((await expectGraphError(instantiateCts(reader, 'Nope'))).statusCode, 403)
  })

  it('gets applications and service principals by id, with $select, and 404s unknown ids', async () => {
    const { application, servicePrincipal } = await instantiateCts(graph, 'Northwind')
    const app = (await graph.api(`/applications/${String(application.id)}`).get()) as Obj
    assert.deepEqual({ ...app, '@odata.context': undefined }, { ...application, '@odata.context': undefined })
    const sp = (await graph
      .api(`/servicePrincipals/${String(servicePrincipal.id)}`)
      .select(['appId', 'appRoleAssignmentRequired'])
      .get()) as Obj
    assert.deepEqual(Object.keys(sp).sort(), ['@odata.context', 'appId', 'appRoleAssignmentRequired'])
    const missing = await expectGraphError(
      graph.api('/servicePrincipals/00000000-0000-0000-0000-0000000000aa').get(),
    )
    assert.equal(missing.statusCode, 404)
    assert.equal(missing.code, 'Request_ResourceNotFound')
    const bad = await expectGraphError(graph.api('/applications/not-a-guid').get())
    assert.equal(bad.statusCode, 400)
    const select = await expectGraphError(
      graph
        .api(`/applications/${String(application.id)}`)
        .select('colour')
        .get(),
    )
    assert.equal(select.statusCode, 400)
  })

  it('lists service principals and applications a page at a time, following @odata.nextLink', async () => {
    const all = (await graph.api('/servicePrincipals').get()) as { value: Obj[] }
    assert.ok(all.value.length >= 3)
    const first = (await graph.api('/servicePrincipals').top(1).select('id,displayName').get()) as Obj
    assert.equal((first.value as Obj[]).length, 1)
    assert.deepEqual(Object.keys((first.value as Obj[])[0]!).sort(), ['displayName', 'id'])
    const seen = [...(first.value as Obj[])]
    let next = first['@odata.nextLink'] as string | undefined
    while (next !== undefined) {
      const page = (await graph.api(next).get()) as Obj
      seen.push(...(page.value as Obj[]))
      next = page['@odata.nextLink'] as string | undefined
    }
    assert.deepEqual(
      seen.map((s) => s.id),
      all.value.map((s) => s.id),
    )
    const apps = (await graph.api('/applications').top(2).get()) as Obj
    assert.equal((apps.value as Obj[]).length, 2)
    assert.ok(apps['@odata.nextLink'])
    const appId = String(all.value[0]!.appId)
    const filtered = (await graph.api('/servicePrincipals').filter(`appId eq '${appId}'`).get()) as {
      value: Obj[]
    }
    assert.deepEqual(
      filtered.value.map((s) => s.appId),
      [appId],
    )
  })

  it('updates a service principal and an application (204), refusing read-only, unsupported and unknown properties', async () => {
    const { application, servicePrincipal } = await instantiateCts(graph, 'Litware')
    const spPath = `/servicePrincipals/${String(servicePrincipal.id)}`
    await graph.api(spPath).patch({ appRoleAssignmentRequired: false, notes: 'sync config' })
    const sp = (await graph.api(spPath).get()) as Obj
    assert.equal(sp.appRoleAssignmentRequired, false)
    assert.equal(sp.notes, 'sync config')
    const appPath = `/applications/${String(application.id)}`
    await graph
      .api(appPath)
      .patch({ displayName: 'Litware sync', web: { logoutUrl: 'https://litware.example/out' } })
    const app = (await graph.api(appPath).get()) as Obj
    assert.equal(app.displayName, 'Litware sync')
    assert.equal((app.web as Obj).logoutUrl, 'https://litware.example/out')
    assert.match(String((app.web as Obj).homePageUrl), /aad2aadsync/, 'web members not named are kept')

    const readOnly = await expectGraphError(
      graph.api(spPath).patch({ appId: '00000000-0000-0000-0000-000000000001' }),
    )
    assert.equal(readOnly.statusCode, 400)
    assert.equal(readOnly.code, 'Request_BadRequest')
    const unsupported = await expectGraphError(graph.api(appPath).patch({ requiredResourceAccess: [] }))
    assert.equal(unsupported.statusCode, 501)
    assert.equal(unsupported.code, 'NotImplemented')
    const unknown = await expectGraphError(graph.api(spPath).patch({ favourite: true }))
    assert.equal(unknown.statusCode, 400)
    const wrongType = await expectGraphError(graph.api(spPath).patch({ accountEnabled: 'yes' }))
    assert.equal(wrongType.statusCode, 400)
  })

  it('deletes a service principal (204), and an application together with its service principal', async () => {
    const one = await instantiateCts(graph, 'Delete me')
    await graph.api(`/servicePrincipals/${String(one.servicePrincipal.id)}`).delete()
    assert.equal(
      (await expectGraphError(graph.api(`/servicePrincipals/${String(one.servicePrincipal.id)}`).get()))
        .statusCode,
      404,
    )
    assert.ok(await graph.api(`/applications/${String(one.application.id)}`).get())

    const two = await instantiateCts(graph, 'Delete us')
    await graph.api(`/applications/${String(two.application.id)}`).delete()
    assert.equal(
      (await expectGraphError(graph.api(`/applications/${String(two.application.id)}`).get())).statusCode,
      404,
    )
    assert.equal(
      (await expectGraphError(graph.api(`/servicePrincipals/${String(two.servicePrincipal.id)}`).get()))
        .statusCode,
      404,
    )
    const again = await expectGraphError(graph.api(`/applications/${String(two.application.id)}`).delete())
    assert.equal(again.statusCode, 404)
  })

  it('lets an Application.ReadWrite.OwnedBy app manage only what it created', async () => {
    const ownerApp = t.graph(await t.createApp(tenantId, ['Application.ReadWrite.OwnedBy']))
    const otherApp = t.graph(await t.createApp(tenantId, ['Application.ReadWrite.OwnedBy']))
    const mine = await instantiateCts(ownerApp, 'Owned')
    const spPath = `/servicePrincipals/${String(mine.servicePrincipal.id)}`
    await ownerApp.api(spPath).patch({ notes: 'mine' })
    const denied = await expectGraphError(otherApp.api(spPath).patch({ notes: 'theirs' }))
    assert.equal(denied.statusCode, 403)
    assert.equal(denied.code, 'Authorization_RequestDenied')
    const listed = (await ownerApp.api('/servicePrincipals').get()) as { value: Obj[] }
    assert.deepEqual(
      listed.value.map((s) => s.id),
      [mine.servicePrincipal.id],
    )
    assert.deepEqual(((await otherApp.api('/applications').get()) as { value: Obj[] }).value, [])
  })

  it('records ApplicationManagement audit entries for every change', async () => {
    const audits = (await auditor.api('/auditLogs/directoryAudits').top(999).get()) as { value: Obj[] }
    const activities = new Set(
      audits.value.filter((a) => a.category === 'ApplicationManagement').map((a) => a.activityDisplayName),
    )
    for (const name of [
      'Add application',
      'Add service principal',
      'Update service principal',
      'Update application',
      'Delete service principal',
      'Delete application',
    ])
      assert.ok(activities.has(name), `expected an audit entry '${name}'`)
  })
})
