// ScopingGroup: a security group whose direct members are in a cross-tenant sync scope (/groups,
// graph-api.md §6.1-§6.3), with its members (users, by user principal name) and, normally, its place in
// the tenant's restricted management administrative unit.
//
// Graph permissions: Group.ReadWrite.All (create, properties, members@odata.bind; GroupMember.ReadWrite.All
// is enough in Graph to remove members), User.Read.All (members are named by UPN and looked up),
// AdministrativeUnit.ReadWrite.All (placing the group in its unit, and taking it out on delete).
// Restricted units: Graph's application permissions do not apply to the groups in a restricted unit
// (§6.3), so this provider creates the group, sets its members and only then places it in the unit.
// Later changes to its members or properties need the app to hold a group-managing Entra role scoped to
// the unit: the topology plans one (UnitRoleAssignment, Groups Administrator) and makes the group depend
// on it; without it Graph refuses with 403, which is explained with the remedy.
// Identity: `<tenantId>/groups/<groupId>`; a tenant change replaces it. The unit is not a replacement:
// moving between units is a change of unit membership (out of the old one first, into the new one last).
// Existing group: create refuses a group with the same mailNickname, naming it, unless the tenant is
// adopted (tenants.<alias>.adopt: true); adopting sets its properties, members and unit to the inputs.
// Delete: out of its unit (a restricted unit refuses the delete otherwise), then DELETE (soft-deleted for
// 30 days); already gone is fine. A refresh is one $batch; members are looked up 20 per $batch and added
// 20 per PATCH.
import * as pulumi from '@pulumi/pulumi'
import { untilReadable } from '../../graph/consistency'
import type { Json, TenantGraph } from '../../graph/tenantGraph'
import { GraphProvider } from '../shared/graphProvider'
import type { TenantRef } from '../shared/tenantRef'
import {
  describe,
  explainRestricted,
  findByNickname,
  ignoreNotFound,
  op,
  placeInUnit,
  readLive,
  scopingGroupPermissions,
  takeOutOfUnit,
  liveOutputs,
} from './groupGraph'
import { addMembers, bindUrl, chunks, removeMembers, resolveUsers } from './members'
import { scopingGroupProblems } from './scopingGroupCheck'
import { providerShim } from '../shared/providerShim'
import { toWire } from '../shared/wireShape'

export interface ScopingGroupInputs {
  readonly tenant: TenantRef
  readonly displayName: string
  readonly description: string | null
  readonly mailNickname: string
  /** Direct members by user principal name, sorted; the users must exist in the tenant. */
  readonly members: readonly string[]
  /** The administrative unit (object id) the group is placed in, or null. */
  readonly administrativeUnitId: string | null
  /** Take over a group with the same mailNickname that already exists. @default false */
  readonly adopt: boolean
}

export interface ScopingGroupOutputs extends ScopingGroupInputs {
  /** The group's object id (what a sync scope assignment names). */
  readonly groupId: string
}

export const scopingGroupId = (tenantId: string, groupId: string): string => `${tenantId}/groups/${groupId}`

export function parseScopingGroupId(id: string): { tenantId: string; groupId: string } {
  const match = /^([0-9a-f-]{36})\/groups\/([0-9a-f-]{36})$/i.exec(id)
  if (match === null) throw new Error(`'${id}' is not a scoping group id (<tenantId>/groups/<groupId>)`)
  return { tenantId: match[1]!, groupId: match[2]! }
}

export class ScopingGroupProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider<ScopingGroupInputs, ScopingGroupOutputs>
{
  check(
    _olds: ScopingGroupInputs,
    news: ScopingGroupInputs,
  ): Promise<pulumi.dynamic.CheckResult<ScopingGroupInputs>> {
    return Promise.resolve(scopingGroupProblems(news))
  }

  async create(inputs: ScopingGroupInputs): Promise<pulumi.dynamic.CreateResult<ScopingGroupOutputs>> {
    const graph = this.graph(inputs.tenant)
    const what = describe(inputs)
    const existing = await findByNickname(graph, inputs)
    if (existing.length > 0 && !inputs.adopt)
      throw new Error(
        `${what} already exists (${existing.map((g) => `'${String(g.displayName)}' ${String(g.id)}`).join(', ')}) and is not managed by this stack. Set tenants.${inputs.tenant.alias}.adopt: true in the topology to take it over (its members will be replaced by the topology's), or delete it.`,
      )
    if (existing.length > 1)
      throw new Error(
        `${what}: ${existing.length} groups have that mailNickname; delete or rename the extra ones`,
      )
    const found = existing[0]
    if (found !== undefined) {
      const types = Array.isArray(found.groupTypes) ? (found.groupTypes as unknown[]) : []
      if (found.securityEnabled !== true || found.mailEnabled === true || types.includes('Unified'))
        throw new Error(
          `${what} (${String(found.id)}) cannot be adopted: it is not a plain security group (securityEnabled ${String(found.securityEnabled)}, mailEnabled ${String(found.mailEnabled)}, groupTypes ${JSON.stringify(types)}); scoping groups and restricted units need one.`,
        )
      await this.converge(graph, inputs, String(found.id), null)
      return {
        id: scopingGroupId(inputs.tenant.tenantId, String(found.id)),
        outs: await this.readBack(inputs, String(found.id)),
      }
    }
    // Look the members up first: an unknown user fails the create before anything is written.
    const users = await resolveUsers(
      graph,
      inputs.tenant,
      what,
      inputs.members,
      scopingGroupPermissions.users,
    )
    const [first = [], ...rest] = chunks(users.map((u) => u.id))
    const created = await graph.request(
      op(`create ${what}`, scopingGroupPermissions.write),
      'POST',
      '/groups',
      {
        body: {
          displayName: inputs.displayName,
          ...(inputs.description === null ? {} : { description: inputs.description }),
          mailNickname: inputs.mailNickname,
          mailEnabled: false,
          securityEnabled: true,
          ...(first.length === 0 ? {} : { 'members@odata.bind': first.map((id) => bindUrl(graph, id)) }),
        },
      },
    )
    const groupId = String(created?.id)
    await addMembers(graph, op(`add members to ${what}`, scopingGroupPermissions.write), groupId, rest.flat())
    // Last: once in a restricted unit, the group's members are out of this app's reach.
    if (inputs.administrativeUnitId !== null) await placeInUnit(graph, inputs, groupId)
    return { id: scopingGroupId(inputs.tenant.tenantId, groupId), outs: await this.readBack(inputs, groupId) }
  }

