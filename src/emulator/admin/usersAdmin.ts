// Admin API: POST /_emulator/tenants/{tenant}/users {"users":[{displayName, ...}]} creates many users
// at once (one transaction: the admin API wraps extensions in one) and answers 201 {"value":[...]}.
// Defaults: userPrincipalName from displayName at the initial domain (a guest with a mail gets the B2B
// form alias_domain#EXT#@initialDomain), mailNickname from the UPN, accountEnabled true, userType
// Member. A user with creationType 'Invitation' starts with externalUserState 'Accepted' unless told
// otherwise (admin-made guests stand for already redeemed ones). homeTenantId / homeObjectId are kept
// as the hidden emulator.homeTenantId / emulator.homeObjectId, which Graph responses never show.
// No audit records are written: these are not Graph calls.
import { randomUUID } from 'node:crypto'
import type { TenantRecord } from '../store/store'
import {
  graphTime,
  guestUpn,
  homeObjectIdKey,
  homeTenantIdKey,
  newUserBody,
  userKind,
  type UserBody,
} from '../graph/routes/userShapes'
import { AdminError, type AdminExtension, type AdminRequest } from './extensions'

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/
const maxUsers = 50_000

type Rule = readonly [check: (v: unknown) => boolean, expected: string]
const str: Rule = [(v) => typeof v === 'string', 'a string']
const nullableStr: Rule = [(v) => v === null || typeof v === 'string', 'a string or null']
const bool: Rule = [(v) => typeof v === 'boolean', 'true or false']
const guid: Rule = [(v) => typeof v === 'string' && guidPattern.test(v), 'a GUID']
const email: Rule = [(v) => typeof v === 'string' && emailPattern.test(v), 'an e-mail address']
const oneOf = (...values: (string | null)[]): Rule => [
  (v) => values.includes(v as string | null),
  values.map((x) => JSON.stringify(x)).join(' | '),
]

const rules: Readonly<Record<string, Rule>> = {
  id: guid,
  userPrincipalName: [(v) => typeof v === 'string' && /^[^@\s]+@[^@\s]+$/.test(v), 'alias@domain'],
  displayName: [(v) => typeof v === 'string' && v.trim() !== '', 'a non-empty string'],
  mail: [(v) => v === null || email[0](v), 'an e-mail address or null'],
  mailNickname: str,
  userType: oneOf('Member', 'Guest'),
  accountEnabled: bool,
  showInAddressList: [(v) => v === null || typeof v === 'boolean', 'true, false or null'],
  department: nullableStr,
  jobTitle: nullableStr,
  givenName: nullableStr,
  surname: nullableStr,
  companyName: nullableStr,
  employeeId: nullableStr,
  employeeType: nullableStr,
  officeLocation: nullableStr,
  mobilePhone: nullableStr,
  usageLocation: [
    (v) => v === null || (typeof v === 'string' && /^[A-Z]{2}$/.test(v)),
    'a two-letter country code',
  ],
  city: nullableStr,
  country: nullableStr,
  state: nullableStr,
  otherMails: [(v) => Array.isArray(v) && v.every((m) => email[0](m)), 'an array of e-mail addresses'],
  creationType: oneOf(null, 'Invitation', 'LocalAccount', 'EmailVerified', 'SelfServiceSignUp'),
  externalUserState: oneOf(null, 'PendingAcceptance', 'Accepted'),
  identities: [
    (v) =>
      Array.isArray(v) &&
      v.every(
        (i) =>
          typeof i === 'object' &&
          i !== null &&
          ['signInType', 'issuer', 'issuerAssignedId'].every((k) => {
            const value = (i as Record<string, unknown>)[k]
            return value === null || typeof value === 'string'
          }),
      ),
    'an array of {signInType, issuer, issuerAssignedId}',
  ],
  homeTenantId: guid,
  homeObjectId: guid,
}

/** alias from a display name: "Ada Lovelace" -> "ada.lovelace". */
function aliasOf(displayName: string): string {
  const alias = displayName
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\s+/g, '.')
    .replace(/[^a-z0-9._-]/g, '')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.-]+|[.-]+$/g, '')
  return alias === '' ? 'user' : alias
}

