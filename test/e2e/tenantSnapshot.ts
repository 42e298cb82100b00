// What a tenant holds, as far as a topology can change it, read through Graph with the tenant's own app:
// for "destroy leaves every tenant as it was before the first up". Live objects only: Entra keeps deleted
// users, groups, units and applications in its deleted items for 30 days, and so does the emulator.
// Ids of objects the stack creates are left out (a recreated object gets a new one); everything that
// says what the object is and does stays in.
import type { Client } from '@microsoft/microsoft-graph-client'

type Obj = Record<string, unknown>

const all = async (graph: Client, path: string): Promise<Obj[]> => {
  const items: Obj[] = []
  let next: string | undefined = path
  while (next !== undefined) {
    const page = (await graph.api(next).get()) as { value: Obj[]; '@odata.nextLink'?: string }
    items.push(...page.value)
    next = page['@odata.nextLink']
  }
  return items
}

const orNull = async (read: Promise<unknown>): Promise<unknown> => {
  try {
    return await read
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null
    throw error
  }
}

const without = (o: Obj, ...names: string[]): Obj =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !names.includes(k) && !k.startsWith('@odata')))
const sorted = (values: string[]): string[] => [...values].sort()

export async function tenantSnapshot(graph: Client): Promise<Obj> {
  const policy = '/policies/crossTenantAccessPolicy'
  const partners = await all(graph, `${policy}/partners`)
  return {
    users: sorted(
      (await all(graph, '/users?$select=userPrincipalName,userType,accountEnabled,showInAddressList')).map(
        (u) => `${String(u.userPrincipalName)} ${String(u.userType)} enabled=${String(u.accountEnabled)}`,
      ),
    ),
    groups: sorted((await all(graph, '/groups?$select=displayName')).map((g) => String(g.displayName))),
    administrativeUnits: sorted(
      (await all(graph, '/directory/administrativeUnits?$select=displayName')).map((u) =>
        String(u.displayName),
      ),
    ),
    roleAssignments: (await all(graph, '/roleManagement/directory/roleAssignments')).map((a) =>
      without(a, 'id', 'principalId'),
    ),
    applications: sorted(
      (await all(graph, '/applications?$select=displayName')).map((a) => String(a.displayName)),
    ),
    servicePrincipals: sorted(
      (await all(graph, '/servicePrincipals?$select=displayName')).map((sp) => String(sp.displayName)),
    ),
    partners: await Promise.all(
      partners.map(async (p) => ({
        ...without(p),
        identitySynchronization: await orNull(
          graph.api(`${policy}/partners/${String(p.tenantId)}/identitySynchronization`).get(),
        ),
      })),
    ),
    policy: without((await graph.api(policy).get()) as Obj, 'id'),
    defaults: without((await graph.api(`${policy}/default`).get()) as Obj, 'id'),
    templates: await Promise.all(
      ['multiTenantOrganizationPartnerConfiguration', 'multiTenantOrganizationIdentitySynchronization'].map(
        async (name) => without((await graph.api(`${policy}/templates/${name}`).get()) as Obj, 'id'),
      ),
    ),
    multiTenantOrganization: without(
      (await graph.api('/tenantRelationships/multiTenantOrganization').get()) as Obj,
      'id',
    ),
  }
}
