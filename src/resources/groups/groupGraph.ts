// The Graph requests of a scoping group (ScopingGroupProvider's building blocks): its live state in one
// $batch, finding it by mailNickname, its place in an administrative unit, and the explanation of a 403
// that a restricted management unit causes (graph-api.md §6.3: application permissions do not apply to
// the groups in such a unit).
import { batch } from '../../graph/batch'
import { retryWhileNotFound } from '../../graph/consistency'
import { GraphRequestError, type GraphOperation } from '../../graph/errors'
import type { Json, TenantGraph } from '../../graph/tenantGraph'
import { bindUrl, toMember, withPermissions, type Member } from './members'
import type { ScopingGroupInputs, ScopingGroupOutputs } from './scopingGroup'

export const scopingGroupPermissions = {
  read: ['Group.Read.All', 'Group.ReadWrite.All'],
  readMembers: ['GroupMember.Read.All', 'GroupMember.ReadWrite.All', 'Group.Read.All', 'Group.ReadWrite.All'],
  readUnit: ['AdministrativeUnit.Read.All', 'AdministrativeUnit.ReadWrite.All'],
  users: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'],
  write: ['Group.ReadWrite.All'],
  removeMembers: ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All'],
  unit: ['AdministrativeUnit.ReadWrite.All'],
} as const

export interface LiveGroup {
  readonly group: Json
  readonly members: readonly Member[]
  /** Whether the unit the inputs name holds the group. */
  readonly inUnit: boolean
}

const groupSelect = '$select=id,displayName,description,mailNickname,securityEnabled,mailEnabled,groupTypes'
const units = '/directory/administrativeUnits'

export const describe = (i: ScopingGroupInputs): string =>
  `the scoping group '${i.mailNickname}' in tenant ${i.tenant.alias}`
export const op = (operation: string, permissions: readonly string[]): GraphOperation => ({
  operation,
  permissions,
})
export const ignoreNotFound = (error: unknown): void => {
  if (!(error instanceof GraphRequestError && error.isNotFound)) throw error
}

