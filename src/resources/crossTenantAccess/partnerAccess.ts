// PartnerAccess: a tenant's cross-tenant access settings for one partner tenant
// (/policies/crossTenantAccessPolicy/partners/{partnerTenantId}, graph-api.md §1), one per tenant and
// partner of every pair the topology declares.
//
// Graph permission: Policy.ReadWrite.CrossTenantAccess (reads: Policy.Read.All).
// Identity: `<tenantId>/partners/<partnerTenantId>`; tenant and partner changes replace it.
// Existing entry: create refuses to take it over, naming it, unless the tenant is adopted
// (tenants.<alias>.adopt: true); adopting PATCHes it to the desired settings.
// Managed: inboundTrust, automaticUserConsentSettings, b2bCollaborationInbound/Outbound; other
// properties (direct connect, tenant restrictions) are left as they are.
import * as pulumi from '@pulumi/pulumi'
import type { Json } from '../../graph/tenantGraph'
import { GraphProvider, isKnown } from '../shared/graphProvider'
import { tenantRefProblems, type TenantRef } from '../shared/tenantRef'
import { providerShim } from '../shared/providerShim'
import { toWire } from '../shared/wireShape'

export const partnerAccessPermissions = {
  read: { permissions: ['Policy.Read.All', 'Policy.ReadWrite.CrossTenantAccess'] },
  write: { permissions: ['Policy.ReadWrite.CrossTenantAccess'] },
}

export interface PartnerAccessInputs {
  readonly tenant: TenantRef
  /** The partner's alias (for messages) and tenant id (the entry's key). */
  readonly partner: { readonly alias: string; readonly tenantId: string }
  readonly inboundTrust: {
    readonly isMfaAccepted: boolean
    readonly isCompliantDeviceAccepted: boolean
    readonly isHybridAzureADJoinedDeviceAccepted: boolean
  } | null
  readonly automaticUserConsentSettings: {
    readonly inboundAllowed: boolean | null
    readonly outboundAllowed: boolean | null
  }
  readonly b2bCollaborationInbound: Json | null
  readonly b2bCollaborationOutbound: Json | null
  /** Take over an entry that already exists. @default false */
  readonly adopt: boolean
}

export type PartnerAccessOutputs = PartnerAccessInputs

const managed = [
  'inboundTrust',
  'automaticUserConsentSettings',
  'b2bCollaborationInbound',
  'b2bCollaborationOutbound',
] as const

export const partnerAccessId = (tenantId: string, partnerTenantId: string): string =>
  `${tenantId}/partners/${partnerTenantId}`

export function parsePartnerAccessId(id: string): { tenantId: string; partnerTenantId: string } {
  const match = /^([0-9a-f-]{36})\/partners\/([0-9a-f-]{36})$/i.exec(id)
  if (match === null)
    throw new Error(`'${id}' is not a partner access id (<tenantId>/partners/<partnerTenantId>)`)
  return { tenantId: match[1]!, partnerTenantId: match[2]! }
}

const path = (partnerTenantId: string): string =>
  `/policies/crossTenantAccessPolicy/partners/${partnerTenantId}`
const describe = (i: PartnerAccessInputs): string =>
  `the partner configuration for ${i.partner.alias} (${i.partner.tenantId}) in tenant ${i.tenant.alias}`

/** The live entry in input shape (what refresh compares with the program). */
function liveInputs(live: Json, desired: PartnerAccessInputs): PartnerAccessInputs {
  const consent = (live.automaticUserConsentSettings ??
    {}) as PartnerAccessInputs['automaticUserConsentSettings']
  return {
    tenant: desired.tenant,
    partner: desired.partner,
    inboundTrust: (live.inboundTrust as PartnerAccessInputs['inboundTrust']) ?? null,
    automaticUserConsentSettings: {
      inboundAllowed: consent.inboundAllowed ?? null,
      outboundAllowed: consent.outboundAllowed ?? null,
    },
    b2bCollaborationInbound: (live.b2bCollaborationInbound as Json | null | undefined) ?? null,
    b2bCollaborationOutbound: (live.b2bCollaborationOutbound as Json | null | undefined) ?? null,
    adopt: desired.adopt,
  }
}

const body = (i: PartnerAccessInputs): Json => Object.fromEntries(managed.map((k) => [k, i[k]]))

