// The cross-tenant sync part of the Topology component: a configuration with one scope assignment per
// group or user it assigns, and the start of its job once every assignment exists. On delete the order
// reverses: the job is paused, then each assignment goes (deprovisioning its users), then the
// configuration.
import type * as pulumi from '@pulumi/pulumi'
import type {
  PlanObject,
  SyncConfiguration as PlannedConfiguration,
  SyncStart as PlannedStart,
} from '../topology/plan/types'
import { SyncConfiguration } from '../resources/crossTenantSync/syncConfiguration'
import { schemaInputsOf } from '../resources/crossTenantSync/syncSchema'
import { SyncScopeAssignment, type ScopePrincipal } from '../resources/crossTenantSync/syncScopeAssignment'
import { SyncStart } from '../resources/crossTenantSync/syncStart'
import type { ScopingGroup } from '../resources/groups/scopingGroup'
import type { TenantRef } from '../resources/shared/tenantRef'

/** What declaring a planned object needs from the component. */
export interface Declaring {
  readonly parent: pulumi.Resource
  /** Every resource so far, by plan key. */
  readonly made: Map<string, pulumi.CustomResource>
  ref(alias: string): TenantRef
  adopt(alias: string): boolean
  partnerOf(alias: string): { alias: string; tenantId: string }
  options(o: PlanObject, extra?: readonly pulumi.Resource[]): pulumi.CustomResourceOptions
  get<T extends pulumi.CustomResource>(key: string): T
}

const assignmentPrefix = (configurationKey: string): string => `${configurationKey}/assign/`

export function declareSyncConfiguration(d: Declaring, key: string, o: PlannedConfiguration): void {
  const tenant = d.ref(o.tenant)
  const configuration = new SyncConfiguration(
    key,
    {
      tenant,
      partner: d.partnerOf(o.partner),
      displayName: o.displayName,
      secrets: o.secrets,
      schema: schemaInputsOf(o.schema),
      adopt: d.adopt(o.tenant),
    },
    d.options(o),
  )
  d.made.set(key, configuration)
  const assign = (suffix: string, principal: pulumi.Input<ScopePrincipal>, after: pulumi.Resource[]) => {
    const name = `${assignmentPrefix(key)}${suffix}`
    d.made.set(
      name,
      new SyncScopeAssignment(
        name,
        {
          tenant,
          partner: o.partner,
          servicePrincipalId: configuration.servicePrincipalId,
          appRoleId: configuration.msiamAccessAppRoleId,
          principal,
          adopt: d.adopt(o.tenant),
        },
        { parent: d.parent, dependsOn: [configuration, ...after] },
      ),
    )
  }
  for (const groupKey of o.assignments.groups) {
    const group = d.get<ScopingGroup>(groupKey)
    assign(
      `group/${groupKey.split('/').pop()!}`,
      group.groupId.apply((id) => ({ type: 'Group' as const, id })),
      [group],
    )
  }
  for (const upn of o.assignments.users) assign(`user/${upn}`, { type: 'User', userPrincipalName: upn }, [])
}

export function declareSyncStart(d: Declaring, key: string, o: PlannedStart): void {
  const configuration = d.get<SyncConfiguration>(o.configuration)
  const assignments = [...d.made.entries()]
    .filter(([k]) => k.startsWith(assignmentPrefix(o.configuration)))
    .map(([, r]) => r)
  d.made.set(
    key,
    new SyncStart(
      key,
      {
        tenant: d.ref(o.tenant),
        partner: o.partner,
        servicePrincipalId: configuration.servicePrincipalId,
        jobId: configuration.jobId,
        started: true,
      },
      d.options(o, assignments),
    ),
  )
}
