// The user object as the emulator stores and shows it (graph-api.md §5.2, §7.11): the full Graph user
// is stored under kind 'user'; responses show the default property set unless $select asks for more,
// and never the emulator's own `emulator.*` bookkeeping properties.
import type { Json, TenantStore } from '../../store/tenantStore'
import type { TenantRecord } from '../../store/store'
import { graphErrors } from '../../errors'
import type { GraphContext } from '../context'
import type { FilterFields, FilterOperator } from '../filter'
import type { EntityShape } from '../replies'
import { isGuid } from '../validate'

export const userKind = 'user'
/** Link kind: source user -> target manager (at most one). */
export const managerLinkKind = 'user.manager'
/** Properties only the emulator sees (set through the admin API; a provisioning engine matches on them). */
export const homeTenantIdKey = 'emulator.homeTenantId'
export const homeObjectIdKey = 'emulator.homeObjectId'

export type UserBody = Json

/** Every property $select may name, in the order the emulator stores them. */
export const userProperties = [
  'id',
  'deletedDateTime',
  'accountEnabled',
  'businessPhones',
  'city',
  'companyName',
  'country',
  'createdDateTime',
  'creationType',
  'department',
  'displayName',
  'employeeId',
  'employeeType',
  'externalUserState',
  'externalUserStateChangeDateTime',
  'givenName',
  'identities',
  'jobTitle',
  'mail',
  'mailNickname',
  'mobilePhone',
  'officeLocation',
  'onPremisesSyncEnabled',
  'otherMails',
  'postalCode',
  'preferredLanguage',
  'proxyAddresses',
  'showInAddressList',
  'state',
  'streetAddress',
  'surname',
  'usageLocation',
  'userPrincipalName',
  'userType',
] as const

/** What GET returns without $select, in Graph's order (graph-api.md §5.2). */
export const defaultUserProperties = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const

export const userShape: EntityShape = {
  contextPath: 'users',
  properties: userProperties,
  typeName: 'user',
}

/** Graph's timestamps carry seconds, no fraction: 2024-05-01T10:00:00Z. */
export const graphTime = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z')

/** A stored object (a user, or any directory object) without the emulator's hidden `emulator.*` properties. */
export function publicBody(body: Json): Json {
  const shown: Json = {}
  for (const [key, value] of Object.entries(body)) if (!key.startsWith('emulator.')) shown[key] = value
  return shown
}

/** The default property set (no $select). */
export function defaultUserView(body: UserBody): UserBody {
  const view: UserBody = {}
  for (const name of defaultUserProperties) view[name] = body[name] ?? null
  return view
}

/** What a response shows: the default set, or every public property for $select to pick from. */
export const userView = (ctx: GraphContext, body: UserBody): UserBody =>
  ctx.query.select === undefined ? defaultUserView(body) : publicBody(body)

/** $select names are case-insensitive in Graph; the projection in odata.ts is not, so canonicalise first. */
export function canonicalSelect(ctx: GraphContext, properties: readonly string[]): GraphContext {
  if (ctx.query.select === undefined) return ctx
  const byLower = new Map(properties.map((p) => [p.toLowerCase(), p]))
  const select = ctx.query.select.map((name) => byLower.get(name.toLowerCase()) ?? name)
  return { ...ctx, query: { ...ctx.query, select } }
}

export interface NewUserInput {
  readonly id: string
  readonly now: Date
  readonly tenant: TenantRecord
  readonly properties: Readonly<Record<string, unknown>>
}

/** A complete stored user: every property present (null when unset), identities derived from the UPN. */
export function newUserBody(input: NewUserInput): UserBody {
  const p = input.properties
  const upn = String(p.userPrincipalName)
  const body: UserBody = {}
  for (const name of userProperties) body[name] = null
  Object.assign(body, {
    id: input.id,
    accountEnabled: true,
    businessPhones: [],
    createdDateTime: graphTime(input.now),
    identities: [
      { signInType: 'userPrincipalName', issuer: input.tenant.initialDomain, issuerAssignedId: upn },
    ],
    otherMails: [],
    proxyAddresses: [],
    userType: 'Member',
  })
  for (const [name, value] of Object.entries(p))
    if (value !== undefined && name !== 'passwordProfile') body[name] = value
  return body
}