function buildUser(
  request: AdminRequest,
  tenant: TenantRecord,
  input: Record<string, unknown>,
  index: number,
  taken: Set<string>,
  now: Date,
): UserBody {
  const where = (field: string) => `users[${index}].${field}`
  for (const [field, value] of Object.entries(input)) {
    const rule = rules[field]
    if (rule === undefined)
      throw new AdminError(
        400,
        `${where(field)} is not a field the admin API knows; known: ${Object.keys(rules).join(', ')}`,
      )
    if (!rule[0](value))
      throw new AdminError(400, `${where(field)} is ${JSON.stringify(value)}; expected ${rule[1]}`)
  }
  if (input.displayName === undefined) throw new AdminError(400, `${where('displayName')} is required`)
  const displayName = input.displayName as string
  const userType = (input.userType as string | undefined) ?? 'Member'
  const mail = input.mail as string | null | undefined
  let upn = input.userPrincipalName as string | undefined
  const isGuest = userType === 'Guest' && typeof mail === 'string'
  if (upn !== undefined) {
    if (upn.slice(upn.lastIndexOf('@') + 1).toLowerCase() !== tenant.initialDomain.toLowerCase())
      throw new AdminError(
        400,
        `${where('userPrincipalName')} '${upn}' must end in @${tenant.initialDomain}, the tenant's domain`,
      )
    if (taken.has(upn.toLowerCase()))
      throw new AdminError(
        400,
        `${where('userPrincipalName')} '${upn}' is already taken by an existing user or an earlier entry`,
      )
  } else {
    const base = isGuest ? guestUpn(mail, tenant).split('@')[0]! : aliasOf(displayName)
    upn = `${base}@${tenant.initialDomain}`
    for (let n = 2; taken.has(upn.toLowerCase()); n++) upn = `${base}${n}@${tenant.initialDomain}`
  }
  taken.add(upn.toLowerCase())
  const id = ((input.id as string | undefined) ?? randomUUID()).toLowerCase()
  if (request.store.tenant(tenant.id).find(userKind, id) !== undefined)
    throw new AdminError(400, `${where('id')} '${id}' is already used by a user (live or deleted)`)
  const creationType =
    input.creationType !== undefined
      ? input.creationType
      : isGuest && upn.includes('#EXT#')
        ? 'Invitation'
        : null
  const { homeTenantId, homeObjectId, ...graphProperties } = input
  const properties: Record<string, unknown> = {
    mailNickname: upn.slice(0, upn.lastIndexOf('@')),
    ...(isGuest ? { otherMails: [mail], proxyAddresses: [`SMTP:${mail}`] } : {}),
    ...graphProperties,
    userPrincipalName: upn,
    displayName,
    userType,
    creationType,
    externalUserState:
      input.externalUserState !== undefined
        ? input.externalUserState
        : creationType === 'Invitation'
          ? 'Accepted'
          : null,
  }
  if (properties.externalUserState !== null) properties.externalUserStateChangeDateTime = graphTime(now)
  const user = newUserBody({ id, now, tenant, properties })
  if (homeTenantId !== undefined) user[homeTenantIdKey] = (homeTenantId as string).toLowerCase()
  if (homeObjectId !== undefined) user[homeObjectIdKey] = (homeObjectId as string).toLowerCase()
  return user
}

export const usersAdmin: AdminExtension = (request) => {
  const s = request.segments
  if (request.method !== 'POST' || s.length !== 3 || s[0] !== 'tenants' || s[2] !== 'users') return undefined
  const tenant = request.tenant()
  const list = request.body.users
  if (!Array.isArray(list) || list.length === 0 || list.length > maxUsers)
    throw new AdminError(
      400,
      `'users' must be an array of 1 to ${maxUsers} user objects, e.g. {"users":[{"displayName":"Ada Lovelace"}]}`,
    )
  for (const name of Object.keys(request.body))
    if (name !== 'users')
      throw new AdminError(400, `'${name}' is not a field of this request; only 'users' is`)
  const store = request.store.tenant(tenant.id)
  const taken = new Set(
    store.list<UserBody>(userKind).map((u) => String(u.body.userPrincipalName).toLowerCase()),
  )
  const now = request.clock.now()
  const created: UserBody[] = []
  list.forEach((input: unknown, index) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      throw new AdminError(400, `users[${index}] is ${JSON.stringify(input)}; expected a user object`)
    const user = buildUser(request, tenant, input as Record<string, unknown>, index, taken, now)
    store.insert(userKind, String(user.id), user)
    created.push(user)
  })
  return { status: 201, body: { value: created } }
}
