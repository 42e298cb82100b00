// MultiTenantOrganizationJoinRequest: a member tenant's request to join the multitenant organization an
// owner added it to (/tenantRelationships/multiTenantOrganization/joinRequest, graph-api.md §4 item 5),
// in the member. It depends on the owner's MultiTenantOrganizationMember entry for this tenant.
//
// Graph permission: MultiTenantOrganization.ReadWrite.All (reads: MultiTenantOrganization.Read.All).
// Identity: `<memberTenantId>/multiTenantOrganization/joinRequest` (one per tenant); tenant and
// addedByTenantId changes replace it (leave first: a tenant belongs to one organization).
// Existing request (the tenant is already in, or joining, an organization): create refuses, naming it,
// unless the tenant is adopted (tenants.<alias>.adopt: true); adopting one made through the same owner
// keeps it, one through another owner is refused (leave that organization first). A failed join (the
// owner had not added the tenant, or Entra's "wait 2 h after creation") is reset (addedByTenantId
// 00000000-...) and asked again; one that fails now throws Graph's reason, and the next run retries.
//
// Timing: the join completes asynchronously (up to 4 h in Entra). create returns once the request is
// readable; `memberState` ('pending', then 'active') and `role` are outputs, so a pending join is not
// drift. A failed, removed or absent request reads as gone.
// Delete (leaving): an active member removes itself (DELETE .../tenants/{its own id}: Graph lets an
// active member tenant remove itself); a failed request is reset with the all-zero id; a pending join
// cannot be withdrawn from the member side (it cannot see the organization yet), so delete leaves it to
// the owner's MultiTenantOrganizationMember delete, which runs next (it is what this one depends on) and
// cancels it. Removal is asynchronous; delete returns once Graph has accepted it. Then the partner
// entries the organization's templates made in the tenant go too (templatePartners.ts), so the tenant is
// left as it was before it joined; that needs Policy.ReadWrite.CrossTenantAccess as well.
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
  joinRequestPath,
  liveRead,
  mtoPermissions as permissions,
  nameProblem,
  removeTenant,
  sameTenantProblem,
  tenantIdProblem,
  zeroTenantId,
} from './mtoGraph'
import { providerShim } from '../shared/providerShim'
import { toWire } from '../shared/wireShape'

export interface MultiTenantOrganizationJoinRequestInputs extends TemplatePartnerInputs {
  /** The member tenant, which asks to join. */
  readonly tenant: TenantRef
  /** The owner's alias (for messages) and tenant id (the tenant that added this one). */
  readonly owner: string
  readonly addedByTenantId: string
  /** Keep a request the tenant already made through this owner. @default false */
  readonly adopt: boolean
}

export interface MultiTenantOrganizationJoinRequestOutputs extends MultiTenantOrganizationJoinRequestInputs {
  /** 'pending' until the join completes, then 'active'. */
  readonly memberState: string
  readonly role: string | null
  /** The tenant's partner entries for the organization's other tenants before it joined. */
  readonly partnersBefore: readonly string[]
}

type Inputs = MultiTenantOrganizationJoinRequestInputs
type Outputs = MultiTenantOrganizationJoinRequestOutputs

export const multiTenantOrganizationJoinRequestId = (memberTenantId: string): string =>
  `${memberTenantId}/multiTenantOrganization/joinRequest`

const describe = (i: Pick<Inputs, 'tenant' | 'owner'>): string =>
  `the request of tenant ${i.tenant.alias} to join the multitenant organization owned by ${i.owner}`

type JoinRecord = Json & {
  addedByTenantId?: string
  memberState?: string | null
  role?: string | null
  transitionDetails?: { status?: string; details?: string } | null
}

const failed = (r: JoinRecord): boolean => r.transitionDetails?.status === 'failed'
/** A request that stands: made, not failed, not on its way out. */
const standing = (r: JoinRecord | undefined): r is JoinRecord =>
  r !== undefined &&
  typeof r.addedByTenantId === 'string' &&
  r.addedByTenantId !== zeroTenantId &&
  (r.memberState === 'pending' || r.memberState === 'active') &&
  !failed(r)

const liveInputs = (r: JoinRecord, desired: Inputs): Inputs => ({
  tenant: desired.tenant,
  owner: desired.owner,
  addedByTenantId: String(r.addedByTenantId),
  peerTenantIds: desired.peerTenantIds,
  managedPartnerTenantIds: desired.managedPartnerTenantIds,
  adopt: desired.adopt,
})

const liveOutputs = (r: JoinRecord, desired: Inputs, partnersBefore: readonly string[]): Outputs => ({
  ...liveInputs(r, desired),
  memberState: String(r.memberState),
  role: r.role ?? null,
  partnersBefore,
})

export class MultiTenantOrganizationJoinRequestProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider<Inputs, Outputs>
{
  check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult> {
    const failures: pulumi.dynamic.CheckFailure[] = []
    if (isKnown(news.tenant)) failures.push(...tenantRefProblems(news.tenant))
    const problems = [
      globalCloudProblem(news.tenant),
      nameProblem(news.owner, 'owner', "the owner tenant's alias"),
      tenantIdProblem(news.addedByTenantId, 'addedByTenantId'),
      sameTenantProblem(
        news.addedByTenantId,
        news.tenant?.tenantId,
        'addedByTenantId',
        'the owner does not join its own organization',
      ),
    ]
    for (const problem of problems) if (problem !== undefined) failures.push(problem)
    failures.push(...templatePartnerProblems(news))
    return Promise.resolve({ inputs: news, failures })
  }

