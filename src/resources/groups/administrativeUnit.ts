// AdministrativeUnit: the administrative unit that holds a tenant's scoping groups, normally a restricted
// management one (/directory/administrativeUnits, graph-api.md §6.3), so that tenant-wide administrators
// cannot change who is synchronized.
//
// Graph permission: AdministrativeUnit.ReadWrite.All (reads: AdministrativeUnit.Read.All).
// Identity: `<tenantId>/administrativeUnits/<unitId>`. isMemberManagementRestricted can only be set at
// creation, so changing it (or the tenant) replaces the unit; the replacement is deleted first
// (deleteBeforeReplace), since the new unit has the same displayName and a unit of that name is refused.
// Existing unit: create lists the tenant's units and refuses one with the same displayName, naming it,
// unless the tenant is adopted (tenants.<alias>.adopt: true); adopting PATCHes displayName and
// description, and refuses a unit whose isMemberManagementRestricted differs (Graph cannot change it).
// Delete: DELETE (a soft delete, restorable from deletedItems for 30 days); already gone is fine.
// Deleting a restricted unit lifts its protection of the groups in it (Graph: within 30 minutes).
import * as pulumi from '@pulumi/pulumi'
import { untilReadable } from '../../graph/consistency'
import { GraphRequestError } from '../../graph/errors'
import type { Json } from '../../graph/tenantGraph'
import { GraphProvider, isKnown } from '../shared/graphProvider'
import { tenantRefProblems, type TenantRef } from '../shared/tenantRef'
import { providerShim } from '../shared/providerShim'
import { toWire } from '../shared/wireShape'

export const administrativeUnitPermissions = {
  read: { permissions: ['AdministrativeUnit.Read.All', 'AdministrativeUnit.ReadWrite.All'] },
  write: { permissions: ['AdministrativeUnit.ReadWrite.All'] },
}

export interface AdministrativeUnitInputs {
  readonly tenant: TenantRef
  readonly displayName: string
  readonly description: string | null
  /** Restricted management unit (the plan always asks for true); fixed at creation. */
  readonly isMemberManagementRestricted: boolean
  /** Take over a unit with the same displayName that already exists. @default false */
  readonly adopt: boolean
}

export interface AdministrativeUnitOutputs extends AdministrativeUnitInputs {
  /** The unit's object id (what scoping groups are placed in). */
  readonly administrativeUnitId: string
}

const base = '/directory/administrativeUnits'
const select = '$select=id,displayName,description,isMemberManagementRestricted'

export const administrativeUnitId = (tenantId: string, unitId: string): string =>
  `${tenantId}/administrativeUnits/${unitId}`

export function parseAdministrativeUnitId(id: string): { tenantId: string; unitId: string } {
  const match = /^([0-9a-f-]{36})\/administrativeUnits\/([0-9a-f-]{36})$/i.exec(id)
  if (match === null)
    throw new Error(`'${id}' is not an administrative unit id (<tenantId>/administrativeUnits/<unitId>)`)
  return { tenantId: match[1]!, unitId: match[2]! }
}

const describe = (i: AdministrativeUnitInputs): string =>
  `the administrative unit '${i.displayName}' in tenant ${i.tenant.alias}`

function liveOutputs(live: Json, desired: AdministrativeUnitInputs): AdministrativeUnitOutputs {
  return {
    tenant: desired.tenant,
    displayName: typeof live.displayName === 'string' ? live.displayName : '',
    description: typeof live.description === 'string' ? live.description : null,
    isMemberManagementRestricted: live.isMemberManagementRestricted === true,
    adopt: desired.adopt,
    administrativeUnitId: String(live.id),
  }
}

export class AdministrativeUnitProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider<AdministrativeUnitInputs, AdministrativeUnitOutputs>
{
  check(
    _olds: AdministrativeUnitInputs,
    news: AdministrativeUnitInputs,
  ): Promise<pulumi.dynamic.CheckResult<AdministrativeUnitInputs>> {
    const failures: pulumi.dynamic.CheckFailure[] = []
    if (isKnown(news.tenant)) failures.push(...tenantRefProblems(news.tenant))
    const name: unknown = news.displayName
    if (isKnown(name) && (typeof name !== 'string' || name.trim() === '' || name.length > 256))
      failures.push({
        property: 'displayName',
        reason: `displayName must be a non-empty string of at most 256 characters, got ${JSON.stringify(name)}`,
      })
    const description: unknown = news.description
    if (isKnown(description) && description !== null && typeof description !== 'string')
      failures.push({
        property: 'description',
        reason: `description must be a string or null, got ${JSON.stringify(description)}`,
      })
    for (const flag of ['isMemberManagementRestricted', 'adopt'] as const)
      if (isKnown(news[flag]) && typeof news[flag] !== 'boolean')
        failures.push({
          property: flag,
          reason: `${flag} must be true or false, got ${JSON.stringify(news[flag])}`,
        })
    return Promise.resolve({ inputs: news, failures })
  }

