// MultiTenantOrganization: the owner tenant's multitenant organization
// (/tenantRelationships/multiTenantOrganization, graph-api.md §4). One per tenant; global cloud only.
//
// Graph permission: MultiTenantOrganization.ReadWrite.All (reads: MultiTenantOrganization.Read.All).
// Identity: `<ownerTenantId>/multiTenantOrganization` (Graph's own id is tenant-local); a change of
// tenant replaces it (delete first: a tenant belongs to one MTO).
// Existing MTO: create refuses to take it over, naming it, unless the tenant is adopted
// (tenants.<alias>.adopt: true); adopting PATCHes its displayName and description.
//
// Timing: Graph creates it asynchronously (minutes; state stays 'inactive' until then). create does NOT
// wait for that: it returns once the PUT is readable, with Graph's `state` as an output ('inactive'
// while the creation completes, then 'active'). Each MultiTenantOrganizationMember waits for 'active'
// before adding its tenant, under an explicit deadline: so a slow activation fails (and is retried by
// the next run) on a member, never on this resource, which stays recorded in the state. A pending
// creation is not drift: `state` is an output, not an input. read: Graph answers state 'inactive' with
// null properties when there is no MTO; that (no displayName) reads as gone.
//
// Delete: the organization is deleted by removing all its tenants, the owner last (graph-api.md §4
// item 4). The MultiTenantOrganizationMember resources depend on this one, so they are removed first;
// then delete removes the owner itself (DELETE .../tenants/{ownerTenantId}), which, with no other active
// tenant left, dissolves the organization (tenants still only pending go with it). It refuses, naming
// them, while another tenant is still active (one added by hand, say): Graph does not let an owner
// leave then. Removal is asynchronous (up to 2 h in Entra): delete returns once Graph has accepted it, and
// a new MTO cannot be created in the tenant before the dissolution completes. Then the partner entries
// the organization's templates made in the owner go too (templatePartners.ts; Policy.ReadWrite.CrossTenantAccess).
import * as pulumi from '@pulumi/pulumi'
import { untilReadable } from '../../graph/consistency'
import type { Json } from '../../graph/tenantGraph'
import { GraphProvider, isKnown } from '../shared/graphProvider'
import { tenantLabel, tenantRefProblems, type TenantRef } from '../shared/tenantRef'
import {
  peerPartners,
  removeTemplatePartners,
  templatePartnerProblems,
  type TemplatePartnerInputs,
} from './templatePartners'
import {
  globalCloudProblem,
  liveRead,
  mtoPath,
  mtoPermissions as permissions,
  nameProblem,
  organizationExists,
  removeTenant,
  tenantsPath,
} from './mtoGraph'
import { providerShim } from '../shared/providerShim'
import { toWire } from '../shared/wireShape'

export interface MultiTenantOrganizationInputs extends TemplatePartnerInputs {
  /** The owner tenant, which creates it. */
  readonly tenant: TenantRef
  readonly displayName: string
  readonly description: string | null
  /** Take over an MTO that already exists. @default false */
  readonly adopt: boolean
}

export interface MultiTenantOrganizationOutputs extends MultiTenantOrganizationInputs {
  /** Graph's state: 'inactive' while its creation completes, then 'active'. */
  readonly state: string
  /** The owner's partner entries for the organization's other tenants before it was created. */
  readonly partnersBefore: readonly string[]
}

export const multiTenantOrganizationId = (ownerTenantId: string): string =>
  `${ownerTenantId}/multiTenantOrganization`

const describe = (i: Pick<MultiTenantOrganizationInputs, 'tenant'>): string =>
  `the multitenant organization owned by tenant ${i.tenant.alias}`

function liveOutputs(
  live: Json,
  desired: MultiTenantOrganizationInputs,
  partnersBefore: readonly string[],
): MultiTenantOrganizationOutputs {
  return {
    ...liveInputs(live, desired),
    state: typeof live.state === 'string' ? live.state : 'inactive',
    partnersBefore,
  }
}

function liveInputs(live: Json, desired: MultiTenantOrganizationInputs): MultiTenantOrganizationInputs {
  return {
    tenant: desired.tenant,
    displayName: typeof live.displayName === 'string' ? live.displayName : '',
    description: typeof live.description === 'string' ? live.description : null,
    peerTenantIds: desired.peerTenantIds,
    managedPartnerTenantIds: desired.managedPartnerTenantIds,
    adopt: desired.adopt,
  }
}

const body = (i: MultiTenantOrganizationInputs): Json => ({
  displayName: i.displayName,
  description: i.description,
})

export class MultiTenantOrganizationProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider<MultiTenantOrganizationInputs, MultiTenantOrganizationOutputs>
{
  check(
    _olds: MultiTenantOrganizationInputs,
    news: MultiTenantOrganizationInputs,
  ): Promise<pulumi.dynamic.CheckResult> {
    const failures: pulumi.dynamic.CheckFailure[] = []
    if (isKnown(news.tenant)) failures.push(...tenantRefProblems(news.tenant))
    const cloud = globalCloudProblem(news.tenant)
    if (cloud !== undefined) failures.push(cloud)
    const name = nameProblem(news.displayName, 'displayName', 'a non-empty string')
    if (name !== undefined) failures.push(name)
    if (isKnown(news.description) && news.description !== null && typeof news.description !== 'string')
      failures.push({
        property: 'description',
        reason: `description must be a string or null, got ${JSON.stringify(news.description)}`,
      })
    failures.push(...templatePartnerProblems(news))
    return Promise.resolve({ inputs: news, failures })
  }

