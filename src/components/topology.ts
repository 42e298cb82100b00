// Topology: the component that turns a validated, planned topology into resources, one per planned
// object (and one scope assignment per group or user a sync configuration assigns). Names are the
// plan's keys, made of tenant aliases and group names (never list positions), so reordering the file
// changes nothing; dependencies are the plan's, so Entra's order holds (partner entries and the
// target's inbound allowance before a configuration starts; members before their join requests).
import * as pulumi from '@pulumi/pulumi'
import type { ResolvedTopology } from '../topology/model'
import { topologicalOrder } from '../topology/plan/order'
import type { Plan, PlanObject } from '../topology/plan/types'
import { InvitedUser } from '../resources/b2b/invitedUser'
import { AllowedCloudEndpoints } from '../resources/crossTenantAccess/allowedCloudEndpoints'
import { IdentitySync } from '../resources/crossTenantAccess/identitySync'
import { PartnerAccess } from '../resources/crossTenantAccess/partnerAccess'
import { AdministrativeUnit } from '../resources/groups/administrativeUnit'
import { ScopingGroup } from '../resources/groups/scopingGroup'
import { UnitRoleAssignment } from '../resources/groups/unitRoleAssignment'
import { MultiTenantOrganization } from '../resources/mto/multiTenantOrganization'
import { MultiTenantOrganizationJoinRequest } from '../resources/mto/multiTenantOrganizationJoinRequest'
import { MultiTenantOrganizationMember } from '../resources/mto/multiTenantOrganizationMember'
import type { TenantRef } from '../resources/shared/tenantRef'
import { declareSyncConfiguration, declareSyncStart, type Declaring } from './syncResources'

export interface TopologyArgs {
  readonly topology: ResolvedTopology
  readonly plan: Plan
}

export class Topology extends pulumi.ComponentResource {
  /** Every resource by plan key (scope assignments by `<configuration key>/assign/<group or user>`). */
  readonly resources: ReadonlyMap<string, pulumi.CustomResource>

  constructor(name: string, args: TopologyArgs, opts?: pulumi.ComponentResourceOptions) {
    super('entra-topology:index:Topology', name, {}, opts)
    const { topology, plan } = args
    const made = new Map<string, pulumi.CustomResource>()
    const ref = (alias: string): TenantRef => {
      const t = topology.tenants[alias]!
      return { alias, tenantId: t.tenantId, cloud: t.cloud }
    }
    const adopt = (alias: string): boolean => topology.tenants[alias]!.adopt
    const partnerOf = (alias: string) => ({ alias, tenantId: topology.tenants[alias]!.tenantId })
    const options = (
      o: PlanObject,
      extra: readonly pulumi.Resource[] = [],
    ): pulumi.CustomResourceOptions => ({
      parent: this,
      dependsOn: [...o.dependsOn.map((k) => made.get(k)!), ...extra],
    })
    const get = <T extends pulumi.CustomResource>(key: string): T => made.get(key) as T
    const declaring: Declaring = { parent: this, made, ref, adopt, partnerOf, options, get }

    for (const key of topologicalOrder(plan)) {
      const o = plan.objects[key]!
      const tenant = ref(o.tenant)
      switch (o.kind) {
        case 'partnerAccess':
          made.set(
            key,
            new PartnerAccess(
              key,
              {
                tenant,
                partner: partnerOf(o.partner),
                inboundTrust: o.inboundTrust,
                automaticUserConsentSettings: o.automaticUserConsentSettings,
                b2bCollaborationInbound: o.b2bCollaborationInbound as never,
                b2bCollaborationOutbound: o.b2bCollaborationOutbound as never,
                adopt: adopt(o.tenant),
              },
              options(o),
            ),
          )
          break
        case 'identitySync':
          made.set(
            key,
            new IdentitySync(
              key,
              {
                tenant,
                partner: partnerOf(o.partner),
                displayName: o.displayName,
                userSyncInbound: o.userSyncInbound,
                adopt: adopt(o.tenant),
              },
              options(o),
            ),
          )
          break
        case 'administrativeUnit':
          made.set(
            key,
            new AdministrativeUnit(
              key,
              {
                tenant,
                displayName: o.displayName,
                description: o.description,
                isMemberManagementRestricted: o.isMemberManagementRestricted,
                adopt: adopt(o.tenant),
              },
              options(o),
            ),
          )
          break
        case 'unitRoleAssignment':
          made.set(
            key,
            new UnitRoleAssignment(
              key,
              {
                tenant,
                administrativeUnitId: get<AdministrativeUnit>(o.administrativeUnit).administrativeUnitId,
                roleDefinitionId: o.roleDefinitionId,
                adopt: adopt(o.tenant),
              },
              options(o),
            ),
          )
          break
        case 'scopingGroup':
          made.set(
            key,
            new ScopingGroup(
              key,
              {
                tenant,
                displayName: o.displayName,
                description: o.description,
                mailNickname: o.mailNickname,
                members: o.members,
                administrativeUnitId:
                  o.administrativeUnit === null
                    ? null
                    : get<AdministrativeUnit>(o.administrativeUnit).administrativeUnitId,
                adopt: adopt(o.tenant),
              },
              options(o),
            ),
          )
          break
        case 'syncConfiguration':
          declareSyncConfiguration(declaring, key, o)
          break
        case 'syncStart':
          declareSyncStart(declaring, key, o)
          break
        case 'invitation':
          made.set(
            key,
            new InvitedUser(
              key,
              {
                tenant,
                invitedUserEmailAddress: o.invitedUserEmailAddress,
                invitedUserDisplayName: o.invitedUserDisplayName,
                invitedUserType: o.invitedUserType,
                sendInvitationMessage: o.sendInvitationMessage,
                showInAddressList: o.showInAddressList,
                attributes: o.attributes,
                adopt: adopt(o.tenant),
              },
              options(o),
            ),
          )
          break
        case 'multiTenantOrganization':
          made.set(
            key,
            new MultiTenantOrganization(
              key,
              {
                tenant,
                displayName: o.displayName,
                description: o.description,
                peerTenantIds: o.peerTenantIds,
                managedPartnerTenantIds: o.managedPartnerTenantIds,
                adopt: adopt(o.tenant),
              },
              options(o),
            ),
          )
          break
        case 'multiTenantOrganizationMember':
          made.set(
            key,
            new MultiTenantOrganizationMember(
              key,
              {
                tenant,
                member: o.member,
                tenantId: o.tenantId,
                displayName: o.displayName,
                role: o.role,
                adopt: adopt(o.tenant),
              },
              options(o),
            ),
          )
          break
        case 'multiTenantOrganizationJoinRequest':
          made.set(
            key,
            new MultiTenantOrganizationJoinRequest(
              key,
              {
                tenant,
                owner: o.owner,
                addedByTenantId: o.addedByTenantId,
                peerTenantIds: o.peerTenantIds,
                managedPartnerTenantIds: o.managedPartnerTenantIds,
                adopt: adopt(o.tenant),
              },
              options(o),
            ),
          )
          break
        case 'allowedCloudEndpoints':
          made.set(
            key,
            new AllowedCloudEndpoints(
              key,
              {
                tenant,
                allowedCloudEndpoints: o.allowedCloudEndpoints,
                adopt: adopt(o.tenant),
              },
              options(o),
            ),
          )
          break
      }
    }
    this.resources = made
    this.registerOutputs({})
  }
}