/** Live groups with the inputs' mailNickname (security groups need not have a unique one). */
export function findByNickname(graph: TenantGraph, inputs: ScopingGroupInputs): Promise<Json[]> {
  const nickname = encodeURIComponent(inputs.mailNickname.replace(/'/g, "''"))
  return graph.list(
    op(`find ${describe(inputs)}`, scopingGroupPermissions.read),
    `/groups?$filter=mailNickname eq '${nickname}'&${groupSelect}`,
  )
}

/** The group, its members and whether its unit holds it, in one $batch (plus any further pages). */
export async function readLive(
  graph: TenantGraph,
  inputs: ScopingGroupInputs,
  groupId: string,
): Promise<LiveGroup | undefined> {
  const what = describe(inputs)
  const unitId = inputs.administrativeUnitId
  const memberOp = op(`list the members of ${what}`, scopingGroupPermissions.readMembers)
  const unitOp = op(
    `list the members of administrative unit ${unitId} in tenant ${inputs.tenant.alias}`,
    scopingGroupPermissions.readUnit,
  )
  const [group, members, unit] = await batch(graph, op(`read ${what}`, scopingGroupPermissions.read), [
    { method: 'GET', url: `/groups/${groupId}?${groupSelect}` },
    {
      method: 'GET',
      url: `/groups/${groupId}/members?$select=id,userPrincipalName&$top=999`,
      operation: memberOp.operation,
    },
    ...(unitId === null
      ? []
      : [
          {
            method: 'GET' as const,
            url: `${units}/${unitId}/members?$select=id&$top=999`,
            operation: unitOp.operation,
          },
        ]),
  ])
  if (group!.error?.isNotFound === true || members!.error?.isNotFound === true) return undefined
  if (group!.error !== undefined) throw group!.error
  if (members!.error !== undefined) throw withPermissions(members!.error, memberOp.permissions)
  // A unit that is gone holds nothing.
  if (unit?.error !== undefined && !unit.error.isNotFound)
    throw withPermissions(unit.error, unitOp.permissions)
  const inUnit =
    unit?.body !== undefined &&
    (await graph.allPages(unitOp, unit.body)).some((m) => String(m.id) === groupId)
  return {
    group: group!.body!,
    members: (await graph.allPages(memberOp, members!.body!)).map(toMember),
    inUnit,
  }
}

/** Adds the group to the inputs' unit; a group created moments ago may not be visible to the unit yet. */
export async function placeInUnit(
  graph: TenantGraph,
  inputs: ScopingGroupInputs,
  groupId: string,
): Promise<void> {
  const operation = `place ${describe(inputs)} in administrative unit ${inputs.administrativeUnitId}`
  await retryWhileNotFound(graph, operation, () =>
    graph.request(
      op(operation, scopingGroupPermissions.unit),
      'POST',
      `${units}/${inputs.administrativeUnitId}/members/$ref`,
      {
        body: { '@odata.id': bindUrl(graph, groupId) },
      },
    ),
  )
}

/** Takes the group out of a unit; not being in it (or the unit being gone) is fine. */
export async function takeOutOfUnit(
  graph: TenantGraph,
  inputs: ScopingGroupInputs,
  groupId: string,
  unitId: string,
): Promise<void> {
  await graph
    .request(
      op(`take ${describe(inputs)} out of administrative unit ${unitId}`, scopingGroupPermissions.unit),
      'DELETE',
      `${units}/${unitId}/members/${groupId}/$ref`,
    )
    .catch(ignoreNotFound)
}

/** A 403 on a group in a restricted unit is the unit's doing, not a missing permission: say so. */
export async function explainRestricted(
  graph: TenantGraph,
  inputs: ScopingGroupInputs,
  live: LiveGroup,
  error: unknown,
): Promise<unknown> {
  if (!(error instanceof GraphRequestError && error.status === 403 && live.inUnit)) return error
  const unitId = inputs.administrativeUnitId!
  const unit = await graph.find(
    op(
      `read administrative unit ${unitId} in tenant ${inputs.tenant.alias}`,
      scopingGroupPermissions.readUnit,
    ),
    `${units}/${unitId}?$select=id,displayName,isMemberManagementRestricted`,
  )
  if (unit?.isMemberManagementRestricted !== true) return error
  return new Error(
    `${describe(inputs)} is in the restricted management administrative unit '${String(unit.displayName)}' (${unitId}): Graph's application permissions do not apply to the groups in it, so this app cannot change the group's members or properties. The topology gives the app Groups Administrator over its scoping-group unit (the UnitRoleAssignment resource, which needs RoleManagement.ReadWrite.Directory): check that it exists and names this app (a role assigned moments ago can take a few minutes to apply in Entra). Otherwise assign the app's service principal a role that manages groups scoped to that unit (POST /roleManagement/directory/roleAssignments with directoryScopeId '/administrativeUnits/${unitId}'), or have an administrator scoped to the unit make the change. (tenant ${error.tenant}: ${error.details.method} ${error.details.url} answered ${error.status} ${error.code}: ${error.details.graphMessage})`,
    { cause: error },
  )
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The live group in input shape: members by UPN (spelled as the inputs spell them), others by id. */
export function liveOutputs(live: LiveGroup, desired: ScopingGroupInputs): ScopingGroupOutputs {
  const spelling = new Map(desired.members.map((upn) => [upn.toLowerCase(), upn]))
  const members = live.members.map((m) =>
    m.userPrincipalName === null
      ? m.id
      : (spelling.get(m.userPrincipalName.toLowerCase()) ?? m.userPrincipalName),
  )
  return {
    tenant: desired.tenant,
    displayName: typeof live.group.displayName === 'string' ? live.group.displayName : '',
    description: typeof live.group.description === 'string' ? live.group.description : null,
    mailNickname: typeof live.group.mailNickname === 'string' ? live.group.mailNickname : '',
    members: members.sort(compare),
    administrativeUnitId: live.inUnit ? desired.administrativeUnitId : null,
    adopt: desired.adopt,
    groupId: String(live.group.id),
  }
}