  async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    const what = describe(inputs)
    const existing = await this.find(inputs)
    const partnersBefore = await peerPartners(this.graph(inputs.tenant), inputs.tenant, inputs.peerTenantIds)
    if (standing(existing)) {
      const same = String(existing.addedByTenantId).toLowerCase() === inputs.addedByTenantId.toLowerCase()
      if (!inputs.adopt || !same)
        throw new Error(
          `tenant ${tenantLabel(inputs.tenant)} is already ${existing.memberState === 'active' ? 'in' : 'joining'} a multitenant organization (added by tenant ${existing.addedByTenantId}, memberState ${String(existing.memberState)}), which is not managed by this stack. ${same ? `Set tenants.${inputs.tenant.alias}.adopt: true in the topology to take it over` : 'A tenant belongs to one organization: leave that one first'}.`,
        )
    } else {
      if (existing !== undefined && failed(existing)) await this.reset(inputs)
      await this.graph(inputs.tenant).request(
        { operation: `send ${what}`, ...permissions.write },
        'PATCH',
        joinRequestPath,
        { body: { addedByTenantId: inputs.addedByTenantId } },
      )
    }
    const live = await untilReadable(this.graph(inputs.tenant), what, async () => {
      const found = await this.find(inputs)
      return found !== undefined && (standing(found) || failed(found)) ? found : undefined
    })
    if (failed(live))
      throw new Error(
        `tenant ${tenantLabel(inputs.tenant)}: ${what} failed: ${String(live.transitionDetails?.details).replace(/\.$/, '')}. Run again once the cause is fixed: the next run resets the failed request and asks again.`,
      )
    return {
      id: multiTenantOrganizationJoinRequestId(inputs.tenant.tenantId),
      outs: liveOutputs(live, inputs, partnersBefore),
    }
  }

  async read(id: string, props?: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    if (props === undefined)
      throw new Error(
        `reading ${id}: a multitenant organization join request is not importable (no stored inputs)`,
      )
    const live = await this.find(props)
    if (!standing(live)) return {} // left, removed by the owner, or failed: up asks again
    return liveRead(id, liveOutputs(live, props, props.partnersBefore ?? []), liveInputs(live, props))
  }

  /** Only owner (an alias, for messages) and adopt can change in place: nothing to send. */
  async update(_id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
    const live = await untilReadable(this.graph(news.tenant), describe(news), async () => {
      const found = await this.find(news)
      return standing(found) ? found : undefined
    })
    return { outs: liveOutputs(live, news, olds.partnersBefore ?? []) }
  }

  async delete(_id: string, props: Outputs): Promise<void> {
    const live = await this.find(props)
    // In another organization (joined by hand after a refresh): not this resource's to leave.
    if (standing(live) && String(live.addedByTenantId).toLowerCase() !== props.addedByTenantId.toLowerCase())
      return
    if (live !== undefined && failed(live)) await this.reset(props)
    else if (live?.memberState === 'active')
      await removeTenant(
        this.graph(props.tenant),
        {
          operation: `leave the multitenant organization owned by ${props.owner} (tenant ${props.tenant.alias} removes itself)`,
          ...permissions.write,
        },
        props.tenant.tenantId,
      )
    // (pending: the owner's member delete, next, cancels it.) Whatever the state, the template's entries go.
    await removeTemplatePartners(this.graph(props.tenant), props.tenant, props, props.partnersBefore ?? [])
  }

  private find(i: Inputs): Promise<JoinRecord | undefined> {
    return this.graph(i.tenant).find<JoinRecord>(
      { operation: `read ${describe(i)}`, ...permissions.read },
      joinRequestPath,
    )
  }

  private async reset(i: Inputs): Promise<void> {
    await this.graph(i.tenant).request(
      { operation: `reset the failed ${describe(i)}`, ...permissions.write },
      'PATCH',
      joinRequestPath,
      { body: { addedByTenantId: zeroTenantId } },
    )
  }
}

const provider = providerShim(__filename, MultiTenantOrganizationJoinRequestProvider)

export type MultiTenantOrganizationJoinRequestArgs = {
  readonly [K in keyof Inputs]: pulumi.Input<Inputs[K]>
}

export class MultiTenantOrganizationJoinRequest extends pulumi.dynamic.Resource {
  declare public readonly memberState: pulumi.Output<string>
  declare public readonly role: pulumi.Output<string | null>

  constructor(
    name: string,
    args: MultiTenantOrganizationJoinRequestArgs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(
      provider,
      name,
      toWire({ ...args, memberState: undefined, role: undefined, partnersBefore: undefined }),
      {
        deleteBeforeReplace: true,
        ...opts,
        replaceOnChanges: ['tenant', 'addedByTenantId', ...(opts?.replaceOnChanges ?? [])],
      },
      'entra-topology',
      'MultiTenantOrganizationJoinRequest',
    )
  }
}
