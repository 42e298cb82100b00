// IdentitySync: a target tenant's allowance for users of one source tenant to be synchronized in
// (/policies/crossTenantAccessPolicy/partners/{sourceTenantId}/identitySynchronization, graph-api.md §2).
//
// Graph permission: Policy.ReadWrite.CrossTenantAccess (reads: Policy.Read.All).
// Identity: `<tenantId>/partners/<sourceTenantId>/identitySynchronization`; tenant and partner changes
// replace it. The partner entry (PartnerAccess) must exist first: the component makes this depend on it.
// PUT creates only (a second PUT is 409), so updates PATCH; an existing policy is refused unless the
// tenant is adopted. Setting isSyncAllowed false stops sync from that source; synced users stay.
import * as pulumi from '@pulumi/pulumi'
import type { Json } from '../../graph/tenantGraph'
import { GraphProvider, isKnown } from '../shared/graphProvider'
import { tenantRefProblems, type TenantRef } from '../shared/tenantRef'
import { partnerAccessPermissions as permissions } from './partnerAccess'
import { providerShim } from '../shared/providerShim'
import { toWire } from '../shared/wireShape'

export interface IdentitySyncInputs {
  /** The target tenant, where the policy lives. */
  readonly tenant: TenantRef
  /** The source tenant allowed to sync in. */
  readonly partner: { readonly alias: string; readonly tenantId: string }
  readonly displayName: string
  readonly userSyncInbound: { readonly isSyncAllowed: boolean }
  readonly adopt: boolean
}

export type IdentitySyncOutputs = IdentitySyncInputs

export const identitySyncId = (tenantId: string, sourceTenantId: string): string =>
  `${tenantId}/partners/${sourceTenantId}/identitySynchronization`

const path = (sourceTenantId: string): string =>
  `/policies/crossTenantAccessPolicy/partners/${sourceTenantId}/identitySynchronization`
const describe = (i: IdentitySyncInputs): string =>
  `the inbound user sync allowance for ${i.partner.alias} (${i.partner.tenantId}) in tenant ${i.tenant.alias}`

function liveInputs(live: Json, desired: IdentitySyncInputs): IdentitySyncInputs {
  const inbound = (live.userSyncInbound as { isSyncAllowed?: boolean } | null | undefined) ?? {}
  return {
    tenant: desired.tenant,
    partner: desired.partner,
    displayName: typeof live.displayName === 'string' ? live.displayName : '',
    userSyncInbound: { isSyncAllowed: inbound.isSyncAllowed === true },
    adopt: desired.adopt,
  }
}

export class IdentitySyncProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider<IdentitySyncInputs, IdentitySyncOutputs>
{
  check(_olds: IdentitySyncInputs, news: IdentitySyncInputs): Promise<pulumi.dynamic.CheckResult> {
    const failures: pulumi.dynamic.CheckFailure[] = []
    if (isKnown(news.tenant)) failures.push(...tenantRefProblems(news.tenant))
    if (
      isKnown(news.partner) &&
      !/^[0-9a-f-]{36}$/i.test(String((news.partner as { tenantId?: unknown })?.tenantId))
    )
      failures.push({
        property: 'partner',
        reason: `partner.tenantId must be a GUID, got ${JSON.stringify(news.partner)}`,
      })
    if (isKnown(news.userSyncInbound) && typeof news.userSyncInbound?.isSyncAllowed !== 'boolean')
      failures.push({
        property: 'userSyncInbound',
        reason: 'userSyncInbound.isSyncAllowed must be true or false',
      })
    return Promise.resolve({ inputs: news, failures })
  }

  async create(inputs: IdentitySyncInputs): Promise<pulumi.dynamic.CreateResult<IdentitySyncOutputs>> {
    const graph = this.graph(inputs.tenant)
    const what = describe(inputs)
    const existing = await graph.find(
      { operation: `read ${what}`, ...permissions.read },
      path(inputs.partner.tenantId),
    )
    if (existing !== undefined && !inputs.adopt)
      throw new Error(
        `${what} already exists and is not managed by this stack. Set tenants.${inputs.tenant.alias}.adopt: true in the topology to take it over, or delete it.`,
      )
    const body = { displayName: inputs.displayName, userSyncInbound: inputs.userSyncInbound }
    const op = { operation: `${existing === undefined ? 'create' : 'adopt'} ${what}`, ...permissions.write }
    await graph.request(op, existing === undefined ? 'PUT' : 'PATCH', path(inputs.partner.tenantId), { body })
    return {
      id: identitySyncId(inputs.tenant.tenantId, inputs.partner.tenantId),
      outs: await this.readBack(inputs),
    }
  }

  async read(
    id: string,
    props?: IdentitySyncOutputs,
  ): Promise<pulumi.dynamic.ReadResult<IdentitySyncOutputs>> {
    if (props === undefined)
      throw new Error(`reading ${id}: identity sync is not importable (no stored inputs)`)
    const live = await this.graph(props.tenant).find(
      { operation: `read ${describe(props)}`, ...permissions.read },
      path(props.partner.tenantId),
    )
    if (live === undefined) return {}
    const state = liveInputs(live, props)
    return { id, props: state, inputs: state }
  }

  async update(
    _id: string,
    _olds: IdentitySyncOutputs,
    news: IdentitySyncInputs,
  ): Promise<pulumi.dynamic.UpdateResult<IdentitySyncOutputs>> {
    await this.graph(news.tenant).request(
      { operation: `update ${describe(news)}`, ...permissions.write },
      'PATCH',
      path(news.partner.tenantId),
      { body: { displayName: news.displayName, userSyncInbound: news.userSyncInbound } },
    )
    return { outs: await this.readBack(news) }
  }

  async delete(_id: string, props: IdentitySyncOutputs): Promise<void> {
    const op = { operation: `delete ${describe(props)}`, ...permissions.write }
    await this.deleteIfPresent(props.tenant, op, path(props.partner.tenantId))
  }

  private async readBack(inputs: IdentitySyncInputs): Promise<IdentitySyncOutputs> {
    const op = { operation: `read ${describe(inputs)}`, ...permissions.read }
    const live = await this.readBackAt(inputs.tenant, describe(inputs), op, path(inputs.partner.tenantId))
    return liveInputs(live, inputs)
  }
}

const provider = providerShim(__filename, IdentitySyncProvider)

export type IdentitySyncArgs = {
  readonly [K in keyof IdentitySyncInputs]: pulumi.Input<IdentitySyncInputs[K]>
}

export class IdentitySync extends pulumi.dynamic.Resource {
  declare public readonly userSyncInbound: pulumi.Output<IdentitySyncInputs['userSyncInbound']>

  constructor(name: string, args: IdentitySyncArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      toWire(args),
      { ...opts, replaceOnChanges: ['tenant', 'partner', ...(opts?.replaceOnChanges ?? [])] },
      'entra-topology',
      'IdentitySync',
    )
  }
}
