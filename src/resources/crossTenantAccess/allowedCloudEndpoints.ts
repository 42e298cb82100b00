// AllowedCloudEndpoints: the other Microsoft clouds a tenant allows B2B collaboration with, the
// allowedCloudEndpoints list of the cross-tenant access policy (PATCH /policies/crossTenantAccessPolicy,
// graph-api.md §1.1-§1.2, §7.10); the plan's allowedCloudEndpoints object, in every tenant with a partner
// in another cloud. Partner configurations for such partners depend on it.
//
// Graph permission: Policy.ReadWrite.CrossTenantAccess (reads: Policy.Read.All).
// Identity: `<tenantId>/crossTenantAccessPolicy/allowedCloudEndpoints`; a tenant change replaces it.
// Existing setting: the policy is a singleton that always exists, with an empty list by default. A
// non-empty list this stack did not set is refused, naming it, unless the tenant is adopted
// (tenants.<alias>.adopt: true); then it is replaced by the topology's. Delete PATCHes the list back to
// [] (Graph's default), so read never answers gone: a list emptied by hand reads as drift.
import * as pulumi from '@pulumi/pulumi'
import { untilReadable } from '../../graph/consistency'
import type { TenantGraph } from '../../graph/tenantGraph'
import type { CloudEndpoint } from '../../topology/topology.generated'
import { GraphProvider, isKnown } from '../shared/graphProvider'
import { tenantRefProblems, type TenantRef } from '../shared/tenantRef'
import { partnerAccessPermissions as permissions } from './partnerAccess'
import { providerShim } from '../shared/providerShim'
import { toWire } from '../shared/wireShape'

export const cloudEndpoints: readonly CloudEndpoint[] = [
  'microsoftonline.com',
  'microsoftonline.us',
  'partner.microsoftonline.cn',
]

export interface AllowedCloudEndpointsInputs {
  readonly tenant: TenantRef
  readonly allowedCloudEndpoints: readonly CloudEndpoint[]
  /** Take over a list someone else set. @default false */
  readonly adopt: boolean
}

export type AllowedCloudEndpointsOutputs = AllowedCloudEndpointsInputs

export const allowedCloudEndpointsId = (tenantId: string): string =>
  `${tenantId}/crossTenantAccessPolicy/allowedCloudEndpoints`

const path = '/policies/crossTenantAccessPolicy'
const describe = (i: AllowedCloudEndpointsInputs): string =>
  `the allowed cloud endpoints of tenant ${i.tenant.alias}`

/** The live list in input shape; the same values in another order are no change (Graph keeps a set). */
function liveInputs(live: readonly CloudEndpoint[], desired: AllowedCloudEndpointsInputs) {
  const same =
    live.length === desired.allowedCloudEndpoints.length &&
    live.every((e) => desired.allowedCloudEndpoints.includes(e))
  return {
    tenant: desired.tenant,
    allowedCloudEndpoints: same ? desired.allowedCloudEndpoints : live,
    adopt: desired.adopt,
  }
}

export class AllowedCloudEndpointsProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider<AllowedCloudEndpointsInputs, AllowedCloudEndpointsOutputs>
{
  check(
    _olds: AllowedCloudEndpointsInputs,
    news: AllowedCloudEndpointsInputs,
  ): Promise<pulumi.dynamic.CheckResult> {
    const failures: pulumi.dynamic.CheckFailure[] = []
    if (isKnown(news.tenant)) failures.push(...tenantRefProblems(news.tenant))
    const list: unknown = news.allowedCloudEndpoints
    if (isKnown(list)) {
      if (!Array.isArray(list))
        failures.push({
          property: 'allowedCloudEndpoints',
          reason: `allowedCloudEndpoints must be a list of ${cloudEndpoints.join(', ')}`,
        })
      else
        list.forEach((value: unknown, i) => {
          if (!cloudEndpoints.includes(value as CloudEndpoint))
            failures.push({
              property: 'allowedCloudEndpoints',
              reason: `allowedCloudEndpoints[${i}] must be one of ${cloudEndpoints.join(', ')}, got ${JSON.stringify(value)}`,
            })
          else if (list.indexOf(value) !== i)
            failures.push({
              property: 'allowedCloudEndpoints',
              reason: `allowedCloudEndpoints[${i}]: ${String(value)} is listed twice`,
            })
        })
    }
    if (isKnown(news.adopt) && typeof news.adopt !== 'boolean')
      failures.push({ property: 'adopt', reason: 'adopt must be true or false' })
    return Promise.resolve({ inputs: news, failures })
  }