/** A userPrincipalName is unique among live users, compared case-insensitively. */
export function findUserByUpn(store: TenantStore, upn: string): UserBody | undefined {
  const wanted = upn.toLowerCase()
  return store.list<UserBody>(userKind).find((u) => String(u.body.userPrincipalName).toLowerCase() === wanted)
    ?.body
}

export function upnConflict(): never {
  throw graphErrors.badRequest(
    'Another object with the same value for property userPrincipalName already exists.',
  )
}

/** `{id}` or `{userPrincipalName}` from the path (the router has already URL-decoded %23EXT%23). */
export function requireUser(ctx: GraphContext, key: string): UserBody {
  // /users/$count and similar segments are Graph features, not user keys.
  if (key.startsWith('$')) throw graphErrors.notImplemented(`the segment '${key}' on /users`)
  const user = isGuid(key)
    ? ctx.store.get<UserBody>(userKind, key.toLowerCase())
    : findUserByUpn(ctx.store, key)
  if (user === undefined) throw graphErrors.notFound(key)
  return user
}

/** `alias_domain.com#EXT#@host.onmicrosoft.com` for an external address (graph-api.md §5.1). */
export const guestUpn = (email: string, tenant: TenantRecord): string =>
  `${email.replace('@', '_')}#EXT#@${tenant.initialDomain}`

// $filter support per property (Graph's table of directory object properties, simplified).
const text: readonly FilterOperator[] = ['eq', 'ne', 'not', 'in', 'ge', 'le', 'startsWith', 'null']
const advancedText = { type: 'string', operators: text, advanced: text } as const
const plainText = { type: 'string', operators: text, advanced: ['null'] } as const
const enumLike = { type: 'string', operators: ['eq', 'ne', 'not', 'in', 'null'], advanced: ['null'] } as const
const flag = { type: 'boolean', operators: ['eq', 'ne', 'not', 'in'] } as const
const mailLike: readonly FilterOperator[] = [...text, 'endsWith']

export const userFilterFields: FilterFields = {
  id: { type: 'guid', operators: ['eq', 'ne', 'not', 'in'] },
  accountEnabled: flag,
  city: plainText,
  companyName: advancedText,
  country: plainText,
  createdDateTime: { type: 'datetime', operators: ['eq', 'ne', 'not', 'ge', 'le', 'in'], advanced: ['in'] },
  creationType: enumLike,
  department: plainText,
  displayName: plainText,
  employeeId: plainText,
  employeeType: advancedText,
  externalUserState: enumLike,
  externalUserStateChangeDateTime: { type: 'datetime', operators: ['eq', 'ne', 'not', 'ge', 'le', 'in'] },
  givenName: plainText,
  identities: {
    type: 'objectCollection',
    fields: {
      issuer: { type: 'string', operators: ['eq'] },
      issuerAssignedId: { type: 'string', operators: ['eq'] },
      signInType: { type: 'string', operators: ['eq'] },
    },
  },
  jobTitle: plainText,
  mail: { type: 'string', operators: mailLike, advanced: ['null'] },
  mailNickname: plainText,
  mobilePhone: advancedText,
  officeLocation: advancedText,
  onPremisesSyncEnabled: { ...flag, operators: ['eq', 'ne', 'not', 'in', 'null'] },
  otherMails: {
    type: 'stringCollection',
    operators: ['eq', 'ne', 'not', 'ge', 'le', 'startsWith', 'endsWith'],
  },
  postalCode: advancedText,
  preferredLanguage: advancedText,
  proxyAddresses: {
    type: 'stringCollection',
    operators: ['eq', 'ne', 'not', 'ge', 'le', 'startsWith', 'endsWith'],
  },
  businessPhones: { type: 'stringCollection', operators: ['eq'] },
  showInAddressList: { type: 'boolean', operators: ['eq', 'ne', 'not', 'in'], advanced: ['eq', 'in'] },
  state: plainText,
  streetAddress: advancedText,
  surname: plainText,
  usageLocation: plainText,
  userPrincipalName: { type: 'string', operators: mailLike },
  userType: enumLike,
}

export const userReadPermissions = [
  'User.Read.All',
  'User.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
]
export const userWritePermissions = ['User.ReadWrite.All', 'Directory.ReadWrite.All']
/** Directory.ReadWrite.All does not allow deleting users (its documented description). */
export const userDeletePermissions = ['User.DeleteRestore.All', 'User.ReadWrite.All']
