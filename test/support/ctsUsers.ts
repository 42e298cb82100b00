// Test support for cross-tenant sync scenarios (see ctsTopology.ts): tenants, each with one client app
// that holds every role the scenarios need on either side of a sync link, their users and groups made
// through the admin API, and reads of a tenant's users over Graph, page by page.
import type { Client } from '@microsoft/microsoft-graph-client'
import type { TestEmulator } from './emulator'

export type Obj = Record<string, unknown>

export interface Tenant {
  id: string
  initialDomain: string
  name: string
  /** A Graph client (retries on) for the tenant's all-purpose app. */
  graph: Client
}

/** One app per tenant serves as source and target alike, so it holds the roles of both sides. */
const roles = [
  'Policy.Read.All',
  'Policy.ReadWrite.CrossTenantAccess',
  'Application.ReadWrite.All',
  'Synchronization.ReadWrite.All',
  'AppRoleAssignment.ReadWrite.All',
  'User.ReadWrite.All',
  'User.DeleteRestore.All',
  'Group.ReadWrite.All',
  'GroupMember.ReadWrite.All',
  'Directory.Read.All',
  'AuditLog.Read.All',
]

/** Creates one tenant (in the global cloud unless told) with its all-purpose app. */
export async function createTenant(t: TestEmulator, name: string, cloud = 'global'): Promise<Tenant> {
  const { id, initialDomain } = await t.createTenant({ displayName: name, cloud })
  return { id, initialDomain, name, graph: t.graph(await t.createApp(id, roles)) }
}

/** Creates one tenant per name (its displayName), keyed by that name. */
export async function createTenants(t: TestEmulator, names: string[]): Promise<Record<string, Tenant>> {
  const tenants = await Promise.all(names.map((name) => createTenant(t, name)))
  return Object.fromEntries(tenants.map((tenant) => [tenant.name, tenant]))
}

async function adminCreate(t: TestEmulator, path: string, body: unknown, what: string): Promise<Obj[]> {
  const result = await t.admin<{ value: Obj[] }>('POST', path, body)
  if (result.status !== 201)
    throw new Error(`creating ${what} through the admin API: ${result.status} ${JSON.stringify(result.body)}`)
  return result.body.value
}

/** Creates users in one go (see usersAdmin.ts for the accepted properties and defaults). */
export async function addUsers(
  t: TestEmulator,
  tenant: Tenant,
  users: Array<Record<string, unknown>>,
): Promise<Array<Record<string, unknown>>> {
  return adminCreate(t, `/tenants/${tenant.id}/users`, { users }, `users in ${tenant.name}`)
}

/** Creates a security group with these members and returns its id. */
export async function addGroup(
  t: TestEmulator,
  tenant: Tenant,
  displayName: string,
  memberIds: string[],
): Promise<string> {
  // Graph's mail alias allows letters, digits, '-' and '_' only; the admin API would refuse the rest.
  const mailNickname = displayName.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64) || 'group'
  const [group] = await adminCreate(
    t,
    `/tenants/${tenant.id}/groups`,
    {
      groups: [{ displayName, mailNickname, securityEnabled: true, mailEnabled: false, members: memberIds }],
    },
    `group ${displayName} in ${tenant.name}`,
  )
  return String(group?.id)
}

/** Every item of a collection, following @odata.nextLink until the last page. */
export async function pages(graph: Client, path: string, select?: string[]): Promise<Obj[]> {
  const items: Obj[] = []
  let page = (await (select === undefined ? graph.api(path) : graph.api(path).select(select)).get()) as {
    value: Obj[]
    '@odata.nextLink'?: string
  }
  items.push(...page.value)
  while (page['@odata.nextLink'] !== undefined) {
    page = (await graph.api(page['@odata.nextLink']).get()) as typeof page
    items.push(...page.value)
  }
  return items
}

const userFields = [
  'id',
  'displayName',
  'userPrincipalName',
  'mail',
  'userType',
  'showInAddressList',
  'accountEnabled',
  'creationType',
  'externalUserState',
  'department',
  'jobTitle',
]

/** The tenant's users, with the properties sync scenarios check. */
export async function usersIn(tenant: Tenant): Promise<Array<Record<string, unknown>>> {
  return pages(tenant.graph, '/users', userFields)
}

/** The tenant's soft-deleted users. */
export async function deletedUsersIn(tenant: Tenant): Promise<Array<Record<string, unknown>>> {
  return pages(tenant.graph, '/directory/deletedItems/microsoft.graph.user', [
    'id',
    'displayName',
    'userPrincipalName',
    'mail',
  ])
}
