// Listing users over the wire, through @azure/identity and the Microsoft Graph client: paging through
// @odata.nextLink, $select, $filter (basic and advanced), $count and $orderby with their ConsistencyLevel
// rules, and the 400s for unknown names.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'

type Json = Record<string, unknown>

// One emulator for the file (each emulator has its own CA; two in one process confuse TLS trust).
let t: TestEmulator
before(async () => {
  t = await startTestEmulator()
})
after(() => t.close())

describe('listing users', () => {
  let reader: Client
  let tenantId: string
  let domain: string

  before(async () => {
    const tenant = await t.createTenant({ displayName: 'Litware' })
    tenantId = tenant.id
    domain = tenant.initialDomain
    reader = t.graph(await t.createApp(tenantId, ['User.Read.All']))
    const users = Array.from({ length: 240 }, (_, i) => ({
      displayName: `Member ${String(i).padStart(3, '0')}`,
    }))
    users.push({
      displayName: 'Alice Adams',
      userPrincipalName: `alice@${domain}`,
      mail: 'alice@litware.com',
    } as never)
    for (let i = 0; i < 9; i++)
      users.push({ displayName: `Guest ${i}`, userType: 'Guest', mail: `guest${i}@fabrikam.com` } as never)
    const result = await t.admin('POST', `/tenants/${tenantId}/users`, { users })
    assert.equal(result.status, 201)
  })
  it('pages 100 at a time through @odata.nextLink over 250 users, without repeats', async () => {
    const ids = new Set<string>()
    let page = (await reader.api('/users').get()) as Json
    let pages = 0
    for (;;) {
      pages++
      const value = page.value as Json[]
      if (page['@odata.nextLink'] !== undefined) assert.equal(value.length, 100)
      for (const user of value) ids.add(String(user.id))
      if (page['@odata.nextLink'] === undefined) break
      page = (await reader.api(page['@odata.nextLink'] as string).get()) as Json
    }
    assert.equal(pages, 3)
    assert.equal(ids.size, 250)
    const all = (await reader.api('/users').top(999).get()) as Json
    assert.equal((all.value as Json[]).length, 250)
    assert.equal(all['@odata.nextLink'], undefined)
    const tooMany = await expectGraphError(reader.api('/users').top(1000).get())
    assert.equal(tooMany.statusCode, 400)
  })

  it('keeps $select and $filter in nextLink and projects every page', async () => {
    const first = (await reader
      .api('/users')
      .select(['id', 'userType'])
      .filter("userType eq 'Member'")
      .top(200)
      .get()) as Json
    const next = (await reader.api(String(first['@odata.nextLink'])).get()) as Json
    assert.equal((first.value as Json[]).length + (next.value as Json[]).length, 241)
    assert.deepEqual(Object.keys((next.value as Json[])[0]!).sort(), ['id', 'userType'])
    assert.match(String(next['@odata.context']), /\$metadata#users\(id,userType\)$/)
  })

  it("filters by userType eq 'Guest', startswith(userPrincipalName,'a'), mail eq and identities/any", async () => {
    const guests = (await reader
      .api('/users')
      .filter("userType eq 'Guest'")
      .select(['userType'])
      .get()) as Json
    assert.equal((guests.value as Json[]).length, 9)
    const a = (await reader.api('/users').filter("startswith(userPrincipalName,'a')").get()) as Json
    assert.deepEqual(
      (a.value as Json[]).map((u) => u.displayName),
      ['Alice Adams'],
    )
    const byMail = (await reader.api('/users').filter("mail eq 'ALICE@litware.com'").get()) as Json
    assert.deepEqual(
      (byMail.value as Json[]).map((u) => u.displayName),
      ['Alice Adams'],
    )
    const byIdentity = (await reader
      .api('/users')
      .filter(`identities/any(c:c/issuerAssignedId eq 'alice@${domain}' and c/issuer eq '${domain}')`)
      .get()) as Json
    assert.deepEqual(
      (byIdentity.value as Json[]).map((u) => u.displayName),
      ['Alice Adams'],
    )
  })

  it('refuses an advanced operator without ConsistencyLevel: eventual and $count=true, and accepts it with both', async () => {
    const filter = "endswith(userPrincipalName,'%23EXT%23@" + domain + "')"
    const bare = await expectGraphError(reader.api('/users').filter(filter).get())
    assert.equal(bare.statusCode, 400)
    assert.equal(bare.code, 'Request_UnsupportedQuery')
    assert.match(
      bare.message,
      /^Operator 'endsWith' is not supported because the required parameters might be missing/,
    )
    const headerOnly = await expectGraphError(
      reader.api('/users').header('ConsistencyLevel', 'eventual').filter(filter).get(),
    )
    assert.equal(headerOnly.code, 'Request_UnsupportedQuery')
    const advanced = (await reader
      .api('/users')
      .header('ConsistencyLevel', 'eventual')
      .count(true)
      .filter(filter)
      .get()) as Json
    assert.equal(advanced['@odata.count'], 9)
    assert.equal((advanced.value as Json[]).length, 9)
    const ne = (await reader
      .api('/users')
      .header('ConsistencyLevel', 'eventual')
      .count(true)
      .filter("userType ne 'Member'")
      .get()) as Json
    assert.equal(ne['@odata.count'], 9)
  })

  it('refuses $count=true without ConsistencyLevel, and gives @odata.count on the first page only with it', async () => {
    const refused = await expectGraphError(reader.api('/users').count(true).get())
    assert.equal(refused.statusCode, 400)
    assert.equal(refused.code, 'Request_UnsupportedQuery')
    const request = () => reader.api('/users').header('ConsistencyLevel', 'eventual').count(true)
    const first = (await request().get()) as Json
    assert.equal(first['@odata.count'], 250)
    const second = (await reader
      .api(String(first['@odata.nextLink']))
      .header('ConsistencyLevel', 'eventual')
      .get()) as Json
    assert.equal(second['@odata.count'], undefined)
  })

  it('sorts by displayName, and needs advanced parameters to sort a filtered list', async () => {
    const sorted = (await reader.api('/users').orderby('displayName desc').top(3).get()) as Json
    assert.deepEqual(
      (sorted.value as Json[]).map((u) => u.displayName),
      ['Member 239', 'Member 238', 'Member 237'],
    )
    const filtered = await expectGraphError(
      reader.api('/users').filter("userType eq 'Guest'").orderby('displayName').get(),
    )
    assert.equal(filtered.code, 'Request_UnsupportedQuery')
    const advanced = (await reader
      .api('/users')
      .header('ConsistencyLevel', 'eventual')
      .count(true)
      .filter("userType eq 'Guest'")
      .orderby('displayName desc')
      .get()) as Json
    assert.equal((advanced.value as Json[])[0]!.displayName, 'Guest 8')
  })

  it('refuses unknown $select names and unknown $filter properties with 400', async () => {
    const select = await expectGraphError(reader.api('/users').select(['shoeSize']).get())
    assert.equal(select.statusCode, 400)
    assert.match(select.message, /Could not find a property named 'shoeSize' on type 'microsoft.graph.user'/)
    const filter = await expectGraphError(reader.api('/users').filter("shoeSize eq '42'").get())
    assert.equal(filter.statusCode, 400)
    assert.match(filter.message, /'shoeSize'/)
    const search = await expectGraphError(reader.api('/users').search('"displayName:Ali"').get())
    assert.equal(search.statusCode, 501)
  })
})
