// GENERATED from schemas/topology.schema.json by tools/topologyTypes.ts (npm run generate).
// Do not edit: change the schema and regenerate; a test fails when this file is stale.

/**
 * The tenant's id (directory id), a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47.
 */
export type TenantId = string
/**
 * The national cloud the tenant lives in: global (Microsoft Entra ID), usgov (Azure Government, GCC High), usgovdod (DoD), china (operated by 21Vianet). Cross-tenant synchronization and multitenant organizations work only inside the global cloud (and sync also inside usgov).
 */
export type Cloud = 'global' | 'usgov' | 'usgovdod' | 'china'
/**
 * A cloud whose users this tenant may collaborate with (crossTenantAccessPolicy.allowedCloudEndpoints).
 */
export type CloudEndpoint = 'microsoftonline.com' | 'microsoftonline.us' | 'partner.microsoftonline.cn'
/**
 * A tenant alias: lower-case letters, digits and '-', starting with a letter, at most 40 characters. Resource names derive from it, so renaming an alias replaces that tenant's resources.
 */
export type Alias = string
/**
 * Cross-tenant synchronization: which ordered pairs of tenants sync users, and how those users look in the target.
 */
export type Sync = {
  /**
   * mesh: every ordered pair of the tenants listed in sync.tenants (all tenants by default). hub: each spoke syncs to the hub, a single resource tenant (and back, with hubToSpokes). pairs: exactly sync.pairs.
   */
  topology: 'mesh' | 'hub' | 'pairs'
  /**
   * mesh and hub: the tenants taking part (all tenants by default).
   */
  tenants?: Alias[]
  /**
   * A tenant alias: lower-case letters, digits and '-', starting with a letter, at most 40 characters. Resource names derive from it, so renaming an alias replaces that tenant's resources.
   */
  hub?: string
  /**
   * hub: also sync the hub's users to every spoke.
   */
  hubToSpokes?: boolean
  /**
   * pairs: the ordered source to target pairs.
   *
   * @minItems 1
   */
  pairs?: [Pair, ...Pair[]]
  /**
   * userType of synced users in the target. Member gives the in-organization experience (Teams, people search, multitenant organizations need it).
   */
  userType?: 'Member' | 'Guest'
  /**
   * always: the userType mapping flows on every update (flowType Always), so existing B2B guests become members. onCreate: only new users get it (Entra's default, ObjectAddOnly).
   */
  applyUserType?: 'always' | 'onCreate'
  /**
   * Whether synced users appear in the target's global address list and people search.
   */
  showInAddressList?: boolean
  /**
   * What happens in the target to a user who leaves the scope or is deleted in the source: soft delete (restorable for 30 days), block sign-in, or nothing (the Delete target object action is removed).
   */
  deprovision?: 'softDelete' | 'disable' | 'none'
  /**
   * The most deletions and disables one cycle may make before the job stops and waits for a person (SyncNotificationSettings DeleteThresholdValue). null turns the protection off.
   */
  accidentalDeletionThreshold?: number | null
  /**
   * Per source tenant alias, which of its users flow out. Every source tenant needs one.
   */
  scope?: {
    [k: string]: Scope | undefined
  }
}
/**
 * A scoping group's name in the file (its mailNickname in Entra): letters, digits, '.', '_' and '-', at most 64 characters.
 */
export type GroupName = string
/**
 * An e-mail address or user principal name, such as annie@emea.contoso.com.
 */
export type Email = string

/**
 * A multitenant Microsoft Entra topology: which tenants exist, how they trust each other (cross-tenant access settings) and which users flow where (cross-tenant synchronization, B2B invitations). One file per Pulumi stack: stacks/<stack>.topology.yaml.
 */
