// SyncScopeAssignment: one msiam_access app role assignment on a cross-tenant sync configuration's
// service principal (/servicePrincipals/{id}/appRoleAssignedTo, graph-api.md §3.8). With SyncAll
// 'false' the assigned users and the direct members of assigned groups are the sync's scope. Entra
// deprovisions users who leave it only on a cycle, and none runs once a removed pair's configuration is
// deleted, so delete asks for them on demand right after unassigning (syncDeprovision.ts).
//
// Graph permission: AppRoleAssignment.ReadWrite.All (reads: Application.Read.All; finding a user by
// user principal name: User.Read.All); delete also needs Synchronization.ReadWrite.All and
// GroupMember.Read.All (provision on demand for the unassigned users, a group's members).
// Identity: `<tenantId>/servicePrincipals/<servicePrincipalId>/appRoleAssignedTo/<assignmentId>`; any
// change of tenant, service principal, app role or principal replaces it (an assignment cannot be
// changed in Graph). A user principal is named by user principal name and resolved at create and read
// (GET /users/{upn}?$select=id); its id is an output.
// Existing assignment (400 "Permission being assigned already exists on the object."): create refuses
// to take it over, naming it, unless adopted (tenants.<alias>.adopt: true); adopting records it as is.
import * as pulumi from '@pulumi/pulumi'
import { retryWhileNotFound, untilReadable } from '../../graph/consistency'
import { GraphRequestError } from '../../graph/errors'
import type { TenantGraph } from '../../graph/tenantGraph'
import { GraphProvider, isKnown } from '../shared/graphProvider'
import { isGuid, tenantRefProblems, type TenantRef } from '../shared/tenantRef'
import { batchRead, ctsPermissions as permissions } from './shared'
import { deprovision, planDeprovision } from './syncDeprovision'
import { providerShim } from '../shared/providerShim'
import { toWire } from '../shared/wireShape'

export type ScopePrincipal =
  | { readonly type: 'Group'; readonly id: string }
  | { readonly type: 'User'; readonly userPrincipalName: string }

export interface SyncScopeAssignmentInputs {
  /** The source tenant, where the configuration lives. */
  readonly tenant: TenantRef
  /** The target's alias, for messages. */
  readonly partner: string
  readonly servicePrincipalId: string
  /** The configuration's msiam_access app role id. */
  readonly appRoleId: string
  readonly principal: ScopePrincipal
  /** Take over an assignment that already exists. @default false */
  readonly adopt: boolean
}

export interface SyncScopeAssignmentOutputs extends SyncScopeAssignmentInputs {
  readonly assignmentId: string
  /** The group's or user's object id. */
  readonly principalId: string
}

export const syncScopeAssignmentId = (tenantId: string, spId: string, assignmentId: string): string =>
  `${tenantId}/servicePrincipals/${spId}/appRoleAssignedTo/${assignmentId}`

const assignedTo = (spId: string): string => `/servicePrincipals/${spId}/appRoleAssignedTo`
const userPath = (upn: string): string => `/users/${encodeURIComponent(upn)}?$select=id`
const principalName = (p: ScopePrincipal): string =>
  p.type === 'Group' ? `group ${p.id}` : `user ${p.userPrincipalName}`
const describe = (i: SyncScopeAssignmentInputs): string =>
  `the sync scope assignment of ${principalName(i.principal)} to the configuration to ${i.partner} (service principal ${i.servicePrincipalId}) in tenant ${i.tenant.alias}`
const isDuplicate = (error: unknown): boolean =>
  error instanceof GraphRequestError &&
  error.status === 400 &&
  /Permission being assigned already exists/i.test(error.details.graphMessage)

function principalProblems(value: unknown): string[] {
  const p = value as Partial<Record<string, unknown>> | null | undefined
  if (p?.type === 'Group')
    return !isKnown(p.id) || isGuid(p.id)
      ? []
      : [`principal.id must be the group's object id, got ${JSON.stringify(p.id)}`]
  if (p?.type === 'User')
    return typeof p.userPrincipalName === 'string' && /^[^@\s]+@[^@\s]+$/.test(p.userPrincipalName)
      ? []
      : [`principal.userPrincipalName must be alias@domain, got ${JSON.stringify(p.userPrincipalName)}`]
  return [
    `principal must be { type: 'Group', id } or { type: 'User', userPrincipalName }, got ${JSON.stringify(value)}`,
  ]
}