export class PartnerAccessProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider<PartnerAccessInputs, PartnerAccessOutputs>
{
  check(_olds: PartnerAccessInputs, news: PartnerAccessInputs): Promise<pulumi.dynamic.CheckResult> {
    const failures: pulumi.dynamic.CheckFailure[] = []
    if (isKnown(news.tenant)) failures.push(...tenantRefProblems(news.tenant))
    if (isKnown(news.partner)) {
      const p = news.partner as Partial<PartnerAccessInputs['partner']> | undefined
      if (typeof p?.tenantId !== 'string' || !/^[0-9a-f-]{36}$/i.test(p.tenantId))
        failures.push({
          property: 'partner',
          reason: `partner.tenantId must be a GUID, got ${JSON.stringify(p?.tenantId)}`,
        })
      if (isKnown(news.tenant) && p?.tenantId?.toLowerCase() === news.tenant?.tenantId?.toLowerCase())
        failures.push({ property: 'partner', reason: 'a tenant cannot be its own partner' })
    }
    return Promise.resolve({ inputs: news, failures })
  }

  async create(inputs: PartnerAccessInputs): Promise<pulumi.dynamic.CreateResult<PartnerAccessOutputs>> {
    const graph = this.graph(inputs.tenant)
    const what = describe(inputs)
    const existing = await graph.find(
      { operation: `read ${what}`, ...partnerAccessPermissions.read },
      path(inputs.partner.tenantId),
    )
    if (existing !== undefined && !inputs.adopt)
      throw new Error(
        `${what} already exists and is not managed by this stack. Set tenants.${inputs.tenant.alias}.adopt: true in the topology to take it over (its settings will be replaced by the topology's), or delete it.`,
      )
    const op = {
      operation: `${existing === undefined ? 'create' : 'adopt'} ${what}`,
      ...partnerAccessPermissions.write,
    }
    if (existing === undefined)
      await graph.request(op, 'POST', '/policies/crossTenantAccessPolicy/partners', {
        body: { tenantId: inputs.partner.tenantId, ...body(inputs) },
      })
    else await graph.request(op, 'PATCH', path(inputs.partner.tenantId), { body: body(inputs) })
    return {
      id: partnerAccessId(inputs.tenant.tenantId, inputs.partner.tenantId),
      outs: await this.readBack(inputs),
    }
  }

  async read(
    id: string,
    props?: PartnerAccessOutputs,
  ): Promise<pulumi.dynamic.ReadResult<PartnerAccessOutputs>> {
    if (props === undefined)
      throw new Error(`reading ${id}: partner access is not importable (no stored inputs)`)
    const live = await this.graph(props.tenant).find(
      { operation: `read ${describe(props)}`, ...partnerAccessPermissions.read },
      path(parsePartnerAccessId(id).partnerTenantId),
    )
    if (live === undefined) return {} // deleted by hand: refresh reports it and up recreates it
    const state = liveInputs(live, props)
    return { id, props: state, inputs: state }
  }

  async update(
    _id: string,
    _olds: PartnerAccessOutputs,
    news: PartnerAccessInputs,
  ): Promise<pulumi.dynamic.UpdateResult<PartnerAccessOutputs>> {
    await this.graph(news.tenant).request(
      { operation: `update ${describe(news)}`, ...partnerAccessPermissions.write },
      'PATCH',
      path(news.partner.tenantId),
      { body: body(news) },
    )
    return { outs: await this.readBack(news) }
  }

  async delete(id: string, props: PartnerAccessOutputs): Promise<void> {
    const op = { operation: `delete ${describe(props)}`, ...partnerAccessPermissions.write }
    await this.deleteIfPresent(props.tenant, op, path(parsePartnerAccessId(id).partnerTenantId))
  }

  /** Create and update end in a read, through Entra's replication lag. */
  private async readBack(inputs: PartnerAccessInputs): Promise<PartnerAccessOutputs> {
    const op = { operation: `read ${describe(inputs)}`, ...partnerAccessPermissions.read }
    const live = await this.readBackAt(inputs.tenant, describe(inputs), op, path(inputs.partner.tenantId))
    return liveInputs(live, inputs)
  }
}

const provider = providerShim(__filename, PartnerAccessProvider)

export type PartnerAccessArgs = {
  readonly [K in keyof PartnerAccessInputs]: pulumi.Input<PartnerAccessInputs[K]>
}

export class PartnerAccess extends pulumi.dynamic.Resource {
  declare public readonly inboundTrust: pulumi.Output<PartnerAccessInputs['inboundTrust']>
  declare public readonly automaticUserConsentSettings: pulumi.Output<
    PartnerAccessInputs['automaticUserConsentSettings']
  >

  constructor(name: string, args: PartnerAccessArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      toWire(args),
      { ...opts, replaceOnChanges: ['tenant', 'partner', ...(opts?.replaceOnChanges ?? [])] },
      'entra-topology',
      'PartnerAccess',
    )
  }
}
