// B2B invitations: POST /invitations creates a guest (or member) user pending acceptance
// (graph-api.md §5.1, §5.2). No API redeems an invitation; the provisioning engine or the admin API
// can mark users Accepted.
//
// LIMITATIONS (UNCONFIRMED in the reference, or not modelled):
// - Inviting an address that already belongs to a user (mail, otherMails or userPrincipalName, or
//   the guest UPN it would get) returns that user in invitedUser and creates nothing; status is
//   PendingAcceptance while the user's externalUserState is, else Completed. Graph is believed to do
//   the same.
// - Inviting an address in the host tenant's own domain is refused with 400.
// - Without invitedUserDisplayName the guest's displayName is the address's local part.
// - A new guest's showInAddressList is null (Graph's raw value, false or null, is UNCONFIRMED).
// - invitedUser is accepted only with resetRedemption true; a reset finds the user by invitedUser.id
//   or by the address, puts it back to PendingAcceptance and sets mail to the new address.
// - Messages for invalid bodies are the emulator's own (Graph's are UNCONFIRMED); no e-mail is sent;
//   tenant settings that disable or restrict invitations are not modelled; invitedUserSponsors
//   (beta) is refused with 501.
import { randomUUID } from 'node:crypto'
import { graphErrors } from '../../errors'
import type { Cloud } from '../../store/store'
import { recordAudit } from '../audit'
import type { GraphContext, GraphRoute } from '../context'
import { entity, type EntityShape } from '../replies'
import { fail, isGuid, requireObject, type Body } from '../validate'
import { findUserByUpn, graphTime, guestUpn, newUserBody, userKind, type UserBody } from './userShapes'

const invitationShape: EntityShape = {
  contextPath: 'invitations',
  properties: [],
  typeName: 'invitation',
}

const known = [
  'invitedUserEmailAddress',
  'inviteRedirectUrl',
  'invitedUserDisplayName',
  'sendInvitationMessage',
  'invitedUserMessageInfo',
  'invitedUserType',
  'invitedUser',
  'resetRedemption',
]

const loginHost: Record<Cloud, string> = {
  global: 'login.microsoftonline.com',
  usgov: 'login.microsoftonline.us',
  usgovdod: 'login.microsoftonline.us',
  china: 'login.chinacloudapi.cn',
}

/** §5.1: `.` and `-` anywhere but at the ends, `_` anywhere, no other special characters. */
const localPartPattern = /^(?![.-])[A-Za-z0-9._-]+(?<![.-])$/
const domainPattern =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/

function checkAddress(value: unknown): string {
  if (value === undefined || value === null)
    throw graphErrors.badRequest("The property 'invitedUserEmailAddress' is required.")
  if (typeof value !== 'string') return fail('invitedUserEmailAddress', value, 'an e-mail address')
  const at = value.lastIndexOf('@')
  const local = value.slice(0, at)
  if (at <= 0 || !localPartPattern.test(local) || !domainPattern.test(value.slice(at + 1)))
    throw graphErrors.badRequest(
      `The invited user e-mail address '${value}' is not valid: the part before '@' may use letters, digits, '_' anywhere and '.' or '-' except at its ends.`,
    )
  return value
}

function checkMessageInfo(value: unknown): Body {
  const fallback = {
    messageLanguage: null,
    customizedMessageBody: null,
    ccRecipients: [{ emailAddress: { name: null, address: null } }],
  }
  if (value === undefined || value === null) return fallback
  if (typeof value !== 'object' || Array.isArray(value))
    return fail('invitedUserMessageInfo', value, 'an invitedUserMessageInfo object')
  const info = value as Body
  for (const name of Object.keys(info))
    if (!['messageLanguage', 'customizedMessageBody', 'ccRecipients'].includes(name))
      throw graphErrors.badRequest(
        `The property '${name}' does not exist on type 'microsoft.graph.invitedUserMessageInfo'.`,
      )
  for (const name of ['messageLanguage', 'customizedMessageBody'])
    if (info[name] !== undefined && info[name] !== null && typeof info[name] !== 'string')
      fail(`invitedUserMessageInfo.${name}`, info[name], 'a string or null')
  const cc = info.ccRecipients
  if (cc !== undefined && cc !== null) {
    const ok =
      Array.isArray(cc) &&
      cc.every((r) => {
        const address = (r as { emailAddress?: { address?: unknown; name?: unknown } } | null)?.emailAddress
        return (
          typeof address === 'object' &&
          address !== null &&
          (address.address === undefined || address.address === null || typeof address.address === 'string')
        )
      })
    if (!ok)
      fail('invitedUserMessageInfo.ccRecipients', cc, 'an array of {"emailAddress": {"name", "address"}}')
  }
  return { ...fallback, ...info }
}

function checkBody(ctx: GraphContext): Body {
  const body = requireObject(ctx.body, 'an invitation')
  if (body.invitedUserSponsors !== undefined)
    throw graphErrors.notImplemented('invitedUserSponsors on invitations')
  for (const name of Object.keys(body))
    if (!name.startsWith('@odata.') && !known.includes(name))
      throw graphErrors.badRequest(
        `The property '${name}' does not exist on type 'microsoft.graph.invitation'. Make sure to only use property names that are defined by the type.`,
      )
  const redirect = body.inviteRedirectUrl
  if (redirect === undefined || redirect === null)
    throw graphErrors.badRequest("The property 'inviteRedirectUrl' is required.")
  if (typeof redirect !== 'string' || !/^https?:\/\/[^\s]+$/i.test(redirect))
    fail('inviteRedirectUrl', redirect, 'an absolute http(s) URL')
  const displayName = body.invitedUserDisplayName
  if (displayName !== undefined && displayName !== null && typeof displayName !== 'string')
    fail('invitedUserDisplayName', displayName, 'a string or null')
  for (const flag of ['sendInvitationMessage', 'resetRedemption'])
    if (body[flag] !== undefined && typeof body[flag] !== 'boolean') fail(flag, body[flag], 'true or false')
  const type = body.invitedUserType
  if (type !== undefined && type !== null && type !== 'Guest' && type !== 'Member')
    fail('invitedUserType', type, 'Guest or Member')
  const invitedUser = body.invitedUser as Body | undefined | null
  if (invitedUser !== undefined && invitedUser !== null) {
    if (typeof invitedUser !== 'object' || !isGuid(invitedUser.id))
      fail('invitedUser', invitedUser, '{"id": "<user object id>"}')
    if (body.resetRedemption !== true)
      throw graphErrors.badRequest(
        "The property 'invitedUser' can only be given with 'resetRedemption': true.",
      )
  }
  return body
}

