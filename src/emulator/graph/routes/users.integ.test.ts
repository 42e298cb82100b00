// Users over the wire, through @azure/identity and the Microsoft Graph client: create, read (by id and
// by UPN, #EXT# included), update, soft delete, manager. Listing is in usersList.integ.test.ts.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ResponseType, type Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'

type Json = Record<string, unknown>

const password = { password: 'Str0ng!Passw0rd', forceChangePasswordNextSignIn: false }

// One emulator for the file (each emulator has its own CA; two in one process confuse TLS trust).
let t: TestEmulator
before(async () => {
  t = await startTestEmulator()
})
after(() => t.close())

describe('users', () => {
  let graph: Client
  let reader: Client
  let outsider: Client
  let tenantId: string
  let domain: string
  const newUser = (nick: string, extra: Json = {}): Json => ({
    accountEnabled: true,
    displayName: `User ${nick}`,
    mailNickname: nick,
    userPrincipalName: `${nick}@${domain}`,
    passwordProfile: password,
    ...extra,
  })
  const create = async (nick: string, extra: Json = {}): Promise<Json> =>
    (await graph.api('/users').post(newUser(nick, extra))) as Json
  const seed = async (tenant: string, users: Json[]): Promise<Json[]> => {
    const result = await t.admin<{ value: Json[] }>('POST', `/tenants/${tenant}/users`, { users })
    assert.equal(result.status, 201, JSON.stringify(result.body))
    return result.body.value
  }

  before(async () => {
    const tenant = await t.createTenant({ displayName: 'Contoso' })
    tenantId = tenant.id
    domain = tenant.initialDomain
    graph = t.graph(await t.createApp(tenantId, ['User.ReadWrite.All']))
    reader = t.graph(await t.createApp(tenantId, ['User.Read.All']))
    outsider = t.graph(await t.createApp(tenantId, ['Policy.Read.All']))
  })
  it('creates a user (201) answering the default property set, never the password', async () => {
    const response = (await graph
      .api('/users')
      .responseType(ResponseType.RAW)
      .post(newUser('ada', { department: 'Research' }))) as Response
    assert.equal(response.status, 201)
    const created = (await response.json()) as Json
    assert.deepEqual(Object.keys(created).sort(), [
      '@odata.context',
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
    assert.match(String(created['@odata.context']), /\/v1\.0\/\$metadata#users\/\$entity$/)
    assert.equal(created.userPrincipalName, `ada@${domain}`)
    const selected = (await graph
      .api(`/users/${String(created.id)}`)
      .select(['userType', 'creationType', 'identities', 'department', 'externalUserState'])
      .get()) as Json
    assert.deepEqual(selected.identities, [
      { signInType: 'userPrincipalName', issuer: domain, issuerAssignedId: `ada@${domain}` },
    ])
    assert.equal(selected.userType, 'Member')
    assert.equal(selected.creationType, null)
    assert.equal(selected.externalUserState, null)
    assert.equal(selected.department, 'Research')
    assert.doesNotMatch(JSON.stringify(await graph.api(`/users/${String(created.id)}`).get()), /Str0ng/)
    const audits = t.emulator.store.tenant(tenantId).audits()
    assert.ok(audits.some((a) => a.activityDisplayName === 'Add user' && a.category === 'UserManagement'))
  })

  it('refuses a duplicate userPrincipalName (any case) with 400 Request_BadRequest', async () => {
    await create('dup')
    const error = await expectGraphError(graph.api('/users').post(newUser('DUP')))
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'Request_BadRequest')
    assert.equal(
      error.message,
      'Another object with the same value for property userPrincipalName already exists.',
    )
  })

  it('refuses missing, unknown and read-only properties, weak passwords and foreign domains, naming them', async () => {
    const cases: [Json, RegExp][] = [
      [{ ...newUser('m1'), mailNickname: undefined }, /Property 'mailNickname' is required/],
      [{ ...newUser('m2'), passwordProfile: undefined }, /Property 'passwordProfile' is required/],
      [
        newUser('m3', { favouriteColour: 'red' }),
        /'favouriteColour' does not exist on type 'microsoft.graph.user'/,
      ],
      [newUser('m4', { creationType: 'Invitation' }), /Property 'creationType' is read-only/],
      [
        newUser('m5', { userType: 'Admin' }),
        /Invalid value specified for property 'userType' of resource 'User'/,
      ],
      [newUser('m6', { passwordProfile: { password: 'short' } }), /does not comply with password complexity/],
      [newUser('m7', { userPrincipalName: 'm7@fabrikam.com' }), /domain portion of the userPrincipalName/],
      [newUser('m8', { accountEnabled: 'yes' }), /property 'accountEnabled'/],
    ]
    for (const [body, message] of cases) {
      const error = await expectGraphError(graph.api('/users').post(body))
      assert.equal(error.statusCode, 400, String(message))
      assert.equal(error.code, 'Request_BadRequest')
      assert.match(error.message, message)
    }
  })

  it('gets a user by id and by userPrincipalName, and 404s one that does not exist', async () => {
    const created = await create('grace')
    const byId = (await reader.api(`/users/${String(created.id)}`).get()) as Json
    const byUpn = (await reader.api(`/users/GRACE@${domain}`).get()) as Json
    assert.equal(byId.id, created.id)
    assert.deepEqual(byUpn, byId)
    const missing = await expectGraphError(reader.api(`/users/nobody@${domain}`).get())
    assert.equal(missing.statusCode, 404)
    assert.equal(missing.code, 'Request_ResourceNotFound')
    assert.equal(
      missing.message,
      `Resource 'nobody@${domain}' does not exist or one of its queried reference-property objects are not present.`,
    )
  })

  it('finds a guest by its #EXT# userPrincipalName sent as %23EXT%23', async () => {
    const [gus] = await seed(tenantId, [{ displayName: 'Gus', userType: 'Guest', mail: 'gus@fabrikam.com' }])
    const upn = `gus_fabrikam.com#EXT#@${domain}`
    assert.equal(gus!.userPrincipalName, upn)
    const found = (await reader.api(`/users/${upn.replace('#EXT#', '%23EXT%23')}`).get()) as Json
    assert.equal(found.id, gus!.id)
    const encoded = (await reader.api(`/users/${encodeURIComponent(upn)}`).get()) as Json
    assert.equal(encoded.id, gus!.id)
  })

  it('patches userType, showInAddressList and ordinary properties (204) and shows them on $select', async () => {
    const created = await create('linus')
    const path = `/users/${String(created.id)}`
    const patch = {
      userType: 'Guest',
      showInAddressList: false,
      displayName: 'Linus T',
      mail: 'linus@contoso.com',
      department: 'Kernel',
      jobTitle: 'Maintainer',
      accountEnabled: false,
      usageLocation: 'FI',
    }
    const response = (await graph.api(path).responseType(ResponseType.RAW).patch(patch)) as Response
    assert.equal(response.status, 204)
    const updated = (await graph.api(path).select(Object.keys(patch)).get()) as Json
    for (const [name, value] of Object.entries(patch)) assert.deepEqual(updated[name], value, name)
    const readOnly = await expectGraphError(graph.api(path).patch({ externalUserState: 'Accepted' }))
    assert.equal(readOnly.statusCode, 400)
    assert.match(readOnly.message, /'externalUserState' is read-only/)
    await create('taken')
    const clash = await expectGraphError(graph.api(path).patch({ userPrincipalName: `taken@${domain}` }))
    assert.equal(clash.statusCode, 400)
    assert.equal(
      clash.message,
      'Another object with the same value for property userPrincipalName already exists.',
    )
  })

  it('renames a user: the sign-in identity follows the new userPrincipalName', async () => {
    const created = await create('oldname')
    await graph.api(`/users/${String(created.id)}`).patch({ userPrincipalName: `newname@${domain}` })
    const user = (await graph.api(`/users/newname@${domain}`).select(['identities']).get()) as Json
    assert.deepEqual(user.identities, [
      { signInType: 'userPrincipalName', issuer: domain, issuerAssignedId: `newname@${domain}` },
    ])
  })

  it('soft-deletes a user (204): it is gone from reads and its userPrincipalName can be reused', async () => {
    const created = await create('temp')
    const deleter = t.graph(await t.createApp(tenantId, ['User.DeleteRestore.All']))
    const response = (await deleter
      .api(`/users/${String(created.id)}`)
      .responseType(ResponseType.RAW)
      .delete()) as Response
    assert.equal(response.status, 204)
    assert.equal((await expectGraphError(graph.api(`/users/${String(created.id)}`).get())).statusCode, 404)
    await create('temp')
  })

  it('checks permissions: reads need a read role, writes a write role, delete a delete role', async () => {
    const created = await create('perm')
    const path = `/users/${String(created.id)}`
    const directoryWriter = t.graph(await t.createApp(tenantId, ['Directory.ReadWrite.All']))
    for (const call of [
      () => outsider.api('/users').get(),
      () => outsider.api(path).get(),
      () => reader.api('/users').post(newUser('perm2')),
      () => reader.api(path).patch({ department: 'x' }),
      () => reader.api(path).delete(),
      () => reader.api(`${path}/manager/$ref`).delete(),
      () => directoryWriter.api(path).delete(),
    ]) {
      const error = await expectGraphError(call())
      assert.equal(error.statusCode, 403)
      assert.equal(error.code, 'Authorization_RequestDenied')
      assert.equal(error.message, 'Insufficient privileges to complete the operation.')
    }
  })

  describe('manager', () => {
    it('sets (204), reads, expands and removes (204) a manager, then 404s it', async () => {
      const boss = await create('boss')
      const worker = await create('worker')
      const ref = `/users/${String(worker.id)}/manager/$ref`
      const put = (await graph
        .api(ref)
        .responseType(ResponseType.RAW)
        .put({ '@odata.id': `https://graph.microsoft.com/v1.0/users/${String(boss.id)}` })) as Response
      assert.equal(put.status, 204)
      const manager = (await reader.api(`/users/${String(worker.id)}/manager`).get()) as Json
      assert.equal(manager['@odata.type'], '#microsoft.graph.user')
      assert.equal(manager.id, boss.id)
      assert.match(String(manager['@odata.context']), /\$metadata#directoryObjects\/\$entity$/)
      const expanded = (await reader
        .api(`/users/${String(worker.id)}`)
        .select(['id', 'displayName'])
        .expand('manager')
        .get()) as Json
      assert.equal((expanded.manager as Json).id, boss.id)
      assert.equal(expanded.displayName, 'User worker')
      const removed = (await graph.api(ref).responseType(ResponseType.RAW).delete()) as Response
      assert.equal(removed.status, 204)
      const none = await expectGraphError(reader.api(`/users/${String(worker.id)}/manager`).get())
      assert.equal(none.statusCode, 404)
      assert.equal(none.code, 'Request_ResourceNotFound')
      assert.equal((await expectGraphError(graph.api(ref).delete())).statusCode, 404)
    })

    it('refuses a manager that does not exist (404) and a user as their own manager (400)', async () => {
      const user = await create('selfish')
      const ref = `/users/${String(user.id)}/manager/$ref`
      const missing = await expectGraphError(
        graph.api(ref).put({
          '@odata.id':
            'https://graph.microsoft.com/v1.0/directoryObjects/5b4c8d2e-0f1a-4c3b-9d8e-7f6a5b4c3d2e',
        }),
      )
      assert.equal(missing.statusCode, 404)
      assert.equal(missing.code, 'Request_ResourceNotFound')
      const self = await expectGraphError(
        graph.api(ref).put({ '@odata.id': `https://graph.microsoft.com/v1.0/users/${String(user.id)}` }),
      )
      assert.equal(self.statusCode, 400)
      const bad = await expectGraphError(graph.api(ref).put({ '@odata.id': 'not a reference' }))
      assert.equal(bad.statusCode, 400)
      assert.match(bad.message, /Invalid URL format specified in @odata.id/)
    })
  })
})
