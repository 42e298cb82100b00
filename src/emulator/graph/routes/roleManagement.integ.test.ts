// Unified role management over the wire: the built-in role definitions, assignments (create, list with
// $filter, read, delete, the refusals), and what a role scoped to a restricted management unit allows: an
// app holding Groups Administrator over the unit may change the unit's groups; a tenant-wide assignment,
// a role that does not manage groups, or a scope on another unit does not.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'

type Json = Record<string, unknown>
const groupsAdministrator = 'fdd7a751-b60b-444a-984c-02652fe8fa1c'
const globalAdministrator = '62e90394-69f5-4237-9190-012177145e10'
const assignments = '/roleManagement/directory/roleAssignments'
const units = '/directory/administrativeUnits'
const ref = (id: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` })

describe('role management', () => {
  let t: TestEmulator
  let tenantId: string
  let admin: Client // RoleManagement, units, service principal reads
  let writer: Client // the app whose rights over the restricted group are tested
  let writerSp: string
  let unitId: string
  let otherUnitId: string
  let groupId: string
  let userId: string

  const assign = (roleDefinitionId: string, directoryScopeId: string, principalId = writerSp) =>
    admin.api(assignments).post({ roleDefinitionId, principalId, directoryScopeId }) as Promise<Json>
  const tryWrite = () => writer.api(`/groups/${groupId}/members/$ref`).post(ref(userId))

  before(async () => {
    t = await startTestEmulator()
    tenantId = (await t.createTenant({ displayName: 'Roles' })).id
    admin = t.graph(
      await t.createApp(tenantId, ['RoleManagement.ReadWrite.Directory', 'AdministrativeUnit.ReadWrite.All']),
    )
    const writerApp = await t.createApp(tenantId, ['Group.ReadWrite.All'])
    writer = t.graph(writerApp)
    writerSp = writerApp.servicePrincipalId!
    unitId = String(
      ((await admin.api(units).post({ displayName: 'Scope', isMemberManagementRestricted: true })) as Json)
        .id,
    )
    otherUnitId = String(
      ((await admin.api(units).post({ displayName: 'Other', isMemberManagementRestricted: true })) as Json)
        .id,
    )
    const made = await t.admin<{ value: Json[] }>('POST', `/tenants/${tenantId}/groups`, {
      groups: [{ displayName: 'Scoping' }],
    })
    groupId = String(made.body.value[0]!.id)
    const users = await t.admin<{ value: Json[] }>('POST', `/tenants/${tenantId}/users`, {
      users: [{ displayName: 'Member' }],
    })
    userId = String(users.body.value[0]!.id)
    await admin.api(`${units}/${unitId}/members/$ref`).post(ref(groupId))
  })
  after(() => t.close())

  it('serves the built-in role definitions by id', async () => {
    const list = (await admin.api('/roleManagement/directory/roleDefinitions').get()) as { value: Json[] }
    assert.ok(list.value.some((r) => r.displayName === 'Groups Administrator' && r.isBuiltIn === true))
    const one = (await admin
      .api(`/roleManagement/directory/roleDefinitions/${groupsAdministrator}`)
      .get()) as Json
    assert.equal(one.templateId, groupsAdministrator)
    const missing = await expectGraphError(
      admin.api('/roleManagement/directory/roleDefinitions/0f0e0d0c-0b0a-4909-8807-060504030201').get(),
    )
    assert.equal(missing.statusCode, 404)
  })

  it('lets only a group-managing role scoped to the restricted unit change its group', async () => {
    assert.equal((await expectGraphError(tryWrite())).statusCode, 403, 'no role')
    const tenantWide = await assign(groupsAdministrator, '/')
    assert.equal((await expectGraphError(tryWrite())).statusCode, 403, 'a tenant-wide role does not count')
    const elsewhere = await assign(groupsAdministrator, `/administrativeUnits/${otherUnitId}`)
    assert.equal(
      (await expectGraphError(tryWrite())).statusCode,
      403,
      'a role over another unit does not count',
    )
    const scoped = await assign(groupsAdministrator, `/administrativeUnits/${unitId}`)
    assert.equal(scoped.directoryScopeId, `/administrativeUnits/${unitId}`)
    assert.match(String(scoped.id), /^[A-Za-z0-9_-]{43}-1$/)
    await tryWrite()
    await writer.api(`/groups/${groupId}/members/${userId}/$ref`).delete()

    const filtered = (await admin
      .api(assignments)
      .filter(`principalId eq '${writerSp}' and directoryScopeId eq '/administrativeUnits/${unitId}'`)
      .get()) as { value: Json[] }
    assert.deepEqual(
      filtered.value.map((a) => a.id),
      [scoped.id],
    )
    assert.equal(
      ((await admin.api(`${assignments}/${String(scoped.id)}`).get()) as Json).principalId,
      writerSp,
    )

    const duplicate = await expectGraphError(assign(groupsAdministrator, `/administrativeUnits/${unitId}`))
    assert.equal(duplicate.statusCode, 409)

    for (const a of [scoped, tenantWide, elsewhere])
      await admin.api(`${assignments}/${String(a.id)}`).delete()
    assert.equal((await expectGraphError(tryWrite())).statusCode, 403, 'removed again')
    const gone = await expectGraphError(admin.api(`${assignments}/${String(scoped.id)}`).get())
    assert.equal(gone.statusCode, 404)
    const audits = t.emulator.store
      .tenant(tenantId)
      .audits()
      .filter((a) => a.category === 'RoleManagement')
      .map((a) => a.activityDisplayName)
    assert.ok(audits.includes('Add member to role scoped over Restricted Management Administrative Unit'))
    assert.ok(
      audits.includes('Remove member from role scoped over Restricted Management Administrative Unit'),
    )
  })

  it('refuses an unknown role or principal, a missing unit, a role that cannot be scoped to a unit, and writes without the permission', async () => {
    const missing = '0f0e0d0c-0b0a-4909-8807-060504030201'
    const cases: [string, Promise<unknown>][] = [
      ['unknown role', assign(missing, '/')],
      ['unknown principal', assign(groupsAdministrator, '/', missing)],
      ['missing unit', assign(groupsAdministrator, `/administrativeUnits/${missing}`)],
      ['unit-scoped Global Administrator', assign(globalAdministrator, `/administrativeUnits/${unitId}`)],
      [
        'unknown property',
        admin.api(assignments).post({
          roleDefinitionId: groupsAdministrator,
          principalId: writerSp,
          directoryScopeId: '/',
          colour: 1,
        }),
      ],
    ]
    for (const [what, call] of cases) assert.equal((await expectGraphError(call)).statusCode, 400, what)
    const appScope = await expectGraphError(assign(groupsAdministrator, `/${missing}`))
    assert.equal(appScope.statusCode, 501)
    const denied = await expectGraphError(
      writer
        .api(assignments)
        .post({ roleDefinitionId: groupsAdministrator, principalId: writerSp, directoryScopeId: '/' }),
    )
    assert.equal(denied.statusCode, 403)
    const listed = (await admin.api(assignments).get()) as { value: Json[] }
    assert.deepEqual(listed.value, [], 'nothing was stored by the refused requests')
  })
})