export class SyncScopeAssignmentProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider<SyncScopeAssignmentInputs, SyncScopeAssignmentOutputs>
{
  check(
    _olds: SyncScopeAssignmentInputs,
    news: SyncScopeAssignmentInputs,
  ): Promise<pulumi.dynamic.CheckResult> {
    const failures: pulumi.dynamic.CheckFailure[] = []
    if (isKnown(news.tenant)) failures.push(...tenantRefProblems(news.tenant))
    if (isKnown(news.partner) && (typeof news.partner !== 'string' || news.partner === ''))
      failures.push({
        property: 'partner',
        reason: `partner must be the target's alias, got ${JSON.stringify(news.partner)}`,
      })
    for (const property of ['servicePrincipalId', 'appRoleId'] as const)
      if (isKnown(news[property]) && !isGuid(news[property]))
        failures.push({
          property,
          reason: `${property} must be a GUID, got ${JSON.stringify(news[property])}`,
        })
    if (isKnown(news.principal))
      for (const reason of principalProblems(news.principal)) failures.push({ property: 'principal', reason })
    if (isKnown(news.adopt) && typeof news.adopt !== 'boolean')
      failures.push({
        property: 'adopt',
        reason: `adopt must be true or false, got ${JSON.stringify(news.adopt)}`,
      })
    return Promise.resolve({ inputs: news, failures })
  }

  async create(
    inputs: SyncScopeAssignmentInputs,
  ): Promise<pulumi.dynamic.CreateResult<SyncScopeAssignmentOutputs>> {
    const graph = this.graph(inputs.tenant)
    const what = describe(inputs)
    const principalId = await this.resolve(graph, inputs)
    if (principalId === undefined)
      throw new Error(
        `${what}: ${principalName(inputs.principal)} does not exist in tenant ${inputs.tenant.alias}`,
      )
    let assignmentId: string
    try {
      // The service principal or the group may have been created moments ago.
      const created = await retryWhileNotFound(graph, what, () =>
        graph.request(
          { operation: `create ${what}`, permissions: permissions.assignmentWrite },
          'POST',
          assignedTo(inputs.servicePrincipalId),
          { body: { principalId, resourceId: inputs.servicePrincipalId, appRoleId: inputs.appRoleId } },
        ),
      )
      assignmentId = String(created?.id)
    } catch (error) {
      if (!isDuplicate(error)) throw error
      const existing = (await this.fetch(graph, inputs, principalId))?.assignmentId
      if (!inputs.adopt || existing === undefined)
        throw new Error(
          `${what} already exists${existing === undefined ? '' : ` (assignment ${existing})`} and is not managed by this stack. Set tenants.${inputs.tenant.alias}.adopt: true in the topology to take it over, or delete it.`,
          { cause: error },
        )
      assignmentId = existing
    }
    return {
      id: syncScopeAssignmentId(inputs.tenant.tenantId, inputs.servicePrincipalId, assignmentId),
      outs: await this.readBack(inputs),
    }
  }

  async read(
    id: string,
    props?: SyncScopeAssignmentOutputs,
  ): Promise<pulumi.dynamic.ReadResult<SyncScopeAssignmentOutputs>> {
    if (props === undefined)
      throw new Error(`reading ${id}: a sync scope assignment is not importable (no stored inputs)`)
    const live = await this.fetch(this.graph(props.tenant), props)
    if (live === undefined) return {} // removed by hand (or its principal is gone): up assigns again
    const { tenant, partner, servicePrincipalId, appRoleId, principal, adopt } = live
    const inputs = { tenant, partner, servicePrincipalId, appRoleId, principal, adopt }
    return {
      id: syncScopeAssignmentId(props.tenant.tenantId, props.servicePrincipalId, live.assignmentId),
      props: live,
      inputs: inputs as SyncScopeAssignmentOutputs, // the SDK types inputs as outputs
    }
  }

  /** Only labels (partner, adopt) can change in place; the rest replaces. */
  async update(
    _id: string,
    _olds: SyncScopeAssignmentOutputs,
    news: SyncScopeAssignmentInputs,
  ): Promise<pulumi.dynamic.UpdateResult<SyncScopeAssignmentOutputs>> {
    return { outs: await this.readBack(news) }
  }

