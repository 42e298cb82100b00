// The planner's output: the objects every tenant should hold, in Graph's terms, keyed by a stable key
// made of tenant aliases and group names (never list positions), each naming the keys it depends on
// (the order Entra requires, graph-api.md §3.1 and §4). The plan is plain JSON: the resources (issue 6)
// create objects in topologicalOrder(plan) and delete them in reverse; the plan report diffs two plans.
import type { CloudEndpoint } from '../topology.generated'
import type { Cloud } from '../model'

/** crossTenantAccessPolicyTargetConfiguration (graph-api.md §1.2). */
export interface TargetConfiguration {
  readonly accessType: 'allowed' | 'blocked'
  readonly targets: readonly {
    readonly target: string
    readonly targetType: 'user' | 'group' | 'application'
  }[]
}

/** crossTenantAccessPolicyB2BSetting. */
export interface B2BSetting {
  readonly usersAndGroups: TargetConfiguration
  readonly applications: TargetConfiguration
}

interface Base {
  /** The alias of the tenant the object lives in (the one whose credentials create it). */
  readonly tenant: string
  /** Keys of the objects that must exist first; sorted. */
  readonly dependsOn: readonly string[]
}

/** /policies/crossTenantAccessPolicy/partners/{tenantId}. Properties not listed are not managed. */
export interface PartnerAccess extends Base {
  readonly kind: 'partnerAccess'
  /** The partner's alias and tenant id (the entry's key in Graph). */
  readonly partner: string
  readonly tenantId: string
  readonly inboundTrust: {
    readonly isMfaAccepted: boolean
    readonly isCompliantDeviceAccepted: boolean
    readonly isHybridAzureADJoinedDeviceAccepted: boolean
  }
  /** null inherits the default, which is always false (graph-api.md §1.3). */
  readonly automaticUserConsentSettings: {
    readonly inboundAllowed: boolean | null
    readonly outboundAllowed: boolean | null
  }
  /** null inherits the tenant's default settings (access.b2bCollaboration: inherit). */
  readonly b2bCollaborationInbound: B2BSetting | null
  readonly b2bCollaborationOutbound: B2BSetting | null
}

/** .../partners/{tenantId}/identitySynchronization, in the target of a sync pair. */
export interface IdentitySync extends Base {
  readonly kind: 'identitySync'
  /** The source tenant allowed to sync in. */
  readonly partner: string
  readonly tenantId: string
  readonly displayName: string
  readonly userSyncInbound: { readonly isSyncAllowed: true }
}

/** An attribute mapping the planner sets on the job's schema (graph-api.md §3.7). */
export interface AttributeMappingOverride {
  readonly source: {
    readonly type: 'Constant'
    readonly name: string
    readonly expression: string
    readonly parameters: readonly never[]
  }
  readonly flowType: 'Always' | 'ObjectAddOnly'
}

/**
 * A cross-tenant synchronization configuration in the source: the service principal instantiated
 * from the gallery template, its secrets, the Azure2Azure job and its schema, and the msiam_access
 * assignments that scope it (graph-api.md §3.1-§3.8).
 */
export interface SyncConfiguration extends Base {
  readonly kind: 'syncConfiguration'
  /** The target tenant's alias and id. */
  readonly partner: string
  readonly tenantId: string
  /** The service principal's displayName: `<organization> to <target displayName>`. */
  readonly displayName: string
  readonly applicationTemplateId: string
  readonly templateId: 'Azure2Azure'
  /**
   * The synchronization secrets by key. SyncNotificationSettings is an object here; Graph takes it
   * JSON-encoded in a string, which the resource does.
   */
  readonly secrets: {
    readonly AuthenticationType: 'SyncPolicy'
    readonly CompanyId: string
    readonly SyncAll: 'true' | 'false'
    readonly SyncNotificationSettings: {
      readonly Enabled: false
      readonly DeleteThresholdEnabled: boolean
      readonly DeleteThresholdValue?: number
      readonly HumanResourcesLookaheadQueryEnabled: false
    }
  }
  /** Changes to Entra's default schema of the user object mapping; everything else is left as Entra made it. */
  readonly schema: {
    /** Target Object Actions. */
    readonly flowTypes: 'Add, Update, Delete' | 'Add, Update'
    /** By targetAttributeName. */
    readonly attributeMappings: {
      readonly showInAddressList: AttributeMappingOverride
      readonly userType: AttributeMappingOverride
    }
    /** Target attributes whose mapping is removed (isSoftDeleted for deprovision: disable). */
    readonly removedAttributeMappings: readonly 'isSoftDeleted'[]
  }
  /** msiam_access assignments: scoping group keys (in this plan) and user principal names. */
  readonly assignments: { readonly groups: readonly string[]; readonly users: readonly string[] }
}

/** POST .../jobs/{jobId}/start, once everything the job needs exists on both sides. */
export interface SyncStart extends Base {
  readonly kind: 'syncStart'
  readonly partner: string
  /** The key of the configuration it starts. */
  readonly configuration: string
}

