// GET /users/delta over the wire: the paged initial round, change rounds through the deltaLink, removed
// users, $select kept in the tokens and syncStateNotFound (graph-api.md §7.6).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'

type Json = Record<string, unknown>

/** Follows nextLinks to the end of a round: every entry, the number of pages and the deltaLink. */
async function round(
  client: Client,
  url: string,
): Promise<{ entries: Json[]; pages: number; deltaLink: string }> {
  const entries: Json[] = []
  let pages = 0
  let page = (await client.api(url).get()) as Json
  for (;;) {
    pages++
    entries.push(...(page.value as Json[]))
    if (page['@odata.nextLink'] === undefined) break
    assert.equal(page['@odata.deltaLink'], undefined, 'only the last page has a deltaLink')
    page = (await client.api(page['@odata.nextLink'] as string).get()) as Json
  }
  assert.match(String(page['@odata.deltaLink']), /\/users\/delta\?\$deltatoken=/)
  return { entries, pages, deltaLink: String(page['@odata.deltaLink']) }
}

describe('users delta', () => {
  let t: TestEmulator
  let writer: Client
  let reader: Client
  let tenantId: string
  let seeded: Json[]

  before(async () => {
    t = await startTestEmulator()
    tenantId = (await t.createTenant({ displayName: 'Contoso' })).id
    writer = t.graph(await t.createApp(tenantId, ['User.ReadWrite.All']))
    reader = t.graph(await t.createApp(tenantId, ['User.Read.All']))
    const users = Array.from({ length: 250 }, (_, i) => ({ displayName: `Person ${i}`, department: 'Sales' }))
    seeded = (await t.admin<{ value: Json[] }>('POST', `/tenants/${tenantId}/users`, { users })).body.value
  })
  after(() => t.close())

  it('pages the initial round with @odata.nextLink and ends it with @odata.deltaLink', async () => {
    const first = (await reader.api('/users/delta').get()) as Json
    assert.equal((first.value as Json[]).length, 100)
    assert.match(String(first['@odata.nextLink']), /\/users\/delta\?\$skiptoken=/)
    assert.match(String(first['@odata.context']), /\$metadata#users$/)
    const { entries, pages } = await round(reader, '/users/delta')
    assert.equal(pages, 3)
    assert.equal(new Set(entries.map((e) => e.id)).size, 250)
    assert.deepEqual(Object.keys(entries[0]!).sort(), [
      'businessPhones',
      'displayName',
      'givenName',
      'id',
      'jobTitle',
      'mail',
      'mobilePhone',
      'officeLocation',
      'preferredLanguage',
      'surname',
      'userPrincipalName',
    ])
  })

  it('returns only what changed since the deltaLink: added, updated, soft-deleted and purged users', async () => {
    const { deltaLink } = await round(reader, '/users/delta')
    const deleter = t.graph(await t.createApp(tenantId, ['User.DeleteRestore.All']))
    const added = (await writer.api('/users').post({
      accountEnabled: true,
      displayName: 'Newcomer',
      mailNickname: 'newcomer',
      userPrincipalName: `newcomer@${String(seeded[0]!.userPrincipalName).split('@')[1]}`,
      passwordProfile: { password: 'Str0ng!Passw0rd' },
    })) as Json
    const updated = seeded[1]!
    const softDeleted = seeded[2]!
    const purged = seeded[3]!
    await writer.api(`/users/${String(updated.id)}`).patch({ jobTitle: 'Lead' })
    await deleter.api(`/users/${String(softDeleted.id)}`).delete()
    await deleter.api(`/users/${String(purged.id)}`).delete()
    await deleter.api(`/directory/deletedItems/${String(purged.id)}`).delete()

    const changes = await round(reader, deltaLink)
    const byId = new Map(changes.entries.map((e) => [String(e.id), e]))
    assert.equal(changes.entries.length, 4)
    assert.equal(byId.get(String(added.id))?.displayName, 'Newcomer')
    assert.equal(byId.get(String(updated.id))?.jobTitle, 'Lead')
    assert.deepEqual(byId.get(String(softDeleted.id)), {
      id: softDeleted.id,
      '@removed': { reason: 'changed' },
    })
    assert.deepEqual(byId.get(String(purged.id)), { id: purged.id, '@removed': { reason: 'deleted' } })

    const quiet = await round(reader, changes.deltaLink)
    assert.deepEqual(quiet.entries, [])
    assert.equal(quiet.pages, 1)
  })

  it('keeps the initial $select in its tokens: only selected properties are shown and tracked', async () => {
    const initial = await round(reader, '/users/delta?$select=displayName,department')
    assert.deepEqual(Object.keys(initial.entries[0]!).sort(), ['department', 'displayName', 'id'])
    const target = seeded[10]!
    await writer.api(`/users/${String(target.id)}`).patch({ jobTitle: 'Not tracked' })
    const untracked = await round(reader, initial.deltaLink)
    assert.deepEqual(untracked.entries, [])
    await writer.api(`/users/${String(target.id)}`).patch({ department: 'Marketing' })
    const tracked = await round(reader, untracked.deltaLink)
    assert.deepEqual(tracked.entries, [{ displayName: 'Person 10', department: 'Marketing', id: target.id }])
    const again = await expectGraphError(reader.api(tracked.deltaLink).select(['mail']).get())
    assert.equal(again.statusCode, 400)
    assert.match(again.message, /\$select can only be given on the initial delta request/)
  })

  it('answers 400 syncStateNotFound to a token it does not know', async () => {
    const error = await expectGraphError(reader.api('/users/delta?$deltatoken=bm90LWEtdG9rZW4').get())
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'syncStateNotFound')
    assert.equal(
      error.message,
      'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
    )
    assert.equal(
      (await expectGraphError(reader.api('/users/delta?$skiptoken=garbage').get())).code,
      'syncStateNotFound',
    )
  })

  it('answers 403 without a user read permission and 501 to $filter', async () => {
    const outsider = t.graph(await t.createApp(tenantId, ['Group.Read.All']))
    const denied = await expectGraphError(outsider.api('/users/delta').get())
    assert.equal(denied.statusCode, 403)
    assert.equal(denied.code, 'Authorization_RequestDenied')
    const filtered = await expectGraphError(
      reader
        .api('/users/delta')
        .filter(`id eq '${String(seeded[0]!.id)}'`)
        .get(),
    )
    assert.equal(filtered.statusCode, 501)
  })

  it('expires tokens after 7 days with syncStateNotFound (run last: it moves the clock)', async () => {
    const { deltaLink } = await round(reader, '/users/delta')
    await t.admin('POST', '/clock/advance', { seconds: 8 * 24 * 3600 })
    const fresh = t.graph(await t.createApp(tenantId, ['User.Read.All']))
    const error = await expectGraphError(fresh.api(deltaLink).get())
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'syncStateNotFound')
  })
})
