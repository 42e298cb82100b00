// MultiTenantOrganizationMember: a tenant the owner adds to its multitenant organization
// (/tenantRelationships/multiTenantOrganization/tenants/{tenantId}, graph-api.md §4 item 2), in the owner.
// The member then joins with its own MultiTenantOrganizationJoinRequest.
//
// Graph permission: MultiTenantOrganization.ReadWrite.All (reads: MultiTenantOrganization.Read.All).
// Identity: `<ownerTenantId>/multiTenantOrganization/tenants/<memberTenantId>`; tenant and tenantId
// changes replace it (delete first). Graph cannot change displayName once a tenant is added: update
// refuses and says how to apply it. role is PATCHed (asynchronously: it reads as the desired role).
// Existing entry (pending or active, or POST answering 400 "already being added"): create refuses,
// naming it, unless the owner tenant is adopted (tenants.<owner>.adopt: true).
// Timing: Graph adds tenants only to an active organization (minutes after its creation): create waits
// for it under an explicit deadline (20 min by default) and, past it, fails saying so (the next run
// adds it). `state` ('pending' until the member's join completes, up to 4 h, then 'active') is an
// output, so a pending join is not drift. Being removed ('removed') or gone (404) reads as gone.
// Delete: DELETE .../tenants/{tenantId}, asynchronous in Graph (delete returns once it is accepted);
// already gone or being removed is fine.
import * as pulumi from '@pulumi/pulumi'
import { retryWhileNotFound, untilReadable, type ConsistencyOptions } from '../../graph/consistency'
import { GraphRequestError } from '../../graph/errors'
import type { Json } from '../../graph/tenantGraph'
import { GraphProvider, isKnown } from '../shared/graphProvider'
import { tenantLabel, tenantRefProblems, type TenantRef } from '../shared/tenantRef'
import {
  globalCloudProblem,
  liveRead,
  memberPath,
  mtoPermissions as permissions,
  nameProblem,
  removeTenant,
  sameTenantProblem,
  tenantIdProblem,
  tenantsPath,
  untilOrganizationActive,
} from './mtoGraph'
import { providerShim } from '../shared/providerShim'
import { toWire } from '../shared/wireShape'

export type MemberRole = 'member' | 'owner'

export interface MultiTenantOrganizationMemberInputs {
  /** The owner tenant, where the entry lives. */
  readonly tenant: TenantRef
  /** The added tenant's alias (for messages) and id (the entry's key). */
  readonly member: string
  readonly tenantId: string
  /** Fixed once added (Graph). */
  readonly displayName: string
  readonly role: MemberRole
  /** Take over an entry that already exists. @default false */
  readonly adopt: boolean
}

export interface MultiTenantOrganizationMemberOutputs extends MultiTenantOrganizationMemberInputs {
  /** 'pending' until the member's join request completes, then 'active'. */
  readonly state: string
}

type Inputs = MultiTenantOrganizationMemberInputs
type Outputs = MultiTenantOrganizationMemberOutputs

export const multiTenantOrganizationMemberId = (ownerTenantId: string, memberTenantId: string): string =>
  `${ownerTenantId}/multiTenantOrganization/tenants/${memberTenantId}`

const describe = (i: Pick<Inputs, 'tenant' | 'member' | 'tenantId'>): string =>
  `tenant ${i.member} (${i.tenantId}) in the multitenant organization owned by ${i.tenant.alias}`

/** The entry as the program states it: the desired role while a role change is in progress. */
function liveInputs(live: Json, desired: Inputs): Inputs {
  const transition = live.transitionDetails as { desiredRole?: MemberRole } | null | undefined
  return {
    tenant: desired.tenant,
    member: desired.member,
    tenantId: desired.tenantId,
    displayName: typeof live.displayName === 'string' ? live.displayName : '',
    role: transition?.desiredRole ?? (live.role as MemberRole | undefined) ?? 'member',
    adopt: desired.adopt,
  }
}

const liveOutputs = (live: Json, desired: Inputs): Outputs => ({
  ...liveInputs(live, desired),
  state: String(live.state),
})

/** A member that is there: not gone, and not on its way out. */
const present = (live: Json | undefined): live is Json => live !== undefined && live.state !== 'removed'

export interface MemberProviderOptions {
  /** How long create waits for the organization to become active. @default 20 min, polling up to every 30 s */
  readonly activation?: ConsistencyOptions
}

export class MultiTenantOrganizationMemberProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider<Inputs, Outputs>
{
  constructor(private readonly options: MemberProviderOptions = {}) {
    super()
  }

