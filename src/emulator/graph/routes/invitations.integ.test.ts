// B2B invitations over the wire: POST /invitations and the guest user it creates (graph-api.md §5.1, §5.2).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ResponseType, type Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'

type Json = Record<string, unknown>

const redirect = 'https://myapp.contoso.com'

describe('invitations', () => {
  let t: TestEmulator
  let inviter: Client
  let reader: Client
  let tenantId: string
  let domain: string

  before(async () => {
    t = await startTestEmulator()
    const tenant = await t.createTenant({ displayName: 'Contoso' })
    tenantId = tenant.id
    domain = tenant.initialDomain
    inviter = t.graph(await t.createApp(tenantId, ['User.Invite.All']))
    reader = t.graph(await t.createApp(tenantId, ['User.Read.All']))
  })
  after(() => t.close())

  it('invites a guest (201) with the documented shape and a PendingAcceptance guest user', async () => {
    const response = (await inviter.api('/invitations').responseType(ResponseType.RAW).post({
      invitedUserEmailAddress: 'Admin.Person@fabrikam.com',
      inviteRedirectUrl: redirect,
    })) as Response
    assert.equal(response.status, 201)
    const invitation = (await response.json()) as Json
    const userId = String((invitation.invitedUser as Json).id)
    assert.match(String(invitation['@odata.context']), /\/v1\.0\/\$metadata#invitations\/\$entity$/)
    assert.deepEqual(
      { ...invitation, '@odata.context': undefined, id: undefined, inviteRedeemUrl: undefined },
      {
        '@odata.context': undefined,
        id: undefined,
        inviteRedeemUrl: undefined,
        invitedUserDisplayName: null,
        invitedUserType: 'Guest',
        invitedUserEmailAddress: 'Admin.Person@fabrikam.com',
        sendInvitationMessage: false,
        resetRedemption: false,
        inviteRedirectUrl: redirect,
        status: 'PendingAcceptance',
        invitedUserMessageInfo: {
          messageLanguage: null,
          customizedMessageBody: null,
          ccRecipients: [{ emailAddress: { name: null, address: null } }],
        },
        invitedUser: { id: userId },
      },
    )
    assert.match(
      String(invitation.inviteRedeemUrl),
      new RegExp(
        `^https://login\\.microsoftonline\\.com/redeem\\?rd=https%3a%2f%2finvitations\\.microsoft\\.com%2fredeem%2f%3ftenant%3d${tenantId}%26user%3d${userId}%26ticket%3d`,
      ),
    )
    const upn = `Admin.Person_fabrikam.com#EXT#@${domain}`
    const user = (await reader
      .api(`/users/${userId}`)
      .select([
        'userPrincipalName',
        'mail',
        'userType',
        'externalUserState',
        'externalUserStateChangeDateTime',
        'creationType',
        'identities',
        'otherMails',
      ])
      .get()) as Json
    assert.equal(user.userPrincipalName, upn)
    assert.equal(user.mail, 'Admin.Person@fabrikam.com')
    assert.equal(user.userType, 'Guest')
    assert.equal(user.externalUserState, 'PendingAcceptance')
    assert.equal(user.creationType, 'Invitation')
    assert.match(String(user.externalUserStateChangeDateTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    assert.deepEqual(user.identities, [
      { signInType: 'userPrincipalName', issuer: domain, issuerAssignedId: upn },
    ])
    assert.deepEqual(user.otherMails, ['Admin.Person@fabrikam.com'])
    assert.doesNotMatch(JSON.stringify(user), /emulator\./)
    const audit = t.emulator.store
      .tenant(tenantId)
      .audits()
      .find((a) => a.activityDisplayName === 'Invite external user')
    assert.equal(audit?.loggedByService, 'Invited Users')
    assert.equal(audit?.category, 'UserManagement')
  })

  it('invites a member with a display name when invitedUserType is Member', async () => {
    const invitation = (await inviter.api('/invitations').post({
      invitedUserEmailAddress: 'mia@fabrikam.com',
      inviteRedirectUrl: redirect,
      invitedUserDisplayName: 'Mia',
      invitedUserType: 'Member',
      sendInvitationMessage: true,
      invitedUserMessageInfo: { customizedMessageBody: 'Welcome' },
    })) as Json
    assert.equal(invitation.invitedUserType, 'Member')
    assert.equal(invitation.sendInvitationMessage, true)
    assert.equal((invitation.invitedUserMessageInfo as Json).customizedMessageBody, 'Welcome')
    const user = (await reader
      .api(`/users/${String((invitation.invitedUser as Json).id)}`)
      .select(['displayName', 'userType', 'creationType'])
      .get()) as Json
    assert.deepEqual(
      { displayName: user.displayName, userType: user.userType, creationType: user.creationType },
      { displayName: 'Mia', userType: 'Member', creationType: 'Invitation' },
    )
  })

  it('returns the existing user in invitedUser when the address already belongs to one', async () => {
    const body = { invitedUserEmailAddress: 'repeat@fabrikam.com', inviteRedirectUrl: redirect }
    const first = (await inviter.api('/invitations').post(body)) as Json
    const second = (await inviter.api('/invitations').post(body)) as Json
    assert.deepEqual(second.invitedUser, first.invitedUser)
    assert.equal(second.status, 'PendingAcceptance')
    const guests = (await reader.api('/users').filter("mail eq 'repeat@fabrikam.com'").get()) as Json
    assert.equal((guests.value as Json[]).length, 1)
  })

  it('resets the redemption of an accepted guest back to PendingAcceptance', async () => {
    const seeded = await t.admin<{ value: Json[] }>('POST', `/tenants/${tenantId}/users`, {
      users: [{ displayName: 'Redeemed', userType: 'Guest', mail: 'done@fabrikam.com' }],
    })
    const guest = seeded.body.value[0]!
    assert.equal(guest.externalUserState, 'Accepted')
    const existing = (await inviter
      .api('/invitations')
      .post({ invitedUserEmailAddress: 'done@fabrikam.com', inviteRedirectUrl: redirect })) as Json
    assert.equal(existing.status, 'Completed')
    const reset = (await inviter.api('/invitations').post({
      invitedUserEmailAddress: 'done.again@fabrikam.com',
      inviteRedirectUrl: redirect,
      invitedUser: { id: guest.id },
      resetRedemption: true,
    })) as Json
    assert.equal(reset.status, 'PendingAcceptance')
    assert.equal(reset.resetRedemption, true)
    const user = (await reader
      .api(`/users/${String(guest.id)}`)
      .select(['externalUserState', 'mail'])
      .get()) as Json
    assert.equal(user.externalUserState, 'PendingAcceptance')
    assert.equal(user.mail, 'done.again@fabrikam.com')
  })

  it("refuses special characters in the address's local part and allows '_' anywhere and inner '.' and '-'", async () => {
    for (const address of [
      'a!b@fabrikam.com',
      'a#b@fabrikam.com',
      '.ab@fabrikam.com',
      'ab-@fabrikam.com',
      'a b@fabrikam.com',
      "o'neil@fabrikam.com",
      'nodomain',
    ]) {
      const error = await expectGraphError(
        inviter.api('/invitations').post({ invitedUserEmailAddress: address, inviteRedirectUrl: redirect }),
      )
      assert.equal(error.statusCode, 400, address)
      assert.equal(error.code, 'Request_BadRequest')
      assert.match(error.message, /is not valid/)
    }
    for (const address of ['_under_@fabrikam.com', 'first.last-name@fabrikam.com']) {
      const ok = (await inviter
        .api('/invitations')
        .post({ invitedUserEmailAddress: address, inviteRedirectUrl: redirect })) as Json
      assert.equal(ok.status, 'PendingAcceptance')
    }
  })

  it('refuses missing and unknown properties and wrong types, naming them', async () => {
    const cases: [Json, RegExp][] = [
      [{ invitedUserEmailAddress: 'x@fabrikam.com' }, /'inviteRedirectUrl' is required/],
      [{ inviteRedirectUrl: redirect }, /'invitedUserEmailAddress' is required/],
      [
        { invitedUserEmailAddress: 'x@fabrikam.com', inviteRedirectUrl: redirect, colour: 1 },
        /'colour' does not exist/,
      ],
      [
        { invitedUserEmailAddress: 'x@fabrikam.com', inviteRedirectUrl: redirect, invitedUserType: 'Owner' },
        /invitedUserType/,
      ],
      [{ invitedUserEmailAddress: 'x@fabrikam.com', inviteRedirectUrl: 'not a url' }, /inviteRedirectUrl/],
      [{ invitedUserEmailAddress: `x@${domain}`, inviteRedirectUrl: redirect }, /own domain/],
    ]
    for (const [body, message] of cases) {
      const error = await expectGraphError(inviter.api('/invitations').post(body))
      assert.equal(error.statusCode, 400, String(message))
      assert.equal(error.code, 'Request_BadRequest')
      assert.match(error.message, message)
    }
    const sponsors = await expectGraphError(
      inviter.api('/invitations').post({
        invitedUserEmailAddress: 'x@fabrikam.com',
        inviteRedirectUrl: redirect,
        invitedUserSponsors: [],
      }),
    )
    assert.equal(sponsors.statusCode, 501)
  })

  it('answers 403 Authorization_RequestDenied to an app without an invite permission', async () => {
    const error = await expectGraphError(
      reader
        .api('/invitations')
        .post({ invitedUserEmailAddress: 'x@fabrikam.com', inviteRedirectUrl: redirect }),
    )
    assert.equal(error.statusCode, 403)
    assert.equal(error.code, 'Authorization_RequestDenied')
  })
})
