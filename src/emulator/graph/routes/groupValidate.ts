// Request body checks for POST and PATCH /groups: each writable property's type and limits, read-only
// and unmodelled properties refused by name, and the rules tying groupTypes, mailEnabled and
// securityEnabled together (what Graph lets an app create: Microsoft 365 and security groups).
import { graphErrors } from '../../errors'
import type { GraphContext } from '../context'
import {
  checkBoolean,
  checkEnum,
  checkProperties,
  checkString,
  fail,
  type Body,
  type Check,
} from '../validate'
import { isUnified, isValidMailNickname, roleManagementPermission, type GroupBody } from './groupShapes'

const invalidValue = (name: string): never => {
  throw graphErrors.badRequest(`Invalid value specified for property '${name}' of resource 'Group'.`)
}
const nullableString =
  (max: number): Check =>
  (value, path) => {
    checkString(value, path, true)
    if (typeof value === 'string' && value.length > max) invalidValue(path)
  }
const stringArray: Check = (value, path) => {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    fail(path, value, 'an array of strings')
}
const dynamicOnly: Check = (value, path) => {
  if (value !== null) throw graphErrors.notImplemented(`dynamic membership ('${path}')`)
}

const writable: Readonly<Record<string, Check>> = {
  displayName: (value, path) => {
    checkString(value, path)
    if ((value as string).trim() === '' || (value as string).length > 256) invalidValue(path)
  },
  description: nullableString(1024),
  mailEnabled: (value, path) => checkBoolean(value, path),
  mailNickname: (value, path) => {
    checkString(value, path)
    if (!isValidMailNickname(value)) invalidValue(path)
  },
  securityEnabled: (value, path) => checkBoolean(value, path),
  groupTypes: (value, path) => {
    stringArray(value, path)
    for (const type of value as string[]) {
      if (type === 'DynamicMembership')
        throw graphErrors.notImplemented("dynamic membership (groupTypes 'DynamicMembership')")
      if (type !== 'Unified') fail(path, value, "an array holding at most 'Unified'")
    }
  },
  visibility: (value, path) => {
    if (value !== null) checkEnum(value, path, ['Public', 'Private', 'HiddenMembership'])
  },
  isAssignableToRole: (value, path) => checkBoolean(value, path, true),
  classification: nullableString(256),
  preferredDataLocation: nullableString(256),
  preferredLanguage: nullableString(256),
  theme: nullableString(256),
  membershipRule: dynamicOnly,
  membershipRuleProcessingState: dynamicOnly,
  resourceBehaviorOptions: stringArray,
  resourceProvisioningOptions: stringArray,
}
const createOnly = ['isAssignableToRole', 'resourceBehaviorOptions', 'resourceProvisioningOptions']
const required = ['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled']
const readOnly = [
  'id',
  'deletedDateTime',
  'createdDateTime',
  'creationOptions',
  'expirationDateTime',
  'mail',
  'onPremisesDomainName',
  'onPremisesLastSyncDateTime',
  'onPremisesNetBiosName',
  'onPremisesSamAccountName',
  'onPremisesSecurityIdentifier',
  'onPremisesSyncEnabled',
  'onPremisesProvisioningErrors',
  'proxyAddresses',
  'renewedDateTime',
  'securityIdentifier',
  'serviceProvisioningErrors',
  'isManagementRestricted',
]
/** Group properties Graph has that the emulator does not model (Exchange and licensing ones). */
const unmodelled = [
  'allowExternalSenders',
  'autoSubscribeNewMembers',
  'hideFromAddressLists',
  'hideFromOutlookClients',
  'isSubscribedByMail',
  'unseenCount',
  'uniqueName',
  'assignedLabels',
  'assignedLicenses',
  'isArchived',
]

export interface GroupWrite {
  readonly properties: Body
  readonly memberBinds: readonly unknown[]
  readonly ownerBinds: readonly unknown[]
}

function bindList(body: Body, key: string): unknown[] {
  const value = body[key]
  delete body[key]
  if (value === undefined) return []
  if (!Array.isArray(value)) fail(key, value, 'an array of directoryObject URLs')
  return value
}

/** Splits and checks a POST or PATCH body; the type rules are checked by checkGroupTypeRules. */
export function checkGroupBody(raw: Body, mode: 'create' | 'update'): GroupWrite {
  const body: Body = { ...raw }
  const memberBinds = bindList(body, 'members@odata.bind')
  const ownerBinds = bindList(body, 'owners@odata.bind')
  if (mode === 'update' && ownerBinds.length > 0)
    throw graphErrors.notImplemented(
      "'owners@odata.bind' on PATCH /groups/{id} (use POST /groups/{id}/owners/$ref)",
    )
  for (const name of Object.keys(body)) {
    if (readOnly.includes(name))
      throw graphErrors.badRequest(`Property '${name}' is read-only and cannot be set.`)
    if (unmodelled.includes(name)) throw graphErrors.notImplemented(`the group property '${name}'`)
    if (mode === 'update' && createOnly.includes(name) && name !== 'isAssignableToRole')
      throw graphErrors.badRequest(`Property '${name}' can only be set when the group is created.`)
  }
  checkProperties(body, writable, 'group')
  if (mode === 'create')
    for (const name of required)
      if (body[name] === undefined)
        throw graphErrors.badRequest(`The property '${name}' is required when creating a group.`)
  return { properties: body, memberBinds, ownerBinds }
}

const mailEnabledWrites =
  'The service does not currently support writes of mail-enabled groups. Please ensure that the mail-enablement property is unset or is set to false.'

/**
 * The combination rules on the group as it would be after the write (`before` undefined on create):
 * Microsoft 365 groups are mail-enabled; other groups are security groups that are not mail-enabled.
 */
export function checkGroupTypeRules(
  ctx: GraphContext,
  after: GroupBody,
  before: GroupBody | undefined,
): void {
  const unified = isUnified(after)
  if (before !== undefined && isUnified(before) !== unified)
    throw graphErrors.badRequest(
      "Property 'groupTypes' cannot change between a Microsoft 365 group and a security group.",
    )
  if (!unified && after.mailEnabled === true && before?.mailEnabled !== true)
    throw graphErrors.badRequest(mailEnabledWrites)
  if (unified && after.mailEnabled !== true)
    throw graphErrors.badRequest(
      "A Microsoft 365 group (groupTypes 'Unified') must have mailEnabled set to true.",
    )
  if (!unified && after.mailEnabled !== true && after.securityEnabled !== true)
    throw graphErrors.badRequest(
      'A group that is not a Microsoft 365 group must have securityEnabled set to true.',
    )
  if (after.visibility === 'HiddenMembership' && before?.visibility !== 'HiddenMembership') {
    if (before !== undefined)
      throw graphErrors.badRequest(
        "The visibility 'HiddenMembership' can only be set when the group is created.",
      )
    if (!unified)
      throw graphErrors.badRequest("The visibility 'HiddenMembership' applies to Microsoft 365 groups only.")
  }
  if (before !== undefined && (after.isAssignableToRole ?? null) !== (before.isAssignableToRole ?? null))
    throw graphErrors.badRequest("Property 'isAssignableToRole' can only be set when the group is created.")
  if (before === undefined && after.isAssignableToRole === true) {
    if (after.securityEnabled !== true)
      throw graphErrors.badRequest(
        'A group that is assignable to roles must have securityEnabled set to true.',
      )
    if (!ctx.caller.roles.includes(roleManagementPermission)) throw graphErrors.forbidden()
  }
}
