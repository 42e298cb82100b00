// The group object as the emulator stores and shows it (graph-api.md §6.1): the full group is stored
// under kind 'group' (id = object id); responses show Graph's default property set unless $select asks
// for more. isManagementRestricted is computed on read (it is never stored).
import { graphErrors } from '../../errors'
import type { TenantRecord } from '../../store/store'
import type { Json, TenantStore } from '../../store/tenantStore'
import type { GraphContext } from '../context'
import type { EntityShape } from '../replies'
import { checkObjectId } from '../validate'
import { isManagementRestricted } from './administrativeUnitShapes'
import { graphTime } from './userShapes'

export const groupKind = 'group'
/** Link kinds: source group -> target member / owner. */
export const membersLink = 'group.members'
export const ownersLink = 'group.owners'
/** Per-tenant emulator settings for groups (see groupsAdmin.ts). */
export const groupSettingsKind = 'emulator.groupSettings'

export type GroupBody = Json

export const groupReadPermissions = [
  'Group.Read.All',
  'Group.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
]
export const groupWritePermissions = ['Group.ReadWrite.All', 'Directory.ReadWrite.All']
export const memberReadPermissions = [
  'GroupMember.Read.All',
  'Group.Read.All',
  'GroupMember.ReadWrite.All',
  'Group.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
]
export const memberWritePermissions = [
  'GroupMember.ReadWrite.All',
  'Group.ReadWrite.All',
  'Directory.ReadWrite.All',
]
/** Role-assignable groups need this for creation, member and owner changes, and deletion (§6.1). */
export const roleManagementPermission = 'RoleManagement.ReadWrite.Directory'

/** What GET returns without $select, in Graph's order (group-post-groups example response). */
export const defaultGroupProperties = [
  'id',
  'deletedDateTime',
  'classification',
  'createdDateTime',
  'creationOptions',
  'description',
  'displayName',
  'expirationDateTime',
  'groupTypes',
  'isAssignableToRole',
  'mail',
  'mailEnabled',
  'mailNickname',
  'membershipRule',
  'membershipRuleProcessingState',
  'onPremisesDomainName',
  'onPremisesLastSyncDateTime',
  'onPremisesNetBiosName',
  'onPremisesSamAccountName',
  'onPremisesSecurityIdentifier',
  'onPremisesSyncEnabled',
  'preferredDataLocation',
  'preferredLanguage',
  'proxyAddresses',
  'renewedDateTime',
  'resourceBehaviorOptions',
  'resourceProvisioningOptions',
  'securityEnabled',
  'securityIdentifier',
  'theme',
  'visibility',
  'onPremisesProvisioningErrors',
  'serviceProvisioningErrors',
] as const

/** Every property $select may name: the defaults plus the computed, read-only isManagementRestricted. */
export const groupProperties: readonly string[] = [...defaultGroupProperties, 'isManagementRestricted']

export const groupShape: EntityShape = {
  contextPath: 'groups',
  properties: groupProperties,
  typeName: 'group',
}

const guidBytes = (id: string): Buffer => {
  // A GUID's first three fields are little-endian in its binary form (how Windows builds the SID).
  const hex = id.replace(/-/g, '')
  const bytes = Buffer.from(hex, 'hex')
  return Buffer.concat([
    Buffer.from(bytes.subarray(0, 4)).reverse(),
    Buffer.from(bytes.subarray(4, 6)).reverse(),
    Buffer.from(bytes.subarray(6, 8)).reverse(),
    bytes.subarray(8),
  ])
}

/** Entra's cloud SID for an object id: S-1-12-1 and the GUID's bytes as four 32-bit numbers. */
export function securityIdentifierOf(id: string): string {
  const bytes = guidBytes(id)
  return `S-1-12-1-${[0, 4, 8, 12].map((offset) => bytes.readUInt32LE(offset)).join('-')}`
}

export const isUnified = (group: GroupBody): boolean =>
  Array.isArray(group.groupTypes) && group.groupTypes.includes('Unified')
