// UnitRoleAssignment provider against the emulator, called as the engine calls it: without the role the
// app cannot change a group in its restricted unit; create gives the app Groups Administrator over the
// unit and then it can; a removal by hand reads as gone; an existing assignment is refused unless
// adopted; delete is idempotent; a missing permission is named; check reports every input problem.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { startTestEmulator, type TestEmulator } from '../../../test/support/emulator'
import { connectionsFor, providerTenant, type ProviderTenant } from '../../../test/support/providers'
import type { Connections } from '../shared/connections'
import { AdministrativeUnitProvider } from './administrativeUnit'
import { ScopingGroupProvider, type ScopingGroupInputs } from './scopingGroup'
import {
  builtInRoleIds,
  UnitRoleAssignmentProvider,
  type UnitRoleAssignmentInputs,
} from './unitRoleAssignment'

type Json = Record<string, unknown>
const assignments = '/roleManagement/directory/roleAssignments'

describe('UnitRoleAssignment provider', () => {
  let t: TestEmulator
  let contoso: ProviderTenant
  let connections: Connections
  let roles: UnitRoleAssignmentProvider
  let groups: ScopingGroupProvider
  let graph: Client
  let upns: string[]
  let unitId: string
  let group: { id: string; inputs: ScopingGroupInputs }
  let created: { id: string; assignmentId: string; principalId: string }

  before(async () => {
    t = await startTestEmulator()
    contoso = await providerTenant(t, 'contoso', [
      'Group.ReadWrite.All',
      'User.Read.All',
      'AdministrativeUnit.ReadWrite.All',
      'RoleManagement.ReadWrite.Directory',
    ])
    const reply = await t.admin<{ value: Json[] }>('POST', `/tenants/${contoso.ref.tenantId}/users`, {
      users: [{ displayName: 'Ada' }, { displayName: 'Ben' }, { displayName: 'Cy' }],
    })
    upns = reply.body.value.map((u) => String(u.userPrincipalName)).sort()
    connections = connectionsFor(t, [contoso])
    roles = new UnitRoleAssignmentProvider().useConnections(connections)
    groups = new ScopingGroupProvider().useConnections(connections)
    graph = t.graph(contoso.app)
    const unit = await new AdministrativeUnitProvider().useConnections(connections).create({
      tenant: contoso.ref,
      displayName: 'Contoso synchronization scope',
      description: null,
      isMemberManagementRestricted: true,
      adopt: false,
    })
    unitId = unit.outs!.administrativeUnitId
    const inputs: ScopingGroupInputs = {
      tenant: contoso.ref,
      displayName: 'Scope',
      description: null,
      mailNickname: 'sync-out',
      members: upns.slice(0, 2),
      administrativeUnitId: unitId,
      adopt: false,
    }
    const made = await groups.create(inputs)
    group = { id: made.id, inputs }
  })
  after(() => t.close())

  const inputs = (adopt = false): UnitRoleAssignmentInputs => ({
    tenant: contoso.ref,
    administrativeUnitId: unitId,
    roleDefinitionId: builtInRoleIds.groupsAdministrator,
    adopt,
  })
  const changeMembers = (members: string[]) =>
    groups.update(group.id, { ...group.inputs, groupId: '' }, { ...group.inputs, members })

  it('gives the app Groups Administrator over the unit, which lets it change the restricted group', async () => {
    await assert.rejects(changeMembers(upns), /restricted management administrative unit/)
    const result = await roles.create(inputs())
    const { assignmentId, principalId } = result.outs!
    assert.equal(result.id, `${contoso.ref.tenantId}/roleAssignments/${assignmentId}`)
    assert.deepEqual(result.outs, { ...inputs(), assignmentId, principalId })
    const live = (await graph.api(`${assignments}/${assignmentId}`).get()) as Json
    assert.equal(live.directoryScopeId, `/administrativeUnits/${unitId}`)
    // The holder is the app the provider signs in as.
    assert.equal(principalId, contoso.app.servicePrincipalId)
    const changed = await changeMembers(upns)
    assert.deepEqual(changed.outs?.members, upns)
    created = { id: result.id, assignmentId, principalId }
  })

  it('reads its live state in the program shape, and nothing once removed by hand', async () => {
    const outs = { ...inputs(), assignmentId: created.assignmentId, principalId: created.principalId }
    const read = await roles.read(created.id, outs)
    assert.deepEqual(read.inputs, inputs())
    assert.deepEqual(read.props, outs)
    await graph.api(`${assignments}/${created.assignmentId}`).delete()
    assert.deepEqual(await roles.read(created.id, outs), {})
    await assert.rejects(changeMembers(upns.slice(0, 1)), /restricted management administrative unit/)
  })

  it('refuses an assignment that already exists unless the tenant is adopted', async () => {
    const first = await roles.create(inputs())
    await assert.rejects(
      roles.create(inputs()),
      (e: Error) =>
        e.message.includes(`(assignment ${first.outs!.assignmentId}) and is not managed by this stack`) &&
        e.message.includes('tenants.contoso.adopt: true'),
    )
    const adopted = await roles.create(inputs(true))
    assert.equal(adopted.id, first.id)
    await roles.delete(first.id, adopted.outs!)
    await roles.delete(first.id, adopted.outs!) // gone already is fine
    const left = (await graph.api(assignments).get()) as { value: Json[] }
    assert.deepEqual(left.value, [])
  })

  it('names the tenant, the operation and the permission to grant when the app lacks it', async () => {
    const weak = await providerTenant(t, 'fabrikam', ['AdministrativeUnit.ReadWrite.All'])
    const provider = new UnitRoleAssignmentProvider().useConnections(connectionsFor(t, [weak]))
    const unit = (await t
      .graph(weak.app)
      .api('/directory/administrativeUnits')
      .post({ displayName: 'Scope', isMemberManagementRestricted: true })) as Json
    await assert.rejects(
      provider.create({ ...inputs(), tenant: weak.ref, administrativeUnitId: String(unit.id) }),
      /tenant fabrikam .*create the role .* over administrative unit .*RoleManagement\.ReadWrite\.Directory/s,
    )
  })

  it('reports every input problem in check', async () => {
    const result = await roles.check(inputs(), {
      tenant: { alias: '', tenantId: 'x', cloud: 'global' },
      administrativeUnitId: 'unit',
      roleDefinitionId: 42 as never,
      adopt: 'yes' as never,
    })
    assert.deepEqual(
      result.failures?.map((f) => f.property).sort(),
      ['adopt', 'administrativeUnitId', 'roleDefinitionId', 'tenant', 'tenant'].sort(),
    )
  })
})
