// Request body checks for POST and PATCH /users: unknown, read-only and ill-typed properties are
// refused with Graph's messages, naming the property; the password is checked, never kept.
import { graphErrors } from '../../errors'
import type { TenantRecord } from '../../store/store'
import type { Body } from '../validate'

type Check = (value: unknown, tenant: TenantRecord) => boolean

const invalid = (name: string): never => {
  throw graphErrors.badRequest(`Invalid value specified for property '${name}' of resource 'User'.`)
}

const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/
const nullableString =
  (max = 256): Check =>
  (v) =>
    v === null || (typeof v === 'string' && v.length <= max)
const isEmail = (v: unknown): boolean => typeof v === 'string' && v.length <= 256 && emailPattern.test(v)
const stringArray =
  (max: number, item: (v: unknown) => boolean): Check =>
  (v) =>
    Array.isArray(v) && v.length <= max && v.every(item)

/** Graph's UPN alias characters (A-Z a-z 0-9 ' . - _ ! # ^ ~), not starting or ending with a dot. */
const upnAlias = /^(?!\.)[A-Za-z0-9'._!#^~-]+(?<!\.)$/

/** Checks a userPrincipalName's shape and that its domain is the tenant's (the emulator has no custom domains). */
export function checkUserPrincipalName(value: unknown, tenant: TenantRecord): string {
  if (typeof value !== 'string') return invalid('userPrincipalName')
  const at = value.lastIndexOf('@')
  const alias = value.slice(0, at)
  if (at <= 0 || alias.length > 113 || !upnAlias.test(alias)) return invalid('userPrincipalName')
  if (value.slice(at + 1).toLowerCase() !== tenant.initialDomain.toLowerCase())
    throw graphErrors.badRequest(
      'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.',
    )
  return value
}

const writable: Readonly<Record<string, Check>> = {
  accountEnabled: (v) => typeof v === 'boolean',
  businessPhones: stringArray(1, (s) => typeof s === 'string' && s.length <= 64),
  city: nullableString(128),
  companyName: nullableString(64),
  country: nullableString(128),
  department: nullableString(64),
  displayName: (v) => typeof v === 'string' && v.trim() !== '' && v.length <= 256,
  employeeId: nullableString(16),
  employeeType: nullableString(),
  givenName: nullableString(64),
  jobTitle: nullableString(128),
  mail: (v) => v === null || isEmail(v),
  mailNickname: (v) => typeof v === 'string' && /^[^\s@"\\()[\];:,<>]{1,64}$/.test(v),
  mobilePhone: nullableString(64),
  officeLocation: nullableString(128),
  otherMails: stringArray(250, isEmail),
  postalCode: nullableString(40),
  preferredLanguage: (v) =>
    v === null || (typeof v === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v)),
  showInAddressList: (v) => v === null || typeof v === 'boolean',
  state: nullableString(128),
  streetAddress: nullableString(1024),
  surname: nullableString(64),
  usageLocation: (v) => v === null || (typeof v === 'string' && /^[A-Z]{2}$/.test(v)),
  userPrincipalName: (v) => typeof v === 'string',
  userType: (v) => v === 'Member' || v === 'Guest',
  passwordProfile: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
}

const readOnly = new Set([
  'id',
  'createdDateTime',
  'creationType',
  'deletedDateTime',
  'externalUserState',
  'externalUserStateChangeDateTime',
  'identities',
  'onPremisesSyncEnabled',
  'proxyAddresses',
])

const required = ['accountEnabled', 'displayName', 'mailNickname', 'userPrincipalName', 'passwordProfile']

/** Entra's complexity rule: 8-256 characters, three of lower case, upper case, digits and symbols. */
function checkPasswordProfile(value: unknown): void {
  const profile = value as Body
  for (const name of Object.keys(profile))
    if (!['password', 'forceChangePasswordNextSignIn', 'forceChangePasswordNextSignInWithMfa'].includes(name))
      throw graphErrors.badRequest(
        `The property '${name}' does not exist on type 'microsoft.graph.passwordProfile'. Make sure to only use property names that are defined by the type.`,
      )
  for (const flag of ['forceChangePasswordNextSignIn', 'forceChangePasswordNextSignInWithMfa'])
    if (profile[flag] !== undefined && typeof profile[flag] !== 'boolean') invalid(`passwordProfile.${flag}`)
  const password = profile.password
  if (typeof password !== 'string') return invalid('passwordProfile')
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length
  if (password.length < 8 || password.length > 256 || classes < 3)
    throw graphErrors.badRequest(
      'The specified password does not comply with password complexity requirements. Please provide a different password.',
    )
}

/**
 * Checks a POST or PATCH body and returns the properties to store (the password profile is checked
 * and dropped). Duplicate UPNs are the caller's check: it needs the store.
 */
export function checkUserBody(body: Body, tenant: TenantRecord, mode: 'create' | 'update'): Body {
  const accepted: Body = {}
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith('@odata.')) continue
    if (readOnly.has(name)) throw graphErrors.badRequest(`Property '${name}' is read-only and cannot be set.`)
    const check = writable[name]
    if (check === undefined)
      throw graphErrors.badRequest(
        `The property '${name}' does not exist on type 'microsoft.graph.user'. Make sure to only use property names that are defined by the type.`,
      )
    if (!check(value, tenant)) invalid(name)
    if (name === 'passwordProfile') checkPasswordProfile(value)
    else if (name === 'userPrincipalName') accepted[name] = checkUserPrincipalName(value, tenant)
    else accepted[name] = value
  }
  if (mode === 'create')
    for (const name of required)
      if (body[name] === undefined || body[name] === null)
        throw graphErrors.badRequest(`Property '${name}' is required when creating a user.`)
  return accepted
}
