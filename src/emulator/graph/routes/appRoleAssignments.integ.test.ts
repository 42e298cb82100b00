// App role assignments on the cross-tenant sync service principal, over the wire. Principals are
// users and groups made through the admin API, and another service principal.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'
import { instantiateCts } from '../../../../test/support/syncFixture'

type Obj = Record<string, unknown>

describe('app role assignments (appRoleAssignedTo)', () => {
  let t: TestEmulator
  let graph: Client
  let tenantId: string
  let sp: Obj
  let other: Obj
  let roleId: string
  let users: Obj[]
  let group: Obj
  const path = () => `/servicePrincipals/${String(sp.id)}/appRoleAssignedTo`

  before(async () => {
    t = await startTestEmulator()
    tenantId = (await t.createTenant({ displayName: 'Contoso' })).id
    graph = t.graph(
      await t.createApp(tenantId, [
        'Application.ReadWrite.All',
        'AppRoleAssignment.ReadWrite.All',
        'AuditLog.Read.All',
      ]),
    )
    sp = (await instantiateCts(graph, 'Fabrikam')).servicePrincipal
    other = (await instantiateCts(graph, 'Another configuration')).servicePrincipal
    roleId = String((sp.appRoles as Obj[])[0]!.id)
    const created = await t.admin<{ value: Obj[] }>('POST', `/tenants/${tenantId}/users`, {
      users: [
        { displayName: 'Adele Vance' },
        { displayName: 'Alex Wilber' },
        { displayName: 'Diego Siciliani' },
      ],
    })
    assert.equal(created.status, 201)
    users = created.body.value
    const groups = await t.admin<{ value: Obj[] }>('POST', `/tenants/${tenantId}/groups`, {
      groups: [{ displayName: 'Sync scope', mailNickname: 'syncscope', securityEnabled: true }],
    })
    assert.equal(groups.status, 201, JSON.stringify(groups.body))
    group = groups.body.value[0]!
  })
  after(() => t.close())

  const assign = (principalId: unknown, appRoleId: unknown = roleId, resourceId: unknown = sp.id) =>
    graph.api(path()).post({ principalId, resourceId, appRoleId }) as Promise<Obj>

  it('assigns a user to msiam_access (201) in the documented shape', async () => {
    const user = users[0]!
    const assignment = await assign(user.id)
    assert.match(String(assignment['@odata.context']), /appRoleAssignedTo\/\$entity$/)
    assert.equal(typeof assignment.id, 'string')
    assert.equal(assignment.appRoleId, roleId)
    assert.equal(assignment.principalId, user.id)
    assert.equal(assignment.principalType, 'User')
    assert.equal(assignment.principalDisplayName, 'Adele Vance')
    assert.equal(assignment.resourceId, sp.id)
    assert.equal(assignment.resourceDisplayName, 'Fabrikam')
    assert.equal(assignment.deletedDateTime, null)
    assert.match(String(assignment.createdDateTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
  })

  it('assigns a group and a service principal, typing the principal', async () => {
    assert.equal((await assign(group.id)).principalType, 'Group')
    assert.equal((await assign(other.id)).principalType, 'ServicePrincipal')
  })

  it('refuses a duplicate assignment with 400 Request_BadRequest "Permission being assigned already exists on the object."', async () => {
    const error = await expectGraphError(assign(users[0]!.id))
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'Request_BadRequest')
    assert.equal(error.message, 'Permission being assigned already exists on the object.')
  })

  it('refuses an app role the service principal does not define with 400 "Permission being assigned was not found on application."', async () => {
    const error = await expectGraphError(assign(users[1]!.id, '11111111-2222-3333-4444-555555555555'))
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'Request_BadRequest')
    assert.equal(error.message, 'Permission being assigned was not found on application.')
    const otherRole = String((other.appRoles as Obj[])[0]!.id)
    assert.equal(
      (await expectGraphError(assign(users[1]!.id, otherRole))).message,
      'Permission being assigned was not found on application.',
    )
  })

  it('refuses a resourceId other than the service principal in the URL (400)', async () => {
    const error = await expectGraphError(assign(users[1]!.id, roleId, other.id))
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'Request_BadRequest')
  })

  it('answers 404 Request_ResourceNotFound for a principal that does not exist', async () => {
    const error = await expectGraphError(assign('0a0a0a0a-0000-4000-8000-000000000001'))
    assert.equal(error.statusCode, 404)
    assert.equal(error.code, 'Request_ResourceNotFound')
  })

  it('refuses bodies with missing, malformed or read-only members (400)', async () => {
    const missing = await expectGraphError(
      graph.api(path()).post({ principalId: users[1]!.id, resourceId: sp.id }),
    )
    assert.equal(missing.statusCode, 400)
    const malformed = await expectGraphError(assign('not-a-guid'))
    assert.equal(malformed.statusCode, 400)
    const readOnly = await expectGraphError(
      graph
        .api(path())
        .post({ principalId: users[1]!.id, resourceId: sp.id, appRoleId: roleId, principalType: 'User' }),
    )
    assert.equal(readOnly.statusCode, 400)
  })

  it('lists the assignments a page at a time', async () => {
    const all = (await graph.api(path()).get()) as { value: Obj[] }
    assert.deepEqual(
      all.value.map((a) => a.principalType),
      ['User', 'Group', 'ServicePrincipal'],
    )
    const first = (await graph.api(path()).top(2).get()) as Obj
    assert.equal((first.value as Obj[]).length, 2)
    const second = (await graph.api(String(first['@odata.nextLink'])).get()) as Obj
    assert.equal((second.value as Obj[]).length, 1)
    assert.equal(second['@odata.nextLink'], undefined)
  })

  it('deletes an assignment (204) and 404s it afterwards', async () => {
    const assignment = await assign(users[2]!.id)
    await graph.api(`${path()}/${String(assignment.id)}`).delete()
    const listed = (await graph.api(path()).get()) as { value: Obj[] }
    assert.ok(!listed.value.some((a) => a.id === assignment.id))
    const again = await expectGraphError(graph.api(`${path()}/${String(assignment.id)}`).delete())
    assert.equal(again.statusCode, 404)
    assert.equal(again.code, 'Request_ResourceNotFound')
    assert.ok(await assign(users[2]!.id), 'the principal can be assigned again')
  })

  it('refuses callers without AppRoleAssignment.ReadWrite.All with 403 Authorization_RequestDenied', async () => {
    const appWriter = t.graph(await t.createApp(tenantId, ['Application.ReadWrite.All']))
    const error = await expectGraphError(
      appWriter.api(path()).post({ principalId: users[1]!.id, resourceId: sp.id, appRoleId: roleId }),
    )
    assert.equal(error.statusCode, 403)
    assert.equal(error.code, 'Authorization_RequestDenied')
    assert.ok(await appWriter.api(path()).get(), 'reading needs an application read permission only')
  })

  it('records audit entries named after the principal type', async () => {
    const audits = (await graph.api('/auditLogs/directoryAudits').top(999).get()) as { value: Obj[] }
    const seen = audits.value.map((a) => `${String(a.category)}/${String(a.activityDisplayName)}`)
    for (const entry of [
      'UserManagement/Add app role assignment grant to user',
      'GroupManagement/Add app role assignment to group',
      'ApplicationManagement/Add app role assignment to service principal',
      'UserManagement/Remove app role assignment from user',
    ])
      assert.ok(seen.includes(entry), `expected an audit entry ${entry}`)
  })
})