  async create(
    inputs: MultiTenantOrganizationInputs,
  ): Promise<pulumi.dynamic.CreateResult<MultiTenantOrganizationOutputs>> {
    const graph = this.graph(inputs.tenant)
    const what = describe(inputs)
    const existing = await graph.find({ operation: `read ${what}`, ...permissions.read }, mtoPath)
    const partnersBefore = await peerPartners(graph, inputs.tenant, inputs.peerTenantIds)
    if (organizationExists(existing) && !inputs.adopt)
      throw new Error(
        `tenant ${tenantLabel(inputs.tenant)} already belongs to a multitenant organization ('${String(existing.displayName)}', state ${String(existing.state)}), which is not managed by this stack. Set tenants.${inputs.tenant.alias}.adopt: true in the topology to take it over (its displayName and description will be replaced by the topology's), or remove the tenant from it.`,
      )
    const adopting = organizationExists(existing)
    await graph.request(
      { operation: `${adopting ? 'adopt' : 'create'} ${what}`, ...permissions.write },
      adopting ? 'PATCH' : 'PUT',
      mtoPath,
      { body: body(inputs) },
    )
    return {
      id: multiTenantOrganizationId(inputs.tenant.tenantId),
      outs: await this.readBack(inputs, partnersBefore),
    }
  }

  async read(
    id: string,
    props?: MultiTenantOrganizationOutputs,
  ): Promise<pulumi.dynamic.ReadResult<MultiTenantOrganizationOutputs>> {
    if (props === undefined)
      throw new Error(`reading ${id}: a multitenant organization is not importable (no stored inputs)`)
    const live = await this.graph(props.tenant).find(
      { operation: `read ${describe(props)}`, ...permissions.read },
      mtoPath,
    )
    if (!organizationExists(live)) return {} // dissolved, or never there: refresh drops it, up recreates it
    return liveRead(id, liveOutputs(live, props, props.partnersBefore ?? []), liveInputs(live, props))
  }

  async update(
    _id: string,
    olds: MultiTenantOrganizationOutputs,
    news: MultiTenantOrganizationInputs,
  ): Promise<pulumi.dynamic.UpdateResult<MultiTenantOrganizationOutputs>> {
    await this.graph(news.tenant).request(
      { operation: `update ${describe(news)}`, ...permissions.write },
      'PATCH',
      mtoPath,
      { body: body(news) },
    )
    return { outs: await this.readBack(news, olds.partnersBefore ?? []) }
  }

  async delete(_id: string, props: MultiTenantOrganizationOutputs): Promise<void> {
    await this.leave(props)
    await removeTemplatePartners(this.graph(props.tenant), props.tenant, props, props.partnersBefore ?? [])
  }

  /** Removes the owner, the last active tenant, which dissolves the organization; gone already is fine. */
  private async leave(props: MultiTenantOrganizationOutputs): Promise<void> {
    const graph = this.graph(props.tenant)
    const what = describe(props)
    const live = await graph.find({ operation: `read ${what}`, ...permissions.read }, mtoPath)
    if (!organizationExists(live)) return
    const tenants = await graph.list(
      { operation: `list the tenants of ${what}`, ...permissions.readMembers },
      tenantsPath,
    )
    const ownerId = props.tenant.tenantId.toLowerCase()
    const self = tenants.find((t) => String(t.tenantId).toLowerCase() === ownerId)
    if (self === undefined || self.state === 'removed') return // already leaving: the MTO is dissolving
    const others = tenants.filter((t) => t !== self && t.state === 'active')
    if (others.length > 0)
      throw new Error(
        `tenant ${tenantLabel(props.tenant)}: ${what} cannot be deleted while other tenants are active in it: ${others.map((t) => `${String(t.displayName)} (${String(t.tenantId)}, ${String(t.role)})`).join(', ')}. Remove them from it first (Graph lets an owner leave only as the last active tenant).`,
      )
    const op = { operation: `delete ${what} (remove its last tenant, the owner)`, ...permissions.write }
    await removeTenant(graph, op, ownerId)
  }

  /** Create and update end in a read, through Entra's replication lag (not through activation). */
  private async readBack(
    inputs: MultiTenantOrganizationInputs,
    partnersBefore: readonly string[],
  ): Promise<MultiTenantOrganizationOutputs> {
    const graph = this.graph(inputs.tenant)
    const live = await untilReadable(graph, describe(inputs), async () => {
      const found = await graph.find({ operation: `read ${describe(inputs)}`, ...permissions.read }, mtoPath)
      return organizationExists(found) ? found : undefined
    })
    return liveOutputs(live, inputs, partnersBefore)
  }
}

const provider = providerShim(__filename, MultiTenantOrganizationProvider)

export type MultiTenantOrganizationArgs = {
  readonly [K in keyof MultiTenantOrganizationInputs]: pulumi.Input<MultiTenantOrganizationInputs[K]>
}

export class MultiTenantOrganization extends pulumi.dynamic.Resource {
  declare public readonly displayName: pulumi.Output<string>
  declare public readonly state: pulumi.Output<string>

  constructor(name: string, args: MultiTenantOrganizationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      toWire({ ...args, state: undefined, partnersBefore: undefined }),
      {
        deleteBeforeReplace: true,
        ...opts,
        replaceOnChanges: ['tenant', ...(opts?.replaceOnChanges ?? [])],
      },
      'entra-topology',
      'MultiTenantOrganization',
    )
  }
}