  /**
   * Unassigns, then deprovisions the users it kept in scope. What that takes is read first, so a
   * missing permission fails before anything changes; a retried delete finds the assignment gone and
   * deprovisions again (idempotent).
   */
  async delete(id: string, props: SyncScopeAssignmentOutputs): Promise<void> {
    const assignmentId = id.slice(id.lastIndexOf('/') + 1)
    const graph = this.graph(props.tenant)
    const plan = await planDeprovision(graph, props)
    try {
      await graph.request(
        { operation: `delete ${describe(props)}`, permissions: permissions.assignmentWrite },
        'DELETE',
        `${assignedTo(props.servicePrincipalId)}/${assignmentId}`,
      )
    } catch (error) {
      // Already gone, or its service principal deleted with the configuration.
      if (!(error instanceof GraphRequestError && error.isNotFound)) throw error
    }
    if (plan !== undefined) await deprovision(graph, props, plan)
  }

  /** The principal's object id (a user looked up by user principal name), or undefined if it is gone. */
  private async resolve(graph: TenantGraph, inputs: SyncScopeAssignmentInputs): Promise<string | undefined> {
    const p = inputs.principal
    if (p.type === 'Group') return p.id
    const user = await graph.find(
      { operation: `find ${principalName(p)} for ${describe(inputs)}`, permissions: permissions.userRead },
      userPath(p.userPrincipalName),
    )
    return user === undefined ? undefined : String(user.id)
  }

  /**
   * The live assignment of this principal and app role, or undefined. One request: the assignments'
   * first page (and, for a user, the user lookup) in one $batch call; further pages when there are.
   */
  private async fetch(
    graph: TenantGraph,
    desired: SyncScopeAssignmentInputs,
    knownPrincipalId?: string,
  ): Promise<SyncScopeAssignmentOutputs | undefined> {
    const what = describe(desired)
    const p = desired.principal
    const list = {
      url: assignedTo(desired.servicePrincipalId),
      operation: `read ${what}`,
      permissions: permissions.assignmentRead,
    }
    const lookup =
      p.type === 'User' && knownPrincipalId === undefined
        ? [
            {
              url: userPath(p.userPrincipalName),
              operation: `find ${principalName(p)}`,
              permissions: permissions.userRead,
            },
          ]
        : []
    const [page, user] = await batchRead(graph, `read ${what}`, [list, ...lookup])
    if (page === undefined) return undefined // the service principal is gone
    const principalId = knownPrincipalId ?? (p.type === 'Group' ? p.id : (user?.id as string | undefined))
    if (principalId === undefined) return undefined // the user is gone
    const assignments = await graph.allPages(
      { operation: `read ${what}`, permissions: permissions.assignmentRead },
      page,
    )
    const found = assignments.find(
      (a) =>
        String(a.principalId).toLowerCase() === principalId.toLowerCase() &&
        a.appRoleId === desired.appRoleId,
    )
    if (found === undefined) return undefined
    return { ...desired, assignmentId: String(found.id), principalId }
  }

  private readBack(inputs: SyncScopeAssignmentInputs): Promise<SyncScopeAssignmentOutputs> {
    const graph = this.graph(inputs.tenant)
    return untilReadable(graph, describe(inputs), () => this.fetch(graph, inputs))
  }
}

const provider = providerShim(__filename, SyncScopeAssignmentProvider)

export type SyncScopeAssignmentArgs = {
  readonly [K in keyof SyncScopeAssignmentInputs]: pulumi.Input<SyncScopeAssignmentInputs[K]>
}

export class SyncScopeAssignment extends pulumi.dynamic.Resource {
  declare public readonly assignmentId: pulumi.Output<string>
  declare public readonly principalId: pulumi.Output<string>

  constructor(name: string, args: SyncScopeAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      toWire({ ...args, assignmentId: undefined, principalId: undefined }),
      {
        ...opts,
        replaceOnChanges: [
          'tenant',
          'servicePrincipalId',
          'appRoleId',
          'principal',
          ...(opts?.replaceOnChanges ?? []),
        ],
      },
      'entra-topology',
      'SyncScopeAssignment',
    )
  }
}
