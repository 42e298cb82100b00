// UnitRoleAssignment: a directory role held by the stack's own app, scoped to one administrative unit
// (POST /roleManagement/directory/roleAssignments with directoryScopeId '/administrativeUnits/{id}',
// graph-api.md §6.3). Graph's application permissions do not reach the groups in a restricted
// management unit; a role scoped to the unit does, so with Groups Administrator over the tenant's
// scoping-group unit the app can keep those groups' members as the topology says, and nobody scoped
// tenant-wide can.
//
// Graph permission: RoleManagement.ReadWrite.Directory (reads: RoleManagement.Read.Directory). It is
// only needed in tenants with a restricted scoping-group unit; `restrictedManagementUnit: false` on the
// groups avoids it (and the protection).
// Principal: the app the provider signs in as, found from its access token's oid claim, so the same
// stack works with any credential kind. The principal is an output, not an input: after switching the
// stack to another app, replace this resource (`pulumi up --replace <urn>`) to move the role to it.
// Identity: `<tenantId>/roleAssignments/<assignmentId>`; a change of tenant, unit or role replaces it
// (Graph cannot change an assignment).
// Existing assignment (409: the app already holds the role over the unit): create refuses to take it
// over, naming it, unless the tenant is adopted (tenants.<alias>.adopt: true).
// Delete: DELETE; already gone is fine.
import * as pulumi from '@pulumi/pulumi'
import { GraphRequestError } from '../../graph/errors'
import type { Json, TenantGraph } from '../../graph/tenantGraph'
import { GraphProvider, isKnown } from '../shared/graphProvider'
import { isGuid, tenantRefProblems, type TenantRef } from '../shared/tenantRef'
import { providerShim } from '../shared/providerShim'
import { toWire } from '../shared/wireShape'

export const unitRolePermissions = {
  read: { permissions: ['RoleManagement.Read.Directory', 'RoleManagement.ReadWrite.Directory'] },
  write: { permissions: ['RoleManagement.ReadWrite.Directory'] },
}

/** Built-in role template ids (the same in every tenant). */
export const builtInRoleIds = { groupsAdministrator: 'fdd7a751-b60b-444a-984c-02652fe8fa1c' } as const

export interface UnitRoleAssignmentInputs {
  readonly tenant: TenantRef
  readonly administrativeUnitId: string
  readonly roleDefinitionId: string
  /** Take over the same assignment if it already exists. @default false */
  readonly adopt: boolean
}

export interface UnitRoleAssignmentOutputs extends UnitRoleAssignmentInputs {
  readonly assignmentId: string
  /** The app's service principal id (the role's holder). */
  readonly principalId: string
}

const base = '/roleManagement/directory/roleAssignments'
const scopeOf = (unitId: string): string => `/administrativeUnits/${unitId}`

export const unitRoleAssignmentId = (tenantId: string, assignmentId: string): string =>
  `${tenantId}/roleAssignments/${assignmentId}`
const assignmentIdOf = (id: string): string => id.slice(id.lastIndexOf('/') + 1)

const describe = (i: UnitRoleAssignmentInputs): string =>
  `the role ${i.roleDefinitionId} of this stack's app over administrative unit ${i.administrativeUnitId} in tenant ${i.tenant.alias}`
const isConflict = (error: unknown): boolean => error instanceof GraphRequestError && error.status === 409

function outputs(live: Json, desired: UnitRoleAssignmentInputs): UnitRoleAssignmentOutputs {
  const scope = String(live.directoryScopeId)
  return {
    tenant: desired.tenant,
    administrativeUnitId: scope.startsWith('/administrativeUnits/')
      ? scope.slice('/administrativeUnits/'.length)
      : scope,
    roleDefinitionId: String(live.roleDefinitionId),
    adopt: desired.adopt,
    assignmentId: String(live.id),
    principalId: String(live.principalId),
  }
}

export class UnitRoleAssignmentProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider<UnitRoleAssignmentInputs, UnitRoleAssignmentOutputs>
{
  check(
    _olds: UnitRoleAssignmentInputs,
    news: UnitRoleAssignmentInputs,
  ): Promise<pulumi.dynamic.CheckResult<UnitRoleAssignmentInputs>> {
    const failures: pulumi.dynamic.CheckFailure[] = []
    if (isKnown(news.tenant)) failures.push(...tenantRefProblems(news.tenant))
    for (const property of ['administrativeUnitId', 'roleDefinitionId'] as const)
      if (isKnown(news[property]) && !isGuid(news[property]))
        failures.push({
          property,
          reason: `${property} must be a GUID, got ${JSON.stringify(news[property])}`,
        })
    if (isKnown(news.adopt) && typeof news.adopt !== 'boolean')
      failures.push({
        property: 'adopt',
        reason: `adopt must be true or false, got ${JSON.stringify(news.adopt)}`,
      })
    return Promise.resolve({ inputs: news, failures })
  }

