// InvitedUser provider against the emulator, called as the engine calls it: invitation and properties,
// an existing address refused then adopted, drift read and repaired, delete, replication lag, a
// missing permission and check failures.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestEmulator, type TestEmulator } from '../../../test/support/emulator'
import { connectionsFor, providerTenant, type ProviderTenant } from '../../../test/support/providers'
import { InvitedUserProvider, type InvitedUserInputs, type InvitedUserOutputs } from './invitedUser'

const roles = ['User.Invite.All', 'User.ReadWrite.All']
const select = 'id,userType,showInAddressList,department,jobTitle,usageLocation,displayName'

describe('InvitedUser provider', () => {
  let t: TestEmulator
  let contoso: ProviderTenant
  let users: InvitedUserProvider
  let ada: { id: string; outs: InvitedUserOutputs }

  before(async () => {
    t = await startTestEmulator()
    contoso = await providerTenant(t, 'contoso', roles)
    users = new InvitedUserProvider().useConnections(connectionsFor(t, [contoso]))
  })
  after(() => t.close())

  const inputs = (email: string, extra: Partial<InvitedUserInputs> = {}): InvitedUserInputs => ({
    tenant: contoso.ref,
    invitedUserEmailAddress: email,
    invitedUserDisplayName: 'Ada Lovelace',
    invitedUserType: 'Guest',
    sendInvitationMessage: false,
    showInAddressList: true,
    attributes: { department: 'Engines', usageLocation: 'GB' },
    inviteRedirectUrl: 'https://myapps.microsoft.com',
    adopt: false,
    ...extra,
  })
  const live = (id: string) =>
    t.graph(contoso.app).api(`/users/${id}?$select=${select}`).get() as Promise<Record<string, unknown>>

  it('invites the user, sets its properties and returns them with its id, UPN and state', async () => {
    ada = (await users.create(inputs('ada@fabrikam.com'))) as typeof ada
    const { userId, userPrincipalName, externalUserState, ...rest } = ada.outs
    assert.equal(ada.id, `${contoso.ref.tenantId}/users/${userId}`)
    assert.match(userPrincipalName, /^ada_fabrikam\.com#EXT#@/)
    assert.equal(externalUserState, 'PendingAcceptance')
    assert.deepEqual(rest, inputs('ada@fabrikam.com'))
    const user = await live(userId)
    assert.equal(user.showInAddressList, true)
    assert.equal(user.department, 'Engines')
    assert.equal(user.usageLocation, 'GB')
  })

  it('check fills in the default redirect URL the schema does not carry', async () => {
    const { inviteRedirectUrl: _, ...given } = inputs('ada@fabrikam.com')
    const result = await users.check(given, given)
    assert.deepEqual(result.failures, [])
    assert.equal((result.inputs as InvitedUserInputs).inviteRedirectUrl, 'https://myapps.microsoft.com')
  })

  it('refuses an address that already has a user, naming it and the adopt setting, unless adopted', async () => {
    const graph = t.graph(contoso.app)
    const invited = (await graph.api('/invitations').post({
      invitedUserEmailAddress: 'grace@fabrikam.com',
      inviteRedirectUrl: 'https://example.com',
    })) as { invitedUser: { id: string } }
    await assert.rejects(
      users.create(inputs('grace@fabrikam.com')),
      /invited user grace@fabrikam\.com in tenant contoso already exists as user grace_fabrikam\.com#EXT#@.* \(.*\) .* tenants\.contoso\.adopt: true/,
    )
    const adopted = await users.create(
      inputs('grace@fabrikam.com', { adopt: true, invitedUserType: 'Member' }),
    )
    assert.equal(adopted.outs?.userId, invited.invitedUser.id)
    assert.equal((await live(invited.invitedUser.id)).userType, 'Member')
    const same = (await graph.api(`/users?$filter=mail eq 'grace@fabrikam.com'`).get()) as {
      value: unknown[]
    }
    assert.equal(same.value.length, 1, 'adopting invites nobody')
  })

  it('reads userType changed by hand as drift, and update puts it back and clears a dropped attribute', async () => {
    await t.graph(contoso.app).api(`/users/${ada.outs.userId}`).patch({ userType: 'Member', jobTitle: 'x' })
    const read = await users.read(ada.id, ada.outs)
    assert.equal(read.inputs?.invitedUserType, 'Member')
    assert.deepEqual(read.inputs?.attributes, inputs('x').attributes, 'unmanaged attributes are not compared')
    assert.equal('userId' in (read.inputs ?? {}), false, 'outputs stay out of the inputs')
    const desired = inputs('ada@fabrikam.com', { attributes: { usageLocation: 'GB' } })
    const repaired = (await users.update(ada.id, read.props!, desired)) as { outs: InvitedUserOutputs }
    assert.equal(repaired.outs?.invitedUserType, 'Guest')
    const user = await live(ada.outs.userId)
    assert.equal(user.userType, 'Guest')
    assert.equal(user.department, null)
    assert.deepEqual((await users.read(ada.id, repaired.outs)).inputs, desired)
  })

  it('deletes the user (soft); reading it then answers gone, and deleting again is fine', async () => {
    await users.delete(ada.id, ada.outs)
    assert.deepEqual(await users.read(ada.id, ada.outs), {})
    await users.delete(ada.id, ada.outs)
    const bin = (await t.graph(contoso.app).api(`/directory/deletedItems/${ada.outs.userId}`).get()) as {
      id: string
    }
    assert.equal(bin.id, ada.outs.userId)
  })

  it('waits through replication lag: the PATCH and the read-back of a new user are retried', async () => {
    const connections = connectionsFor(t, [contoso])
    const provider = new InvitedUserProvider().useConnections(connections)
    await t.admin('PUT', '/faults', { replicationLagMs: 1200 })
    try {
      const created = await provider.create(inputs('lin@fabrikam.com', { invitedUserType: 'Member' }))
      assert.equal(created.outs?.invitedUserType, 'Member')
      // look-up, invitation, PATCH, GET: more means 404s were met and retried.
      assert.ok(connections.requestCount > 4, `${connections.requestCount} requests`)
    } finally {
      await t.admin('DELETE', '/faults')
    }
  })

  it('names the tenant, the operation and the permission to grant when the app lacks it', async () => {
    const reader = await providerTenant(t, 'reader', ['User.Read.All'])
    const provider = new InvitedUserProvider().useConnections(connectionsFor(t, [reader]))
    await assert.rejects(
      provider.create({ ...inputs('max@fabrikam.com'), tenant: reader.ref }),
      (error: Error) => {
        assert.match(
          error.message,
          /tenant reader \(.*\): invite the invited user max@fabrikam\.com in tenant reader/,
        )
        assert.match(error.message, /grant it the Microsoft Graph application permission User\.Invite\.All/)
        return true
      },
    )
    const inviter = await providerTenant(t, 'inviter', ['User.Invite.All', 'User.Read.All'])
    const halfway = new InvitedUserProvider().useConnections(connectionsFor(t, [inviter]))
    await assert.rejects(
      halfway.create({ ...inputs('max@fabrikam.com'), tenant: inviter.ref }),
      (error: Error) => {
        assert.match(error.message, /set the properties of .* permission User\.ReadWrite\.All/)
        // Graph invited the user: the error carries it so the engine records it (no second invitation).
        const partial = error as Error & { id?: string; properties?: { userId?: string } }
        assert.equal(partial.id, `${inviter.ref.tenantId}/users/${partial.properties?.userId}`)
        return true
      },
    )
  })

  it('reports every input problem in check', async () => {
    const result = await users.check(inputs('a@b.com'), {
      ...inputs('a@b.com'),
      tenant: { alias: 'contoso', tenantId: 'nope', cloud: 'global' },
      invitedUserEmailAddress: 'not+valid@b.com',
      invitedUserType: 'Owner' as never,
      showInAddressList: 'yes' as never,
      attributes: { department: 'R&D', city: 'Paris', usageLocation: 'france' },
      inviteRedirectUrl: 'myapps',
      adopt: 'no' as never,
    })
    assert.deepEqual(
      result.failures?.map((f) => f.property),
      [
        'tenant',
        'adopt',
        'inviteRedirectUrl',
        'invitedUserEmailAddress',
        'invitedUserType',
        'showInAddressList',
        'attributes',
        'attributes',
      ],
    )
    assert.match(result.failures?.[4]?.reason ?? '', /^invitedUserType must be Guest or Member/)
  })
})