  async read(
    id: string,
    props?: ScopingGroupOutputs,
  ): Promise<pulumi.dynamic.ReadResult<ScopingGroupOutputs>> {
    if (props === undefined)
      throw new Error(`reading ${id}: a scoping group is not importable (no stored inputs)`)
    const { groupId } = parseScopingGroupId(id)
    const live = await readLive(this.graph(props.tenant), props, groupId)
    if (live === undefined) return {} // deleted by hand: refresh reports it and up recreates it
    const state = liveOutputs(live, props)
    // inputs in the program's shape: a computed key there would read as a change on every refresh (the
    // SDK types ReadResult.inputs as outputs).
    const { groupId: _computed, ...inputs } = state
    return { id, props: state, inputs: inputs as ScopingGroupOutputs }
  }

  async update(
    id: string,
    olds: ScopingGroupOutputs,
    news: ScopingGroupInputs,
  ): Promise<pulumi.dynamic.UpdateResult<ScopingGroupOutputs>> {
    const { groupId } = parseScopingGroupId(id)
    await this.converge(this.graph(news.tenant), news, groupId, olds.administrativeUnitId)
    return { outs: await this.readBack(news, groupId) }
  }

  async delete(id: string, props: ScopingGroupOutputs): Promise<void> {
    const graph = this.graph(props.tenant)
    const { groupId } = parseScopingGroupId(id)
    const what = describe(props)
    // A restricted unit refuses to let its groups be deleted: out of the unit first.
    if (props.administrativeUnitId !== null)
      await takeOutOfUnit(graph, props, groupId, props.administrativeUnitId)
    await graph
      .request(op(`delete ${what}`, scopingGroupPermissions.write), 'DELETE', `/groups/${groupId}`)
      .catch(ignoreNotFound)
  }

  /** Brings an existing group to the inputs: out of its old unit, properties, members, into its unit. */
  private async converge(
    graph: TenantGraph,
    news: ScopingGroupInputs,
    groupId: string,
    oldUnitId: string | null,
  ): Promise<void> {
    const what = describe(news)
    if (oldUnitId !== null && oldUnitId !== news.administrativeUnitId)
      await takeOutOfUnit(graph, news, groupId, oldUnitId)
    const live = await readLive(graph, news, groupId)
    if (live === undefined)
      throw new Error(
        `${what} (${groupId}) no longer exists; run pulumi refresh (or up --refresh) to recreate it`,
      )
    try {
      const properties: Json = {}
      for (const key of ['displayName', 'description', 'mailNickname'] as const)
        if ((live.group[key] ?? null) !== news[key]) properties[key] = news[key]
      const update = op(`update ${what}`, scopingGroupPermissions.write)
      if (Object.keys(properties).length > 0)
        await graph.request(update, 'PATCH', `/groups/${groupId}`, { body: properties })
      const wanted = new Set(news.members.map((upn) => upn.toLowerCase()))
      const present = new Set(live.members.map((m) => m.userPrincipalName?.toLowerCase()))
      const extra = live.members.filter((m) => !wanted.has(m.userPrincipalName?.toLowerCase() ?? ''))
      const missing = news.members.filter((upn) => !present.has(upn.toLowerCase()))
      const users = await resolveUsers(graph, news.tenant, what, missing, scopingGroupPermissions.users)
      await addMembers(
        graph,
        op(`add members to ${what}`, scopingGroupPermissions.write),
        groupId,
        users.map((u) => u.id),
      )
      await removeMembers(
        graph,
        op(`remove members from ${what}`, scopingGroupPermissions.removeMembers),
        groupId,
        extra.map((m) => m.id),
      )
    } catch (error) {
      throw await explainRestricted(graph, news, live, error)
    }
    if (news.administrativeUnitId !== null && !live.inUnit) await placeInUnit(graph, news, groupId)
  }

  /** Create and update end in a read, through Entra's replication lag. */
  private async readBack(inputs: ScopingGroupInputs, groupId: string): Promise<ScopingGroupOutputs> {
    const graph = this.graph(inputs.tenant)
    const live = await untilReadable(graph, describe(inputs), () => readLive(graph, inputs, groupId))
    return liveOutputs(live, inputs)
  }
}

const provider = providerShim(__filename, ScopingGroupProvider)

export type ScopingGroupArgs = {
  readonly [K in keyof ScopingGroupInputs]: pulumi.Input<ScopingGroupInputs[K]>
}

export class ScopingGroup extends pulumi.dynamic.Resource {
  declare public readonly groupId: pulumi.Output<string>
  declare public readonly members: pulumi.Output<string[]>

  constructor(name: string, args: ScopingGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      toWire({ groupId: undefined, ...args }),
      { ...opts, replaceOnChanges: ['tenant', ...(opts?.replaceOnChanges ?? [])] },
      'entra-topology',
      'ScopingGroup',
    )
  }
}