  async create(
    inputs: AllowedCloudEndpointsInputs,
  ): Promise<pulumi.dynamic.CreateResult<AllowedCloudEndpointsOutputs>> {
    const graph = this.graph(inputs.tenant)
    const live = await this.live(graph, inputs)
    if (live.length > 0 && !inputs.adopt)
      throw new Error(
        `${describe(inputs)} are already set (${live.join(', ')}) and not managed by this stack. Set tenants.${inputs.tenant.alias}.adopt: true in the topology to take them over (they will be replaced by the topology's), or empty the list.`,
      )
    await this.write(graph, inputs, inputs.allowedCloudEndpoints, 'set')
    return { id: allowedCloudEndpointsId(inputs.tenant.tenantId), outs: await this.readBack(graph, inputs) }
  }

  async read(
    id: string,
    props?: AllowedCloudEndpointsOutputs,
  ): Promise<pulumi.dynamic.ReadResult<AllowedCloudEndpointsOutputs>> {
    if (props === undefined)
      throw new Error(`reading ${id}: allowed cloud endpoints are not importable (no stored inputs)`)
    const state = liveInputs(await this.live(this.graph(props.tenant), props), props)
    return { id, props: state, inputs: state }
  }

  async update(
    _id: string,
    _olds: AllowedCloudEndpointsOutputs,
    news: AllowedCloudEndpointsInputs,
  ): Promise<pulumi.dynamic.UpdateResult<AllowedCloudEndpointsOutputs>> {
    const graph = this.graph(news.tenant)
    await this.write(graph, news, news.allowedCloudEndpoints, 'update')
    return { outs: await this.readBack(graph, news) }
  }

  async delete(_id: string, props: AllowedCloudEndpointsOutputs): Promise<void> {
    // Back to Graph's default; a PATCH to [] when it is already [] changes nothing.
    await this.write(this.graph(props.tenant), props, [], 'reset')
  }

  private async write(
    graph: TenantGraph,
    inputs: AllowedCloudEndpointsInputs,
    list: readonly CloudEndpoint[],
    verb: string,
  ): Promise<void> {
    await graph.request({ operation: `${verb} ${describe(inputs)}`, ...permissions.write }, 'PATCH', path, {
      body: { allowedCloudEndpoints: list },
    })
  }

  private async live(graph: TenantGraph, inputs: AllowedCloudEndpointsInputs): Promise<CloudEndpoint[]> {
    const policy = await graph.request<{ allowedCloudEndpoints?: CloudEndpoint[] | null }>(
      { operation: `read ${describe(inputs)}`, ...permissions.read },
      'GET',
      path,
    )
    return policy?.allowedCloudEndpoints ?? []
  }

  /**
   * Create and update end in a read. The policy never 404s, so untilReadable reads it once; a value
   * read stale through Entra's lag (graph-api.md §7.8) is put right by the next refresh.
   */
  private async readBack(graph: TenantGraph, inputs: AllowedCloudEndpointsInputs) {
    return liveInputs(await untilReadable(graph, describe(inputs), () => this.live(graph, inputs)), inputs)
  }
}

const provider = providerShim(__filename, AllowedCloudEndpointsProvider)

export type AllowedCloudEndpointsArgs = {
  readonly [K in keyof AllowedCloudEndpointsInputs]: pulumi.Input<AllowedCloudEndpointsInputs[K]>
}

export class AllowedCloudEndpoints extends pulumi.dynamic.Resource {
  declare public readonly allowedCloudEndpoints: pulumi.Output<CloudEndpoint[]>

  constructor(name: string, args: AllowedCloudEndpointsArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      toWire(args),
      { ...opts, replaceOnChanges: ['tenant', ...(opts?.replaceOnChanges ?? [])] },
      'entra-topology',
      'AllowedCloudEndpoints',
    )
  }
}
