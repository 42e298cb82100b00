// InvitedUserSet provider against the emulator with 200 users: each phase (look-up, invitations,
// PATCHes, reads, deletes) costs users/20 Graph requests; update touches only what differs (one user
// added, one removed, one drifted, one deleted by hand); existing addresses, a missing permission and
// check failures.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestEmulator, type TestEmulator } from '../../../test/support/emulator'
import { connectionsFor, providerTenant, type ProviderTenant } from '../../../test/support/providers'
import type { Connections } from '../shared/connections'
import {
  InvitedUserSetProvider,
  type InvitedUserSetInputs,
  type InvitedUserSetOutputs,
  type SetUser,
} from './invitedUserSet'

const size = 200
const calls = size / 20 // one $batch call per 20 users

const user = (i: number): SetUser => ({
  email: `user${i}@fabrikam.com`,
  displayName: `User ${i}`,
  userType: 'Guest',
  showInAddressList: i % 2 === 0,
  attributes: i % 3 === 0 ? { department: 'Sales', usageLocation: 'FR' } : {},
})

describe('InvitedUserSet provider', () => {
  let t: TestEmulator
  let contoso: ProviderTenant
  let connections: Connections
  let sets: InvitedUserSetProvider
  let id: string
  let state: InvitedUserSetOutputs

  before(async () => {
    t = await startTestEmulator()
    // Request counts are the point here: no throttling, so no retried batch items.
    await t.admin('PUT', '/throttling', { enabled: false })
    contoso = await providerTenant(t, 'contoso', ['User.Invite.All', 'User.ReadWrite.All'])
    connections = connectionsFor(t, [contoso])
    sets = new InvitedUserSetProvider().useConnections(connections)
  })
  after(() => t.close())

  const inputs = (users: readonly SetUser[], adopt = false): InvitedUserSetInputs => ({
    tenant: contoso.ref,
    name: 'fabrikam-guests',
    users,
    sendInvitationMessage: false,
    inviteRedirectUrl: 'https://myapps.microsoft.com',
    adopt,
  })
  const all = Array.from({ length: size }, (_, i) => user(i))
  /** Graph requests `action` sends. */
  const counted = async <T>(action: () => Promise<T>): Promise<{ result: T; requests: number }> => {
    const start = connections.requestCount
    const result = await action()
    return { result, requests: connections.requestCount - start }
  }
  const graph = () => t.graph(contoso.app)
  const userType = async (userId: string) =>
    ((await graph().api(`/users/${userId}?$select=userType`).get()) as { userType: string }).userType

  it(`invites ${size} users in ${calls} requests per phase (look-up, invite, PATCH, read back)`, async () => {
    const { result, requests } = await counted(() => sets.create(inputs(all)))
    assert.equal(requests, 4 * calls)
    id = result.id
    state = result.outs!
    assert.equal(id, `${contoso.ref.tenantId}/invitedUserSets/fabrikam-guests`)
    assert.equal(Object.keys(state.userIds).length, size)
    assert.deepEqual(state.users, all)
    const live = (await graph()
      .api(`/users/${state.userIds['user3@fabrikam.com']}?$select=department,showInAddressList,userType`)
      .get()) as Record<string, unknown>
    assert.deepEqual(
      { ...live, '@odata.context': undefined },
      { '@odata.context': undefined, department: 'Sales', showInAddressList: false, userType: 'Guest' },
    )
  })

  it(`reads the set in ${calls} requests and sees one user's userType changed by hand`, async () => {
    await graph().api(`/users/${state.userIds['user7@fabrikam.com']}`).patch({ userType: 'Member' })
    const { result, requests } = await counted(() => sets.read(id, state))
    assert.equal(requests, calls)
    assert.equal(result.inputs?.users[7]?.userType, 'Member')
    assert.deepEqual(
      result.inputs?.users.filter((_, i) => i !== 7),
      all.filter((_, i) => i !== 7),
    )
    assert.equal('userIds' in (result.inputs ?? {}), false, 'outputs stay out of the inputs')
    state = result.props!
  })

  it('update repairs the drifted user with one PATCH between the live read and the read back', async () => {
    const { result, requests } = await counted(() => sets.update(id, state, inputs(all)))
    assert.equal(requests, calls + 1 + calls)
    assert.equal(await userType(state.userIds['user7@fabrikam.com']!), 'Guest')
    state = result.outs!
    assert.deepEqual(state.users, all)
  })

  it('adding one user and removing another sends one request for each, plus the two reads', async () => {
    const removed = state.userIds['user0@fabrikam.com']!
    const next = [...all.slice(1), user(size)]
    const { result, requests } = await counted(() => sets.update(id, state, inputs(next)))
    // live read, DELETE, look-up, invitation, PATCH, read back
    assert.equal(requests, calls + 4 + calls)
    state = result.outs!
    assert.equal(state.userIds['user0@fabrikam.com'], undefined)
    assert.equal(await userType(state.userIds[`user${size}@fabrikam.com`]!), 'Guest')
    await assert.rejects(graph().api(`/users/${removed}`).get(), { statusCode: 404 })
    assert.deepEqual(state.users, next)
  })

  it('a user deleted by hand reads as missing and update invites it again', async () => {
    await graph().api(`/users/${state.userIds['user9@fabrikam.com']}`).delete()
    const read = await sets.read(id, state)
    assert.equal(read.inputs?.users.length, size - 1)
    assert.equal(read.props?.userIds['user9@fabrikam.com'], undefined)
    const repaired = await sets.update(id, read.props!, inputs(state.users))
    assert.equal(repaired.outs?.users.length, size)
    assert.notEqual(repaired.outs?.userIds['user9@fabrikam.com'], undefined)
    state = repaired.outs!
  })

  it('refuses addresses that already have users, listing them, unless adopted', async () => {
    await graph()
      .api('/invitations')
      .post({ invitedUserEmailAddress: 'kim@fabrikam.com', inviteRedirectUrl: 'https://example.com' })
    const other = { ...inputs([{ ...user(1), email: 'kim@fabrikam.com' }]), name: 'other' }
    await assert.rejects(
      sets.create(other),
      /1 address\(es\) of the invited user set other in tenant contoso already have users .*: kim@fabrikam\.com \(kim_fabrikam\.com#EXT#@.*\)\. Set tenants\.contoso\.adopt: true/,
    )
    const adopted = await sets.create({ ...other, adopt: true })
    assert.equal(adopted.outs?.users[0]?.displayName, 'User 1')
    await sets.delete(adopted.id, adopted.outs)
  })

  it(`deletes every user in ${calls} requests; the set then reads as gone`, async () => {
    const { requests } = await counted(() => sets.delete(id, state))
    assert.equal(requests, calls)
    assert.deepEqual(await sets.read(id, state), {})
    await sets.delete(id, state) // already gone: not an error
  })

  it('names the permission to grant when the app may not invite', async () => {
    const reader = await providerTenant(t, 'reader', ['User.Read.All'])
    const provider = new InvitedUserSetProvider().useConnections(connectionsFor(t, [reader]))
    await assert.rejects(
      provider.create({ ...inputs(all.slice(0, 3)), tenant: reader.ref }),
      (error: Error) => {
        assert.match(
          error.message,
          /tenant reader \(.*\): invite user0@fabrikam\.com into tenant reader failed/,
        )
        assert.match(error.message, /grant it the Microsoft Graph application permission User\.Invite\.All/)
        return true
      },
    )
  })

  it('reports every problem of every user in check', async () => {
    const bad = [
      user(1),
      { ...user(2), email: 'USER1@fabrikam.com' },
      { ...user(3), email: '.x@y.z', userType: 'Boss' },
    ]
    const result = await sets.check(inputs(all), { ...inputs(bad as SetUser[]), name: 'no spaces please' })
    assert.deepEqual(
      result.failures?.map((f) => `${f.property}: ${f.reason.split(' ')[0]}`),
      ['name: name', 'users: users[1].email:', 'users: users[2].email:', 'users: users[2].userType'],
    )
    assert.match(result.failures?.[1]?.reason ?? '', /USER1@fabrikam\.com is listed twice/)
  })
})
