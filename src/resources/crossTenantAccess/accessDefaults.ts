// AccessDefaults: a tenant's default cross-tenant access configuration, which every partner property
// left null inherits (/policies/crossTenantAccessPolicy/default, graph-api.md §1.2-§1.4).
// Not used by the topology yet: the schema has no defaults section, so the component creates none;
// the resource is ready for when it does.
//
// Graph permission: Policy.ReadWrite.CrossTenantAccess (reads: Policy.Read.All).
// Identity: `<tenantId>/crossTenantAccessPolicy/default`; a tenant change replaces it.
// Managed: only the settings given (inboundTrust, b2bCollaborationInbound/Outbound,
// b2bDirectConnectInbound/Outbound), always as whole sub-objects; a setting dropped from the inputs is
// PATCHed back to its system default. automaticUserConsentSettings is read-only here (always false).
// Existing configuration: the default always exists; one already changed from the system default
// (isServiceDefault false) is refused unless the tenant is adopted (tenants.<alias>.adopt: true).
// Delete: POST .../default/resetToSystemDefault, which also resets what this resource does not manage
// (tenant restrictions, the invitation redemption order). Read never answers gone: a reset made by
// hand reads as drift.
import * as pulumi from '@pulumi/pulumi'
import { untilReadable } from '../../graph/consistency'
import type { Json, TenantGraph } from '../../graph/tenantGraph'
import type { B2BSetting } from '../../topology/plan/types'
import { GraphProvider, isKnown } from '../shared/graphProvider'
import { tenantRefProblems, type TenantRef } from '../shared/tenantRef'
import {
  accessDefaultsProblems,
  managedSettings,
  systemDefaults,
  type ManagedSetting,
} from './accessDefaultsShapes'
import { partnerAccessPermissions as permissions } from './partnerAccess'
import { providerShim } from '../shared/providerShim'
import { toWire } from '../shared/wireShape'

export interface InboundTrust {
  readonly isMfaAccepted: boolean
  readonly isCompliantDeviceAccepted: boolean
  readonly isHybridAzureADJoinedDeviceAccepted: boolean
}

export interface AccessDefaultsInputs {
  readonly tenant: TenantRef
  readonly inboundTrust?: InboundTrust
  readonly b2bCollaborationInbound?: B2BSetting
  readonly b2bCollaborationOutbound?: B2BSetting
  readonly b2bDirectConnectInbound?: B2BSetting
  readonly b2bDirectConnectOutbound?: B2BSetting
  /** Take over a default configuration someone already changed. @default false */
  readonly adopt: boolean
}

export interface AccessDefaultsOutputs extends AccessDefaultsInputs {
  /** false once anything was changed from the system default. */
  readonly isServiceDefault: boolean
}

export const accessDefaultsId = (tenantId: string): string => `${tenantId}/crossTenantAccessPolicy/default`

const path = '/policies/crossTenantAccessPolicy/default'
const describe = (i: AccessDefaultsInputs): string =>
  `the default cross-tenant access settings of tenant ${i.tenant.alias}`
const given = (i: AccessDefaultsInputs): ManagedSetting[] => managedSettings.filter((k) => i[k] !== undefined)

/** The live settings this resource manages, in input shape. */
function liveInputs(live: Json, desired: AccessDefaultsInputs): AccessDefaultsInputs {
  const settings = Object.fromEntries(given(desired).map((k) => [k, live[k] ?? null]))
  return { tenant: desired.tenant, ...settings, adopt: desired.adopt }
}

export class AccessDefaultsProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider<AccessDefaultsInputs, AccessDefaultsOutputs>
{
  check(_olds: AccessDefaultsInputs, news: AccessDefaultsInputs): Promise<pulumi.dynamic.CheckResult> {
    const failures: pulumi.dynamic.CheckFailure[] = []
    if (isKnown(news.tenant)) failures.push(...tenantRefProblems(news.tenant))
    failures.push(...accessDefaultsProblems(news))
    if (isKnown(news.adopt) && typeof news.adopt !== 'boolean')
      failures.push({ property: 'adopt', reason: 'adopt must be true or false' })
    return Promise.resolve({ inputs: news, failures })
  }

