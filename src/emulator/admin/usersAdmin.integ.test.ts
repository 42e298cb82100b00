// The admin API's bulk user creation, read back through Graph with the real clients.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, startTestEmulator, type TestEmulator } from '../../../test/support/emulator'

type Json = Record<string, unknown>

describe('admin API: bulk users', () => {
  let t: TestEmulator
  let reader: Client
  let tenantId: string
  let domain: string
  const post = (body: unknown, tenant = tenantId) =>
    t.admin<{ value: Json[]; error: { code: string; message: string } }>(
      'POST',
      `/tenants/${tenant}/users`,
      body,
    )

  before(async () => {
    t = await startTestEmulator()
    const tenant = await t.createTenant({ displayName: 'Contoso' })
    tenantId = tenant.id
    domain = tenant.initialDomain
    reader = t.graph(await t.createApp(tenantId, ['User.Read.All']))
  })
  after(() => t.close())

  it('creates thousands of users in one call (201) with defaults derived from the display name', async () => {
    const users = Array.from({ length: 3000 }, (_, i) => ({ displayName: `Bulk User ${i}` }))
    users.push({ displayName: 'Ada Lovelace' }, { displayName: 'Ada Lovelace' })
    const result = await post({ users })
    assert.equal(result.status, 201)
    assert.equal(result.body.value.length, 3002)
    const [ada, ada2] = result.body.value.slice(-2)
    assert.equal(ada!.userPrincipalName, `ada.lovelace@${domain}`)
    assert.equal(ada2!.userPrincipalName, `ada.lovelace2@${domain}`)
    const read = (await reader
      .api(`/users/ada.lovelace@${domain}`)
      .select(['mailNickname', 'accountEnabled', 'userType', 'creationType'])
      .get()) as Json
    assert.deepEqual(
      { ...read, '@odata.context': undefined },
      {
        '@odata.context': undefined,
        mailNickname: 'ada.lovelace',
        accountEnabled: true,
        userType: 'Member',
        creationType: null,
      },
    )
    const counted = (await reader
      .api('/users')
      .header('ConsistencyLevel', 'eventual')
      .count(true)
      .top(1)
      .get()) as Json
    assert.equal(counted['@odata.count'], 3002)
  })

  it('creates guests in the B2B form and keeps their home ids out of Graph responses', async () => {
    const homeTenantId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'
    const homeObjectId = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9'
    const result = await post({
      users: [
        { displayName: 'Fab Guest', userType: 'Guest', mail: 'fab@fabrikam.com', homeTenantId, homeObjectId },
      ],
    })
    assert.equal(result.status, 201)
    const guest = result.body.value[0]!
    assert.equal(guest.userPrincipalName, `fab_fabrikam.com#EXT#@${domain}`)
    assert.equal(guest['emulator.homeTenantId'], homeTenantId)
    assert.equal(guest['emulator.homeObjectId'], homeObjectId)
    const read = (await reader
      .api(`/users/${String(guest.id)}`)
      .select(['creationType', 'externalUserState', 'mail', 'otherMails', 'userType'])
      .get()) as Json
    assert.equal(read.creationType, 'Invitation')
    assert.equal(read.externalUserState, 'Accepted')
    assert.equal(read.mail, 'fab@fabrikam.com')
    const listed = (await reader.api('/users').filter("userType eq 'Guest'").get()) as Json
    assert.doesNotMatch(JSON.stringify(listed), /emulator\.|9a8b7c6d/)
    const hidden = await expectGraphError(
      reader
        .api(`/users/${String(guest.id)}`)
        .select(['emulator.homeTenantId'])
        .get(),
    )
    assert.equal(hidden.statusCode, 400)
  })

  it('refuses bad input with 400 naming the index and field, and creates nothing from that call', async () => {
    const cases: [unknown, RegExp][] = [
      [
        { users: [{ displayName: 'Fine' }, { displayName: 'Bad', userType: 'Admin' }] },
        /users\[1\]\.userType is "Admin"; expected "Member" \| "Guest"/,
      ],
      [{ users: [{ mail: 'x@contoso.com' }] }, /users\[0\]\.displayName is required/],
      [{ users: [{ displayName: 'X', shoeSize: 42 }] }, /users\[0\]\.shoeSize is not a field/],
      [
        { users: [{ displayName: 'X', userPrincipalName: 'x@fabrikam.com' }] },
        /users\[0\]\.userPrincipalName 'x@fabrikam.com' must end in @/,
      ],
      [
        {
          users: [
            { displayName: 'A', userPrincipalName: `same@${domain}` },
            { displayName: 'B', userPrincipalName: `SAME@${domain}` },
          ],
        },
        /users\[1\]\.userPrincipalName .* already taken/,
      ],
      [
        { users: [{ displayName: 'X', homeTenantId: 'contoso' }] },
        /users\[0\]\.homeTenantId is "contoso"; expected a GUID/,
      ],
      [{ users: [] }, /'users' must be an array/],
      [{ users: ['Ada'] }, /users\[0\] is "Ada"; expected a user object/],
    ]
    for (const [body, message] of cases) {
      const result = await post(body)
      assert.equal(result.status, 400, String(message))
      assert.equal(result.body.error.code, 'AdminRequestInvalid')
      assert.match(result.body.error.message, message)
    }
    const fine = await expectGraphError(reader.api(`/users/fine@${domain}`).get())
    assert.equal(fine.statusCode, 404, 'the valid entry of a refused call was not kept')
    const missingTenant = await post(
      { users: [{ displayName: 'X' }] },
      '00000000-0000-4000-8000-000000000000',
    )
    assert.equal(missingTenant.status, 404)
  })
})