/** Security groups that are not mail-enabled: the only groups a restricted AU accepts, the ones whose soft delete is configurable. */
export const isPlainSecurityGroup = (group: GroupBody): boolean =>
  group.securityEnabled === true && group.mailEnabled !== true && !isUnified(group)

export interface NewGroupInput {
  readonly id: string
  readonly displayName: string
  readonly mailNickname: string
  readonly mailEnabled: boolean
  readonly securityEnabled: boolean
  readonly groupTypes: readonly string[]
  readonly description?: string | null
  readonly visibility?: string | null
  readonly isAssignableToRole?: boolean | null
  readonly extra?: Json
}

/** A complete stored group with Graph's defaults for everything the caller did not set. */
export function newGroupBody(input: NewGroupInput, tenant: TenantRecord, now: Date): GroupBody {
  const unified = input.groupTypes.includes('Unified')
  const mail = input.mailEnabled ? `${input.mailNickname}@${tenant.initialDomain}` : null
  const created = graphTime(now)
  return {
    id: input.id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: created,
    creationOptions: [],
    description: input.description ?? null,
    displayName: input.displayName,
    expirationDateTime: null,
    groupTypes: [...input.groupTypes],
    isAssignableToRole: input.isAssignableToRole ?? null,
    mail,
    mailEnabled: input.mailEnabled,
    mailNickname: input.mailNickname,
    membershipRule: null,
    membershipRuleProcessingState: null,
    onPremisesDomainName: null,
    onPremisesLastSyncDateTime: null,
    onPremisesNetBiosName: null,
    onPremisesSamAccountName: null,
    onPremisesSecurityIdentifier: null,
    onPremisesSyncEnabled: null,
    preferredDataLocation: null,
    preferredLanguage: null,
    proxyAddresses: mail === null ? [] : [`SMTP:${mail}`],
    renewedDateTime: created,
    resourceBehaviorOptions: [],
    resourceProvisioningOptions: [],
    securityEnabled: input.securityEnabled,
    securityIdentifier: securityIdentifierOf(input.id),
    theme: null,
    visibility: input.visibility ?? (unified ? 'Public' : null),
    onPremisesProvisioningErrors: [],
    serviceProvisioningErrors: [],
    ...input.extra,
  }
}

/** The group as shown: the default set without $select, everything (with computed properties) with it. */
export function groupView(store: TenantStore, group: GroupBody, selecting: boolean): GroupBody {
  if (!selecting) {
    const view: GroupBody = {}
    for (const name of defaultGroupProperties)
      view[name] = name === 'deletedDateTime' ? null : (group[name] ?? null)
    return view
  }
  return {
    ...group,
    deletedDateTime: null,
    isManagementRestricted: isManagementRestricted(store, String(group.id)),
  }
}

export function requireGroup(ctx: GraphContext, id: string): GroupBody {
  const group = ctx.store.get<GroupBody>(groupKind, checkObjectId(id))
  if (group === undefined) throw graphErrors.notFound(id)
  return group
}

export interface GroupSettings extends Json {
  /** What DELETE does to a security group that is not mail-enabled (graph-api.md §6.1: the docs changed). */
  securityGroupDelete: 'soft' | 'hard'
}

export function groupSettings(store: TenantStore): GroupSettings {
  return store.get<GroupSettings>(groupSettingsKind, 'settings') ?? { securityGroupDelete: 'soft' }
}

/** mailNickname: at most 64 ASCII characters, none of @ ( ) \ [ ] " ; : . < > , or space (group-post-groups). */
export const isValidMailNickname = (value: unknown): value is string =>
  typeof value === 'string' && /^[\x21-\x7e]{1,64}$/.test(value) && !/[@()\\[\]";:.<>,]/.test(value)

/** The live Microsoft 365 group already using a mail alias (aliases are unique among them), if any. */
export function unifiedWithNickname(
  store: TenantStore,
  nickname: string,
  except?: string,
): GroupBody | undefined {
  const wanted = nickname.toLowerCase()
  return store
    .list<GroupBody>(groupKind)
    .map((stored) => stored.body)
    .find((g) => isUnified(g) && g.id !== except && String(g.mailNickname).toLowerCase() === wanted)
}