  async create(inputs: AccessDefaultsInputs): Promise<pulumi.dynamic.CreateResult<AccessDefaultsOutputs>> {
    const graph = this.graph(inputs.tenant)
    const live = await this.live(graph, inputs)
    if (live.isServiceDefault === false && !inputs.adopt)
      throw new Error(
        `${describe(inputs)} were already changed from the system default and are not managed by this stack. Set tenants.${inputs.tenant.alias}.adopt: true in the topology to take them over (the settings it names will be replaced by the topology's), or reset them to the system default.`,
      )
    await this.write(graph, inputs, 'set', body(inputs))
    return { id: accessDefaultsId(inputs.tenant.tenantId), outs: await this.readBack(graph, inputs) }
  }

  async read(
    id: string,
    props?: AccessDefaultsOutputs,
  ): Promise<pulumi.dynamic.ReadResult<AccessDefaultsOutputs>> {
    if (props === undefined)
      throw new Error(`reading ${id}: default access settings are not importable (no stored inputs)`)
    const live = await this.live(this.graph(props.tenant), props)
    const inputs = liveInputs(live, props)
    // The SDK types read's inputs as outputs; only input keys go in (an output key would read as a change).
    return {
      id,
      props: { ...inputs, isServiceDefault: live.isServiceDefault === true },
      inputs: inputs as AccessDefaultsOutputs,
    }
  }

  async update(
    _id: string,
    olds: AccessDefaultsOutputs,
    news: AccessDefaultsInputs,
  ): Promise<pulumi.dynamic.UpdateResult<AccessDefaultsOutputs>> {
    const graph = this.graph(news.tenant)
    // Settings no longer managed go back to the system default (the default has no "inherit").
    const dropped = given(olds).filter((k) => news[k] === undefined)
    const restore = Object.fromEntries(dropped.map((k) => [k, systemDefaults[k]]))
    await this.write(graph, news, 'update', { ...restore, ...body(news) })
    return { outs: await this.readBack(graph, news) }
  }

  async delete(_id: string, props: AccessDefaultsOutputs): Promise<void> {
    // Idempotent: resetting a system default again changes nothing.
    await this.graph(props.tenant).request(
      { operation: `reset ${describe(props)}`, ...permissions.write },
      'POST',
      `${path}/resetToSystemDefault`,
    )
  }

  private async write(graph: TenantGraph, inputs: AccessDefaultsInputs, verb: string, patch: Json) {
    // A PATCH, even empty, turns isServiceDefault false: send none when nothing is managed.
    if (Object.keys(patch).length === 0) return
    await graph.request({ operation: `${verb} ${describe(inputs)}`, ...permissions.write }, 'PATCH', path, {
      body: patch,
    })
  }

  private async live(graph: TenantGraph, inputs: AccessDefaultsInputs): Promise<Json> {
    const live = await graph.request(
      { operation: `read ${describe(inputs)}`, ...permissions.read },
      'GET',
      path,
    )
    return live ?? {}
  }

  /** Create and update end in a read; the default never 404s, so untilReadable reads it once. */
  private async readBack(graph: TenantGraph, inputs: AccessDefaultsInputs): Promise<AccessDefaultsOutputs> {
    const live = await untilReadable(graph, describe(inputs), () => this.live(graph, inputs))
    return { ...liveInputs(live, inputs), isServiceDefault: live.isServiceDefault === true }
  }
}

const body = (i: AccessDefaultsInputs): Json => Object.fromEntries(given(i).map((k) => [k, i[k]]))

const provider = providerShim(__filename, AccessDefaultsProvider)

export type AccessDefaultsArgs = {
  readonly [K in keyof AccessDefaultsInputs]: pulumi.Input<AccessDefaultsInputs[K]>
}

export class AccessDefaults extends pulumi.dynamic.Resource {
  declare public readonly isServiceDefault: pulumi.Output<boolean>

  constructor(name: string, args: AccessDefaultsArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      toWire({ ...args, isServiceDefault: undefined }),
      { ...opts, replaceOnChanges: ['tenant', ...(opts?.replaceOnChanges ?? [])] },
      'entra-topology',
      'AccessDefaults',
    )
  }
}