  async create(
    inputs: UnitRoleAssignmentInputs,
  ): Promise<pulumi.dynamic.CreateResult<UnitRoleAssignmentOutputs>> {
    const graph = this.graph(inputs.tenant)
    const what = describe(inputs)
    const principalId = await graph.callerPrincipalId()
    let live: Json | undefined
    try {
      live = await graph.request(
        { operation: `create ${what}`, ...unitRolePermissions.write },
        'POST',
        base,
        {
          body: {
            roleDefinitionId: inputs.roleDefinitionId,
            principalId,
            directoryScopeId: scopeOf(inputs.administrativeUnitId),
          },
        },
      )
    } catch (error) {
      if (!isConflict(error)) throw error
      const existing = await this.findExisting(graph, inputs, principalId)
      if (!inputs.adopt || existing === undefined)
        throw new Error(
          `${what} already exists${existing === undefined ? '' : ` (assignment ${String(existing.id)})`} and is not managed by this stack. Set tenants.${inputs.tenant.alias}.adopt: true in the topology to take it over, or delete it.`,
          { cause: error },
        )
      live = existing
    }
    const assignmentId = String(live?.id)
    return {
      id: unitRoleAssignmentId(inputs.tenant.tenantId, assignmentId),
      outs: await this.readBack(inputs, assignmentId),
    }
  }

  async read(
    id: string,
    props?: UnitRoleAssignmentOutputs,
  ): Promise<pulumi.dynamic.ReadResult<UnitRoleAssignmentOutputs>> {
    if (props === undefined)
      throw new Error(`reading ${id}: a unit role assignment is not importable (no stored inputs)`)
    const live = await this.graph(props.tenant).find(
      { operation: `read ${describe(props)}`, ...unitRolePermissions.read },
      `${base}/${encodeURIComponent(assignmentIdOf(id))}`,
    )
    if (live === undefined) return {} // removed by hand: refresh reports it and up assigns it again
    const state = outputs(live, props)
    const { assignmentId: _a, principalId: _p, ...inputs } = state
    return { id, props: state, inputs: inputs as UnitRoleAssignmentOutputs }
  }

  /** Only the adopt label can change in place; the rest replaces. */
  async update(
    id: string,
    _olds: UnitRoleAssignmentOutputs,
    news: UnitRoleAssignmentInputs,
  ): Promise<pulumi.dynamic.UpdateResult<UnitRoleAssignmentOutputs>> {
    return { outs: await this.readBack(news, assignmentIdOf(id)) }
  }

  async delete(id: string, props: UnitRoleAssignmentOutputs): Promise<void> {
    await this.deleteIfPresent(
      props.tenant,
      { operation: `delete ${describe(props)}`, ...unitRolePermissions.write },
      `${base}/${encodeURIComponent(assignmentIdOf(id))}`,
    )
  }

  private async findExisting(
    graph: TenantGraph,
    inputs: UnitRoleAssignmentInputs,
    principalId: string,
  ): Promise<Json | undefined> {
    const filter = `principalId eq '${principalId}' and directoryScopeId eq '${scopeOf(inputs.administrativeUnitId)}'`
    const found = await graph.list(
      { operation: `find ${describe(inputs)}`, ...unitRolePermissions.read },
      `${base}?$filter=${encodeURIComponent(filter)}`,
    )
    return found.find(
      (a) => String(a.roleDefinitionId).toLowerCase() === inputs.roleDefinitionId.toLowerCase(),
    )
  }

  private async readBack(
    inputs: UnitRoleAssignmentInputs,
    assignmentId: string,
  ): Promise<UnitRoleAssignmentOutputs> {
    const live = await this.readBackAt(
      inputs.tenant,
      describe(inputs),
      { operation: `read ${describe(inputs)}`, ...unitRolePermissions.read },
      `${base}/${encodeURIComponent(assignmentId)}`,
    )
    return outputs(live, inputs)
  }
}

const provider = providerShim(__filename, UnitRoleAssignmentProvider)

export type UnitRoleAssignmentArgs = {
  readonly [K in keyof UnitRoleAssignmentInputs]: pulumi.Input<UnitRoleAssignmentInputs[K]>
}

export class UnitRoleAssignment extends pulumi.dynamic.Resource {
  declare public readonly assignmentId: pulumi.Output<string>
  declare public readonly principalId: pulumi.Output<string>

  constructor(name: string, args: UnitRoleAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      toWire({ ...args, assignmentId: undefined, principalId: undefined }),
      {
        ...opts,
        replaceOnChanges: [
          'tenant',
          'administrativeUnitId',
          'roleDefinitionId',
          ...(opts?.replaceOnChanges ?? []),
        ],
      },
      'entra-topology',
      'UnitRoleAssignment',
    )
  }
}