export interface Topology {
  /**
   * The schema this file follows (editors use it).
   */
  $schema?: string
  /**
   * The organization's name, used in display names (partner configurations, the multitenant organization).
   */
  organization: string
  /**
   * The tenants of the topology, by alias. Everything else in the file refers to tenants by these aliases, never by position.
   */
  tenants: {
    [k: string]: Tenant | undefined
  }
  multiTenantOrganization?: MultiTenantOrganization
  access?: Access
  sync?: Sync
  /**
   * Scoping groups managed as code, per tenant alias, then by group name. sync.scope refers to them.
   */
  groups?: {
    [k: string]:
      | {
          [k: string]: Group | undefined
        }
      | undefined
  }
  /**
   * Explicit B2B users, per host (inviting) tenant alias: people who reach a tenant by invitation rather than by synchronization (partners, end users, and every cross-cloud case).
   */
  invitations?: {
    [k: string]: Invitation[] | undefined
  }
}
export interface Tenant {
  tenantId: TenantId
  cloud?: Cloud
  /**
   * A readable name, used for partner configurations and reports. Defaults to the alias.
   */
  displayName?: string
  /**
   * Other clouds this tenant collaborates with (crossTenantAccessPolicy.allowedCloudEndpoints). Required for every invitation between tenants of different clouds, on both tenants.
   */
  allowedCloudEndpoints?: CloudEndpoint[]
  /**
   * Take over objects that already exist in this tenant (partner configurations, sync configurations, groups) instead of refusing to touch them. Use once when bringing an existing estate under management.
   */
  adopt?: boolean
}
/**
 * A multitenant organization (tenantRelationships/multiTenantOrganization): global cloud only, at most about 100 tenants.
 */
export interface MultiTenantOrganization {
  displayName: string
  description?: string
  /**
   * A tenant alias: lower-case letters, digits and '-', starting with a letter, at most 40 characters. Resource names derive from it, so renaming an alias replaces that tenant's resources.
   */
  owner: string
  /**
   * The member tenants besides the owner. Defaults to every tenant in the file.
   */
  members?: Alias[]
}
/**
 * Cross-tenant access settings applied to both sides of every pair the file declares (synced pairs and cross-cloud invitation pairs).
 */
export interface Access {
  inboundTrust?: InboundTrust
  /**
   * automaticUserConsentSettings: inboundAllowed in the target and outboundAllowed in the source, so users are not asked to consent. Cross-tenant synchronization requires it.
   */
  automaticRedemption?: boolean
  /**
   * B2B collaboration for the partners: inherit the tenant's default settings, or allow all users and applications both ways on every pair.
   */
  b2bCollaboration?: 'inherit' | 'allowAll'
}
/**
 * Which claims from the partner's tenant this tenant trusts (inboundTrust on the partner configuration). Trusting MFA avoids a second MFA prompt for synced and invited users.
 */
export interface InboundTrust {
  /**
   * isMfaAccepted
   */
  mfa?: boolean
  /**
   * isCompliantDeviceAccepted
   */
  compliantDevice?: boolean
  /**
   * isHybridAzureADJoinedDeviceAccepted
   */
  hybridJoinedDevice?: boolean
}
export interface Pair {
  /**
   * A tenant alias: lower-case letters, digits and '-', starting with a letter, at most 40 characters. Resource names derive from it, so renaming an alias replaces that tenant's resources.
   */
  from: string
  /**
   * A tenant alias: lower-case letters, digits and '-', starting with a letter, at most 40 characters. Resource names derive from it, so renaming an alias replaces that tenant's resources.
   */
  to: string
}
/**
 * Which users of one source tenant flow out: assigned groups (direct members only), assigned users, or every internal member.
 */
export interface Scope {
  /**
   * Scoping groups of this tenant (declared under groups.<tenant>) whose direct members are synchronized.
   */
  groups?: GroupName[]
  /**
   * Users of this tenant assigned one by one (user principal names).
   */
  users?: Email[]
  /**
   * Synchronize every internal member of the tenant (the SyncAll setting). Not recommended: prefer groups.
   */
  allUsers?: boolean
}
export interface Group {
  /**
   * Defaults to the group's name.
   */
  displayName?: string
  description?: string
  /**
   * The group's direct members, by user principal name. Users must already exist in the tenant.
   */
  members?: Email[]
  /**
   * Put the group in a restricted management administrative unit, so only the topology's app (and admins scoped to the unit) can change who is synchronized.
   */
  restrictedManagementUnit?: boolean
}
export interface Invitation {
  email: Email
  displayName?: string
  /**
   * A tenant alias: lower-case letters, digits and '-', starting with a letter, at most 40 characters. Resource names derive from it, so renaming an alias replaces that tenant's resources.
   */
  homeTenant?: string
  userType?: 'Guest' | 'Member'
  showInAddressList?: boolean
  sendInvitationMessage?: boolean
  /**
   * User properties set on the B2B user after the invitation.
   */
  attributes?: {
    department?: string
    jobTitle?: string
    companyName?: string
    officeLocation?: string
    usageLocation?: string
  }
}
