// Entra's unified role-based access (graph-api.md §6.3, Graph /roleManagement/directory): the built-in
// role definitions the emulator knows and the assignments stored per tenant (kind 'roleAssignment').
// Only what restricted management administrative units need is modelled: which role, held by which
// principal at which scope, lets a caller change a user or group inside a restricted unit.
import type { Json, TenantStore } from '../../store/tenantStore'
import type { EntityShape } from '../replies'
import { administrativeUnitKind, auMembersLink } from './administrativeUnitShapes'

export const roleAssignmentKind = 'roleAssignment'

export interface BuiltInRole {
  readonly id: string
  readonly displayName: string
  readonly description: string
  /** Object types a holder may change, including inside the administrative units it is scoped to. */
  readonly manages: readonly ('user' | 'group')[]
  /** Whether Entra lets the role be assigned at an administrative unit scope [D: "Restrict scope"]. */
  readonly unitScopable: boolean
  readonly allowedResourceActions: readonly string[]
}

/**
 * The built-in roles the emulator serves, by their template ids (which are also their definition ids in
 * every tenant [D]). LIMITATIONS: a small subset of Entra's roles, with abridged resource actions;
 * custom roles are not modelled (POST roleDefinitions answers 501).
 */
export const builtInRoles: readonly BuiltInRole[] = [
  {
    id: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
    displayName: 'Groups Administrator',
    description:
      'Members of this role can create/manage groups, create/manage groups settings like naming and expiration policies, and view groups activity and audit reports.',
    manages: ['group'],
    unitScopable: true,
    allowedResourceActions: [
      'microsoft.directory/groups/create',
      'microsoft.directory/groups/delete',
      'microsoft.directory/groups/basic/update',
      'microsoft.directory/groups/members/update',
      'microsoft.directory/groups/owners/update',
    ],
  },
  {
    id: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
    displayName: 'User Administrator',
    description:
      'Can manage all aspects of users and groups, including resetting passwords for limited admins.',
    manages: ['user', 'group'],
    unitScopable: true,
    allowedResourceActions: [
      'microsoft.directory/users/create',
      'microsoft.directory/users/delete',
      'microsoft.directory/users/basic/update',
      'microsoft.directory/groups/members/update',
      'microsoft.directory/groups/basic/update',
    ],
  },
  {
    id: '62e90394-69f5-4237-9190-012177145e10',
    displayName: 'Global Administrator',
    description:
      'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.',
    // Tenant-wide only, and even then not over restricted units' members [D].
    manages: ['user', 'group'],
    unitScopable: false,
    allowedResourceActions: ['microsoft.directory/allEntities/allProperties/allTasks'],
  },
]

/** The built-in role with this definition id (ids are GUIDs, matched in any case), or undefined. */
export const findRole = (id: unknown): BuiltInRole | undefined =>
  builtInRoles.find((r) => r.id === String(id).toLowerCase())

export const roleDefinitionView = (role: BuiltInRole): Json => ({
  id: role.id,
  templateId: role.id,
  displayName: role.displayName,
  description: role.description,
  isBuiltIn: true,
  isEnabled: true,
  resourceScopes: ['/'],
  version: '1',
  rolePermissions: [{ allowedResourceActions: [...role.allowedResourceActions], condition: null }],
})

export const roleDefinitionShape: EntityShape = {
  contextPath: 'roleManagement/directory/roleDefinitions',
  properties: Object.keys(roleDefinitionView(builtInRoles[0]!)),
  typeName: 'unifiedRoleDefinition',
}

export const roleAssignmentShape: EntityShape = {
  contextPath: 'roleManagement/directory/roleAssignments',
  properties: ['id', 'principalId', 'roleDefinitionId', 'directoryScopeId', 'appScopeId', 'condition'],
  typeName: 'unifiedRoleAssignment',
}

export const unitScope = (unitId: string): string => `/administrativeUnits/${unitId}`

/**
 * Whether `principalId` may change `objectId` (a `type`) although the object is in a restricted
 * management unit: it must hold a role that manages that type, assigned at the scope of one of the
 * restricted units the object is in. A tenant-wide assignment does not count [D].
 */
export function holdsUnitScopedRole(
  store: TenantStore,
  principalId: string,
  objectId: string,
  type: 'user' | 'group' | 'device',
): boolean {
  const scopes = new Set(
    store
      .sources(auMembersLink, objectId)
      .filter(
        (unitId) => store.get<Json>(administrativeUnitKind, unitId)?.isMemberManagementRestricted === true,
      )
      .map((unitId) => unitScope(unitId).toLowerCase()),
  )
  if (scopes.size === 0 || type === 'device') return false
  return store.list<Json>(roleAssignmentKind).some(({ body }) => {
    const role = findRole(body.roleDefinitionId)
    return (
      String(body.principalId).toLowerCase() === principalId.toLowerCase() &&
      scopes.has(String(body.directoryScopeId).toLowerCase()) &&
      role?.manages.includes(type) === true
    )
  })
}
