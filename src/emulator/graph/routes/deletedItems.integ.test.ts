// The directory recycle bin over the wire: list by cast, get, restore and purge (graph-api.md §5.4).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ResponseType, type Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'

type Json = Record<string, unknown>

describe('directory deleted items', () => {
  let t: TestEmulator
  let writer: Client
  let binKeeper: Client
  let reader: Client
  let groupReader: Client
  let tenantId: string
  let domain: string

  const createUser = async (nick: string): Promise<Json> =>
    (await writer.api('/users').post({
      accountEnabled: true,
      displayName: `User ${nick}`,
      mailNickname: nick,
      userPrincipalName: `${nick}@${domain}`,
      passwordProfile: { password: 'Str0ng!Passw0rd' },
    })) as Json
  const deletedUser = async (nick: string): Promise<Json> => {
    const user = await createUser(nick)
    await writer.api(`/users/${String(user.id)}`).delete()
    return user
  }

  before(async () => {
    t = await startTestEmulator()
    const tenant = await t.createTenant({ displayName: 'Contoso' })
    tenantId = tenant.id
    domain = tenant.initialDomain
    writer = t.graph(await t.createApp(tenantId, ['User.ReadWrite.All']))
    binKeeper = t.graph(await t.createApp(tenantId, ['User.DeleteRestore.All']))
    reader = t.graph(await t.createApp(tenantId, ['User.Read.All']))
    groupReader = t.graph(await t.createApp(tenantId, ['Group.Read.All']))
  })
  after(() => t.close())

  it('lists soft-deleted users under the microsoft.graph.user cast, with deletedDateTime', async () => {
    const user = await deletedUser('gone')
    const list = (await reader.api('/directory/deletedItems/microsoft.graph.user').get()) as Json
    assert.match(String(list['@odata.context']), /\$metadata#users$/)
    const entry = (list.value as Json[]).find((u) => u.id === user.id)
    assert.ok(entry, 'the deleted user is listed')
    assert.equal(entry.userPrincipalName, `gone@${domain}`)
    assert.match(String(entry.deletedDateTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    const live = (await reader.api('/users').get()) as Json
    assert.ok(!(live.value as Json[]).some((u) => u.id === user.id))
  })

  it('gets a deleted user by id with @odata.type, and 404s a live or unknown id', async () => {
    const user = await deletedUser('single')
    const found = (await reader.api(`/directory/deletedItems/${String(user.id)}`).get()) as Json
    assert.equal(found['@odata.type'], '#microsoft.graph.user')
    assert.match(String(found['@odata.context']), /\$metadata#directoryObjects\/\$entity$/)
    assert.ok(found.deletedDateTime)
    const live = await createUser('alive')
    const notDeleted = await expectGraphError(reader.api(`/directory/deletedItems/${String(live.id)}`).get())
    assert.equal(notDeleted.statusCode, 404)
    assert.equal(notDeleted.code, 'Request_ResourceNotFound')
  })

  it('restores a deleted user (200 + the object with @odata.type) that reads as before', async () => {
    const user = await deletedUser('back')
    const response = (await binKeeper
      .api(`/directory/deletedItems/${String(user.id)}/restore`)
      .responseType(ResponseType.RAW)
      .post(undefined)) as Response
    assert.equal(response.status, 200)
    const restored = (await response.json()) as Json
    assert.equal(restored['@odata.type'], '#microsoft.graph.user')
    assert.equal(restored.id, user.id)
    assert.equal(restored.userPrincipalName, `back@${domain}`)
    const again = (await reader.api(`/users/${String(user.id)}`).get()) as Json
    assert.equal(again.displayName, 'User back')
    assert.equal(
      (await expectGraphError(reader.api(`/directory/deletedItems/${String(user.id)}`).get())).statusCode,
      404,
    )
    assert.ok(
      t.emulator.store
        .tenant(tenantId)
        .audits()
        .some((a) => a.activityDisplayName === 'Restore user'),
    )
  })

  it('refuses to restore a user whose userPrincipalName a live user has taken (400)', async () => {
    const user = await deletedUser('reused')
    await createUser('reused')
    const error = await expectGraphError(
      binKeeper.api(`/directory/deletedItems/${String(user.id)}/restore`).post(undefined),
    )
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'Request_BadRequest')
    assert.match(error.message, /userPrincipalName already exists/)
  })

  it('purges a deleted user (204): gone from the bin, not restorable, its manager links removed', async () => {
    const boss = await createUser('purgedboss')
    const worker = await createUser('purgedworker')
    await writer
      .api(`/users/${String(worker.id)}/manager/$ref`)
      .put({ '@odata.id': `https://graph.microsoft.com/v1.0/users/${String(boss.id)}` })
    await writer.api(`/users/${String(boss.id)}`).delete()
    const response = (await binKeeper
      .api(`/directory/deletedItems/${String(boss.id)}`)
      .responseType(ResponseType.RAW)
      .delete()) as Response
    assert.equal(response.status, 204)
    const restore = await expectGraphError(
      binKeeper.api(`/directory/deletedItems/${String(boss.id)}/restore`).post(undefined),
    )
    assert.equal(restore.statusCode, 404)
    assert.equal(restore.code, 'Request_ResourceNotFound')
    assert.deepEqual(t.emulator.store.tenant(tenantId).targets('user.manager', String(worker.id)), [])
  })

  it('lists, restores and purges deleted groups stored under kind group', async () => {
    const store = t.emulator.store.tenant(tenantId)
    const groupId = '7d6c5b4a-3f2e-4d1c-8b9a-0f1e2d3c4b5a'
    const deletedAt = t.emulator.clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
    t.emulator.store.transaction(() => {
      store.insert('group', groupId, { id: groupId, displayName: 'Old team', mailNickname: 'oldteam' })
      store.softDelete('group', groupId, deletedAt)
    })
    const list = (await groupReader.api('/directory/deletedItems/microsoft.graph.group').get()) as Json
    assert.match(String(list['@odata.context']), /\$metadata#groups$/)
    assert.deepEqual(list.value, [
      { id: groupId, displayName: 'Old team', mailNickname: 'oldteam', deletedDateTime: deletedAt },
    ])
    const userOnly = await expectGraphError(
      binKeeper.api(`/directory/deletedItems/${groupId}/restore`).post(undefined),
    )
    assert.equal(userOnly.statusCode, 403)
    const groupWriter = t.graph(await t.createApp(tenantId, ['Group.ReadWrite.All']))
    const restored = (await groupWriter
      .api(`/directory/deletedItems/${groupId}/restore`)
      .post(undefined)) as Json
    assert.equal(restored['@odata.type'], '#microsoft.graph.group')
    assert.equal(restored.displayName, 'Old team')
    assert.ok(store.get('group', groupId))
    t.emulator.store.transaction(() => store.softDelete('group', groupId, deletedAt))
    const purged = (await groupWriter
      .api(`/directory/deletedItems/${groupId}`)
      .responseType(ResponseType.RAW)
      .delete()) as Response
    assert.equal(purged.status, 204)
    assert.equal(store.find('group', groupId), undefined)
  })

  it('keeps applications and administrative units too; an administrative unit cannot be purged (400)', async () => {
    const store = t.emulator.store.tenant(tenantId)
    const appId = '2b3c4d5e-6f70-4811-9a2b-3c4d5e6f7081'
    const unitId = '3c4d5e6f-7081-4922-8b3c-4d5e6f708192'
    const now = t.emulator.clock.now().toISOString()
    t.emulator.store.transaction(() => {
      store.insert('application', appId, { id: appId, appId: unitId, displayName: 'Old app' })
      store.softDelete('application', appId, now)
      store.insert('administrativeUnit', unitId, { id: unitId, displayName: 'Old unit' })
      store.softDelete('administrativeUnit', unitId, now)
    })
    const apps = t.graph(await t.createApp(tenantId, ['Application.ReadWrite.All']))
    const list = (await apps.api('/directory/deletedItems/microsoft.graph.application').get()) as Json
    assert.match(String(list['@odata.context']), /\$metadata#applications$/)
    assert.deepEqual(
      (list.value as Json[]).map((a) => a.displayName),
      ['Old app'],
    )
    const purged = (await apps
      .api(`/directory/deletedItems/${appId}`)
      .responseType(ResponseType.RAW)
      .delete()) as Response
    assert.equal(purged.status, 204)
    const units = t.graph(await t.createApp(tenantId, ['AdministrativeUnit.ReadWrite.All']))
    const noPurge = await expectGraphError(units.api(`/directory/deletedItems/${unitId}`).delete())
    assert.equal(noPurge.statusCode, 400)
    assert.equal(noPurge.code, 'Request_BadRequest')
    const restored = (await units.api(`/directory/deletedItems/${unitId}/restore`).post(undefined)) as Json
    assert.equal(restored['@odata.type'], '#microsoft.graph.administrativeUnit')
    assert.equal(restored.deletedDateTime, null)
  })

  it('applies $filter, $select and the advanced query rules to the deleted users list', async () => {
    await deletedUser('filtered')
    const filtered = (await reader
      .api('/directory/deletedItems/microsoft.graph.user')
      .filter("startswith(userPrincipalName,'filtered')")
      .select(['id', 'userPrincipalName', 'deletedDateTime'])
      .get()) as Json
    assert.equal((filtered.value as Json[]).length, 1)
    assert.deepEqual(Object.keys((filtered.value as Json[])[0]!).sort(), [
      'deletedDateTime',
      'id',
      'userPrincipalName',
    ])
    const order = await expectGraphError(
      reader.api('/directory/deletedItems/microsoft.graph.user').orderby('deletedDateTime').get(),
    )
    assert.equal(order.statusCode, 400)
    assert.equal(order.code, 'Request_UnsupportedQuery')
    const counted = (await reader
      .api('/directory/deletedItems/microsoft.graph.user')
      .header('ConsistencyLevel', 'eventual')
      .count(true)
      .orderby('deletedDateTime desc')
      .get()) as Json
    assert.equal(typeof counted['@odata.count'], 'number')
  })

  it('checks permissions per object kind, 501s deleted devices and 400s unknown casts', async () => {
    const user = await deletedUser('guarded')
    for (const call of [
      () => groupReader.api('/directory/deletedItems/microsoft.graph.user').get(),
      () => groupReader.api(`/directory/deletedItems/${String(user.id)}`).get(),
      () => reader.api(`/directory/deletedItems/${String(user.id)}/restore`).post(undefined),
      () => reader.api(`/directory/deletedItems/${String(user.id)}`).delete(),
    ]) {
      const error = await expectGraphError(call())
      assert.equal(error.statusCode, 403)
      assert.equal(error.code, 'Authorization_RequestDenied')
    }
    const device = await expectGraphError(reader.api('/directory/deletedItems/microsoft.graph.device').get())
    assert.equal(device.statusCode, 501)
    const unknown = await expectGraphError(
      reader.api('/directory/deletedItems/microsoft.graph.contract').get(),
    )
    assert.equal(unknown.statusCode, 400)
  })
  it('purges what has been in the bin for more than 30 days (run last: it moves the clock)', async () => {
    const user = await deletedUser('expiring')
    await t.admin('POST', '/clock/advance', { seconds: 31 * 24 * 3600 })
    // Tokens issued before the jump have expired by the emulator's clock: a new app gets a fresh one.
    const reader = t.graph(await t.createApp(tenantId, ['User.Read.All']))
    const list = (await reader.api('/directory/deletedItems/microsoft.graph.user').get()) as Json
    assert.ok(!(list.value as Json[]).some((u) => u.id === user.id))
    assert.equal(
      (await expectGraphError(reader.api(`/directory/deletedItems/${String(user.id)}`).get())).statusCode,
      404,
    )
  })
})