  check(_olds: Inputs, news: Inputs): Promise<pulumi.dynamic.CheckResult> {
    const failures: pulumi.dynamic.CheckFailure[] = []
    if (isKnown(news.tenant)) failures.push(...tenantRefProblems(news.tenant))
    const problems = [
      globalCloudProblem(news.tenant),
      nameProblem(news.member, 'member', "the member tenant's alias"),
      tenantIdProblem(news.tenantId, 'tenantId'),
      nameProblem(news.displayName, 'displayName', 'a non-empty string'),
      sameTenantProblem(
        news.tenantId,
        news.tenant?.tenantId,
        'tenantId',
        'the owner is in its organization already: it needs no member entry',
      ),
    ]
    if (isKnown(news.role) && news.role !== 'member' && news.role !== 'owner')
      problems.push({
        property: 'role',
        reason: `role must be member or owner, got ${JSON.stringify(news.role)}`,
      })
    for (const problem of problems) if (problem !== undefined) failures.push(problem)
    return Promise.resolve({ inputs: news, failures })
  }

  async create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    const graph = this.graph(inputs.tenant)
    const what = describe(inputs)
    await untilOrganizationActive(graph, inputs.tenant.alias, `add ${inputs.member}`, this.options.activation)
    const existing = await this.find(inputs)
    if (existing?.state === 'removed')
      throw new Error(
        `tenant ${tenantLabel(inputs.tenant)}: ${what} is still being removed (Graph takes up to 2 h); run again once it is gone.`,
      )
    const refuse = () =>
      new Error(
        `${what} already exists (state ${typeof existing?.state === 'string' ? existing.state : 'pending'}) and is not managed by this stack. Set tenants.${inputs.tenant.alias}.adopt: true in the topology to take it over, or remove it.`,
      )
    if (existing !== undefined && !inputs.adopt) throw refuse()
    if (existing === undefined) {
      const op = { operation: `add ${what}`, ...permissions.write }
      const added = { tenantId: inputs.tenantId, displayName: inputs.displayName, role: inputs.role }
      try {
        // The organization was made moments ago, perhaps: a 404 then is replication lag.
        await retryWhileNotFound(graph, what, () => graph.request(op, 'POST', tenantsPath, { body: added }))
      } catch (error) {
        // Added meanwhile, or not visible to the GET yet: the same as finding it.
        const already = error instanceof GraphRequestError && /already being added/i.test(error.message)
        if (!already) throw error
        if (!inputs.adopt) throw refuse()
      }
    }
    const live = await this.readBack(inputs)
    const id = multiTenantOrganizationMemberId(inputs.tenant.tenantId, inputs.tenantId)
    return { id, outs: live.role === inputs.role ? live : await this.setRole(inputs) }
  }

  async read(id: string, props?: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    if (props === undefined)
      throw new Error(`reading ${id}: a multitenant organization member is not importable (no stored inputs)`)
    const live = await this.find(props)
    if (!present(live)) return {} // removed by hand (or being removed): refresh drops it, up adds it again
    return liveRead(id, liveOutputs(live, props), liveInputs(live, props))
  }

  async update(_id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
    if (olds.displayName !== news.displayName)
      throw new Error(
        `tenant ${tenantLabel(news.tenant)}: the displayName of ${describe(news)} is '${olds.displayName}' and Graph cannot change it once a tenant is added. To apply '${news.displayName}', remove ${news.member} from the organization's members, apply, then add it back (it must join again), or keep the old name.`,
      )
    return { outs: olds.role === news.role ? await this.readBack(news) : await this.setRole(news) }
  }

  async delete(_id: string, props: Outputs): Promise<void> {
    if (!present(await this.find(props))) return
    await removeTenant(
      this.graph(props.tenant),
      { operation: `remove ${describe(props)}`, ...permissions.write },
      props.tenantId,
    )
  }

  private find(i: Inputs): Promise<Json | undefined> {
    return this.graph(i.tenant).find(
      { operation: `read ${describe(i)}`, ...permissions.readMembers },
      memberPath(i.tenantId),
    )
  }

  private async setRole(i: Inputs): Promise<Outputs> {
    await this.graph(i.tenant).request(
      { operation: `change the role of ${describe(i)}`, ...permissions.write },
      'PATCH',
      memberPath(i.tenantId),
      { body: { role: i.role } },
    )
    return this.readBack(i)
  }

  private async readBack(i: Inputs): Promise<Outputs> {
    const graph = this.graph(i.tenant)
    const live = await untilReadable(graph, describe(i), async () => {
      const found = await this.find(i)
      return present(found) ? found : undefined
    })
    return liveOutputs(live, i)
  }
}

const provider = providerShim(__filename, MultiTenantOrganizationMemberProvider)

export type MultiTenantOrganizationMemberArgs = {
  readonly [K in keyof Inputs]: pulumi.Input<Inputs[K]>
}

export class MultiTenantOrganizationMember extends pulumi.dynamic.Resource {
  declare public readonly state: pulumi.Output<string>

  constructor(name: string, args: MultiTenantOrganizationMemberArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      toWire({ ...args, state: undefined }),
      {
        deleteBeforeReplace: true,
        ...opts,
        replaceOnChanges: ['tenant', 'tenantId', ...(opts?.replaceOnChanges ?? [])],
      },
      'entra-topology',
      'MultiTenantOrganizationMember',
    )
  }
}