/** A restricted management administrative unit holding the tenant's scoping groups. */
export interface AdministrativeUnit extends Base {
  readonly kind: 'administrativeUnit'
  readonly displayName: string
  readonly description: string
  readonly isMemberManagementRestricted: true
}

/**
 * The role that lets the stack's own app keep managing the groups inside its restricted unit: Graph's
 * application permissions stop at a restricted unit, a role scoped to it does not (graph-api.md §6.3).
 */
export interface UnitRoleAssignment extends Base {
  readonly kind: 'unitRoleAssignment'
  /** The key of the administrative unit it is scoped to. */
  readonly administrativeUnit: string
  /** A built-in role's template id (Groups Administrator). */
  readonly roleDefinitionId: string
  readonly roleName: string
}

/** A security group whose direct members are in a sync scope (graph-api.md §6). */
export interface ScopingGroup extends Base {
  readonly kind: 'scopingGroup'
  readonly displayName: string
  readonly description: string | null
  readonly mailNickname: string
  readonly mailEnabled: false
  readonly securityEnabled: true
  /** Direct members by user principal name, sorted. */
  readonly members: readonly string[]
  /** The key of the administrative unit the group is created in, or null. */
  readonly administrativeUnit: string | null
}

/** POST /invitations, then the user's properties (graph-api.md §5). */
export interface Invitation extends Base {
  readonly kind: 'invitation'
  readonly invitedUserEmailAddress: string
  readonly invitedUserDisplayName: string | null
  readonly invitedUserType: 'Guest' | 'Member'
  readonly sendInvitationMessage: boolean
  /** The alias of the tenant where the user's account lives, when the file has it. */
  readonly homeTenant: string | null
  readonly showInAddressList: boolean
  /** department, jobTitle, companyName, officeLocation, usageLocation, set after the invitation. */
  readonly attributes: Readonly<Record<string, string>>
}

/** PUT /tenantRelationships/multiTenantOrganization, in the owner. */
export interface MultiTenantOrganization extends Base, OrganizationPartners {
  readonly kind: 'multiTenantOrganization'
  readonly displayName: string
  readonly description: string | null
}

/**
 * What an organization tenant needs to remove the partner entries the organization's templates made in
 * it when it leaves: the other tenants of the organization, and the partners the plan manages in it.
 */
interface OrganizationPartners {
  /** Tenant ids of the organization's other tenants, sorted. */
  readonly peerTenantIds: readonly string[]
  /** Tenant ids of this tenant's planned partner entries among them, sorted. */
  readonly managedPartnerTenantIds: readonly string[]
}

/** POST .../multiTenantOrganization/tenants, in the owner: the owner adds a member. */
export interface MultiTenantOrganizationMember extends Base {
  readonly kind: 'multiTenantOrganizationMember'
  readonly member: string
  readonly tenantId: string
  readonly displayName: string
  readonly role: 'member'
}

/** PATCH .../multiTenantOrganization/joinRequest, in a member, after the owner added it. */
export interface MultiTenantOrganizationJoinRequest extends Base, OrganizationPartners {
  readonly kind: 'multiTenantOrganizationJoinRequest'
  readonly owner: string
  readonly addedByTenantId: string
}

/** PATCH /policies/crossTenantAccessPolicy {allowedCloudEndpoints}. */
export interface AllowedCloudEndpoints extends Base {
  readonly kind: 'allowedCloudEndpoints'
  readonly allowedCloudEndpoints: readonly CloudEndpoint[]
}

export type PlanObject =
  | PartnerAccess
  | IdentitySync
  | SyncConfiguration
  | SyncStart
  | AdministrativeUnit
  | UnitRoleAssignment
  | ScopingGroup
  | Invitation
  | MultiTenantOrganization
  | MultiTenantOrganizationMember
  | MultiTenantOrganizationJoinRequest
  | AllowedCloudEndpoints

export type PlanObjectKind = PlanObject['kind']

/** One synced pair, in the topology's terms (for reports). */
export interface PlanPair {
  readonly from: string
  readonly to: string
  readonly scope: {
    readonly allUsers: boolean
    readonly groups: readonly string[]
    readonly users: readonly string[]
  }
  readonly deprovision: 'softDelete' | 'disable' | 'none'
}

export interface PlanTenant {
  readonly tenantId: string
  readonly cloud: Cloud
  readonly displayName: string
}

/**
 * Objects may share sub-objects (the job schema, a source's assignments, its scope summary), so treat a
 * plan as immutable, as its readonly types say.
 */
export interface Plan {
  readonly organization: string
  /** By alias, sorted. */
  readonly tenants: Readonly<Record<string, PlanTenant>>
  /** Sorted by from, then to. */
  readonly pairs: readonly PlanPair[]
  /** By key, sorted. */
  readonly objects: Readonly<Record<string, PlanObject>>
}
