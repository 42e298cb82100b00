// PATCH /groups/{id} over the wire: property updates (204), the rules on immutable properties, and
// members@odata.bind with at most 20 entries, added all together or not at all.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, type TestEmulator } from '../../../../test/support/emulator'
import {
  createUsers,
  memberIds,
  missingId,
  ref,
  securityGroup,
  startGroupsEmulator,
} from '../../../../test/support/groupsFixture'

type Json = Record<string, unknown>

describe('PATCH /groups/{id}', () => {
  let t: TestEmulator
  let graph: Client
  let tenantId: string

  before(async () => {
    ;({ t, graph, tenantId } = await startGroupsEmulator())
  })
  after(() => t.close())

  it('updates properties with PATCH 204 and records "Update group"', async () => {
    const created = (await graph.api('/groups').post(securityGroup('Before'))) as Json
    const id = String(created.id)
    assert.equal(
      await graph.api(`/groups/${id}`).patch({ displayName: 'After', description: 'Changed' }),
      undefined,
    )
    const read = (await graph.api(`/groups/${id}`).get()) as Json
    assert.equal(read.displayName, 'After')
    assert.equal(read.description, 'Changed')
    const audit = t.emulator.store
      .tenant(tenantId)
      .audits()
      .find((a) => a.activityDisplayName === 'Update group')
    assert.equal(audit?.category, 'GroupManagement')
    assert.equal((audit?.targetResources as Json[])[0]!.id, id)
  })

  it('refuses PATCH changes to isAssignableToRole, groupTypes and mail-enablement with 400', async () => {
    const id = String(((await graph.api('/groups').post(securityGroup('Fixed'))) as Json).id)
    for (const body of [{ isAssignableToRole: true }, { groupTypes: ['Unified'] }, { mailEnabled: true }]) {
      const error = await expectGraphError(graph.api(`/groups/${id}`).patch(body))
      assert.equal(error.statusCode, 400, JSON.stringify(body))
      assert.equal(error.code, 'Request_BadRequest')
    }
  })

  it('adds up to 20 members with PATCH members@odata.bind', async () => {
    const id = String(((await graph.api('/groups').post(securityGroup('Bulk'))) as Json).id)
    const users = await createUsers(t, tenantId, 20)
    await graph.api(`/groups/${id}`).patch({ 'members@odata.bind': users.map(ref) })
    assert.deepEqual(await memberIds(graph, id), users)
  })

  it('refuses 21 members@odata.bind with 400 and adds none', async () => {
    const id = String(((await graph.api('/groups').post(securityGroup('Bulk 21'))) as Json).id)
    const users = await createUsers(t, tenantId, 21)
    const error = await expectGraphError(
      graph.api(`/groups/${id}`).patch({ 'members@odata.bind': users.map(ref) }),
    )
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'Request_BadRequest')
    assert.deepEqual(await memberIds(graph, id), [])
  })

  it('adds none of the members@odata.bind entries when one is missing (404) or already a member (400)', async () => {
    const id = String(((await graph.api('/groups').post(securityGroup('Atomic'))) as Json).id)
    const [a, b, c] = await createUsers(t, tenantId, 3)
    await graph.api(`/groups/${id}`).patch({ 'members@odata.bind': [ref(a!)] })
    const missing = await expectGraphError(
      graph
        .api(`/groups/${id}`)
        .patch({ displayName: 'Renamed', 'members@odata.bind': [ref(b!), ref(missingId)] }),
    )
    assert.equal(missing.statusCode, 404)
    assert.equal(missing.code, 'Request_ResourceNotFound')
    const duplicate = await expectGraphError(
      graph.api(`/groups/${id}`).patch({ 'members@odata.bind': [ref(c!), ref(a!)] }),
    )
    assert.equal(duplicate.statusCode, 400)
    assert.equal(duplicate.code, 'Request_BadRequest')
    assert.equal(
      duplicate.message,
      "One or more added object references already exist for the following modified properties: 'members'.",
    )
    assert.deepEqual(await memberIds(graph, id), [a])
    assert.equal(((await graph.api(`/groups/${id}`).get()) as Json).displayName, 'Atomic')
  })
})