/** A user that already answers to this address. */
function existingUser(ctx: GraphContext, address: string): UserBody | undefined {
  const wanted = address.toLowerCase()
  const guest = guestUpn(address, ctx.tenant).toLowerCase()
  return ctx.store.list<UserBody>(userKind).find((stored) => {
    const u = stored.body
    const upn = String(u.userPrincipalName).toLowerCase()
    const others = Array.isArray(u.otherMails) ? (u.otherMails as string[]) : []
    return (
      upn === wanted ||
      upn === guest ||
      (typeof u.mail === 'string' && u.mail.toLowerCase() === wanted) ||
      others.some((m) => m.toLowerCase() === wanted)
    )
  })?.body
}

function redeemUrl(ctx: GraphContext, userId: string): string {
  const ticket = randomUUID().replace(/-/g, '')
  const inner = `https://invitations.microsoft.com/redeem/?tenant=${ctx.tenant.id}&user=${userId}&ticket=${ticket}&ver=2.0`
  const encoded = encodeURIComponent(inner).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())
  return `https://${loginHost[ctx.tenant.cloud]}/redeem?rd=${encoded}`
}

function invite(ctx: GraphContext): ReturnType<typeof entity> {
  const body = checkBody(ctx)
  const address = checkAddress(body.invitedUserEmailAddress)
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase()
  if (domain === ctx.tenant.initialDomain.toLowerCase())
    throw graphErrors.badRequest(
      `The address '${address}' is in this tenant's own domain; invite external addresses only.`,
    )
  const messageInfo = checkMessageInfo(body.invitedUserMessageInfo)
  const now = ctx.clock.now()
  const userType = (body.invitedUserType as string | undefined | null) ?? 'Guest'
  let user: UserBody
  let status: string
  if (body.resetRedemption === true) {
    const id = (body.invitedUser as Body | undefined)?.id
    const found =
      typeof id === 'string'
        ? ctx.store.get<UserBody>(userKind, id.toLowerCase())
        : existingUser(ctx, address)
    if (found === undefined) throw graphErrors.notFound(typeof id === 'string' ? id : address)
    user = {
      ...found,
      mail: address,
      externalUserState: 'PendingAcceptance',
      externalUserStateChangeDateTime: graphTime(now),
      identities: [
        {
          signInType: 'userPrincipalName',
          issuer: ctx.tenant.initialDomain,
          issuerAssignedId: found.userPrincipalName,
        },
      ],
    }
    ctx.store.replace(userKind, String(found.id), user)
    status = 'PendingAcceptance'
  } else {
    const existing = existingUser(ctx, address)
    if (existing !== undefined) {
      user = existing
      status = existing.externalUserState === 'PendingAcceptance' ? 'PendingAcceptance' : 'Completed'
    } else {
      const upn = guestUpn(address, ctx.tenant)
      if (findUserByUpn(ctx.store, upn) !== undefined) throw graphErrors.conflict('userPrincipalName')
      const id = randomUUID()
      user = newUserBody({
        id,
        now,
        tenant: ctx.tenant,
        properties: {
          userPrincipalName: upn,
          displayName:
            typeof body.invitedUserDisplayName === 'string'
              ? body.invitedUserDisplayName
              : address.slice(0, address.lastIndexOf('@')),
          mail: address,
          mailNickname: `${address.replace('@', '_')}#EXT#`,
          otherMails: [address],
          proxyAddresses: [`SMTP:${address}`],
          userType,
          externalUserState: 'PendingAcceptance',
          externalUserStateChangeDateTime: graphTime(now),
          creationType: 'Invitation',
        },
      })
      ctx.store.insert(userKind, id, user)
      status = 'PendingAcceptance'
    }
  }
  recordAudit(ctx, {
    category: 'UserManagement',
    activityDisplayName: 'Invite external user',
    operationType: 'Add',
    loggedByService: 'Invited Users',
    target: { id: String(user.id), displayName: String(user.displayName), type: 'User' },
    modifiedProperties: [
      { displayName: 'invitedUserEmailAddress', oldValue: null, newValue: JSON.stringify(address) },
    ],
  })
  return entity(
    ctx,
    invitationShape,
    {
      id: randomUUID(),
      inviteRedeemUrl: redeemUrl(ctx, String(user.id)),
      invitedUserDisplayName: body.invitedUserDisplayName ?? null,
      invitedUserType: userType,
      invitedUserEmailAddress: address,
      sendInvitationMessage: body.sendInvitationMessage ?? false,
      resetRedemption: body.resetRedemption ?? false,
      inviteRedirectUrl: body.inviteRedirectUrl,
      status,
      invitedUserMessageInfo: messageInfo,
      invitedUser: { id: user.id },
    },
    201,
  )
}

export const invitationRoutes: GraphRoute[] = [
  {
    method: 'POST',
    path: '/invitations',
    permissions: ['User.Invite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
    handle: invite,
  },
]