  async create(
    inputs: AdministrativeUnitInputs,
  ): Promise<pulumi.dynamic.CreateResult<AdministrativeUnitOutputs>> {
    const graph = this.graph(inputs.tenant)
    const what = describe(inputs)
    // Graph filters units by displayName; listing works everywhere and a tenant has few units.
    const units = await graph.list(
      {
        operation: `list the administrative units of tenant ${inputs.tenant.alias}`,
        ...administrativeUnitPermissions.read,
      },
      `${base}?${select}&$top=999`,
    )
    const existing = units.filter((u) => u.displayName === inputs.displayName)
    if (existing.length > 0 && !inputs.adopt)
      throw new Error(
        `${what} already exists (${existing.map((u) => String(u.id)).join(', ')}) and is not managed by this stack. Set tenants.${inputs.tenant.alias}.adopt: true in the topology to take it over, or delete it.`,
      )
    if (existing.length > 1)
      throw new Error(
        `${what}: ${existing.length} units have that name; delete the extra ones or rename them`,
      )
    const found = existing[0]
    if (
      found !== undefined &&
      (found.isMemberManagementRestricted === true) !== inputs.isMemberManagementRestricted
    )
      throw new Error(
        `${what} (${String(found.id)}) cannot be adopted: its isMemberManagementRestricted is ${found.isMemberManagementRestricted === true}, the topology asks for ${inputs.isMemberManagementRestricted}, and Graph sets it only at creation. Delete the unit or rename one of them.`,
      )
    const op = {
      operation: `${found === undefined ? 'create' : 'adopt'} ${what}`,
      ...administrativeUnitPermissions.write,
    }
    let unitId: string
    if (found === undefined) {
      const created = await graph.request(op, 'POST', base, {
        body: {
          displayName: inputs.displayName,
          description: inputs.description,
          isMemberManagementRestricted: inputs.isMemberManagementRestricted,
        },
      })
      unitId = String(created?.id)
    } else {
      unitId = String(found.id)
      await graph.request(op, 'PATCH', `${base}/${unitId}`, {
        body: { displayName: inputs.displayName, description: inputs.description },
      })
    }
    return {
      id: administrativeUnitId(inputs.tenant.tenantId, unitId),
      outs: await this.readBack(inputs, unitId),
    }
  }

  async read(
    id: string,
    props?: AdministrativeUnitOutputs,
  ): Promise<pulumi.dynamic.ReadResult<AdministrativeUnitOutputs>> {
    if (props === undefined)
      throw new Error(`reading ${id}: an administrative unit is not importable (no stored inputs)`)
    const live = await this.graph(props.tenant).find(
      { operation: `read ${describe(props)}`, ...administrativeUnitPermissions.read },
      `${base}/${parseAdministrativeUnitId(id).unitId}?${select}`,
    )
    if (live === undefined) return {} // deleted by hand: refresh reports it and up recreates it
    const state = liveOutputs(live, props)
    // inputs in the program's shape: a computed key there would read as a change on every refresh (the
    // SDK types ReadResult.inputs as outputs).
    const { administrativeUnitId: _computed, ...inputs } = state
    return { id, props: state, inputs: inputs as AdministrativeUnitOutputs }
  }

  async update(
    id: string,
    _olds: AdministrativeUnitOutputs,
    news: AdministrativeUnitInputs,
  ): Promise<pulumi.dynamic.UpdateResult<AdministrativeUnitOutputs>> {
    const { unitId } = parseAdministrativeUnitId(id)
    await this.graph(news.tenant).request(
      { operation: `update ${describe(news)}`, ...administrativeUnitPermissions.write },
      'PATCH',
      `${base}/${unitId}`,
      { body: { displayName: news.displayName, description: news.description } },
    )
    return { outs: await this.readBack(news, unitId) }
  }

  async delete(id: string, props: AdministrativeUnitOutputs): Promise<void> {
    const graph = this.graph(props.tenant)
    const op = { operation: `delete ${describe(props)}`, ...administrativeUnitPermissions.write }
    try {
      await graph.request(op, 'DELETE', `${base}/${parseAdministrativeUnitId(id).unitId}`)
    } catch (error) {
      if (!(error instanceof GraphRequestError && error.isNotFound)) throw error // gone already is fine
    }
  }

  private async readBack(
    inputs: AdministrativeUnitInputs,
    unitId: string,
  ): Promise<AdministrativeUnitOutputs> {
    const graph = this.graph(inputs.tenant)
    const live = await untilReadable(graph, describe(inputs), () =>
      graph.find(
        { operation: `read ${describe(inputs)}`, ...administrativeUnitPermissions.read },
        `${base}/${unitId}?${select}`,
      ),
    )
    return liveOutputs(live, inputs)
  }
}

const provider = providerShim(__filename, AdministrativeUnitProvider)

export type AdministrativeUnitArgs = {
  readonly [K in keyof AdministrativeUnitInputs]: pulumi.Input<AdministrativeUnitInputs[K]>
}

export class AdministrativeUnit extends pulumi.dynamic.Resource {
  declare public readonly administrativeUnitId: pulumi.Output<string>
  declare public readonly displayName: pulumi.Output<string>
  declare public readonly isMemberManagementRestricted: pulumi.Output<boolean>

  constructor(name: string, args: AdministrativeUnitArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      toWire({ administrativeUnitId: undefined, ...args }),
      {
        deleteBeforeReplace: true,
        ...opts,
        replaceOnChanges: ['tenant', 'isMemberManagementRestricted', ...(opts?.replaceOnChanges ?? [])],
      },
      'entra-topology',
      'AdministrativeUnit',
    )
  }
}
