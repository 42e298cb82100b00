// What a tenant holds, as far as a topology can change it, read through Graph with the tenant's own app:
// for "destroy leaves every tenant as it was before the first up". Live objects only: Entra keeps deleted
// users, groups, units and applications in its deleted items for 30 days, and so does the emulator.
// Ids of objects the stack creates are left out (a recreated object gets a new one); everything that
// says what the object is and does stays in.
import type { Client } from '@microsoft/microsoft-graph-client'

type Obj = Record<string, unknown>

/** GET `path` in one tenant: the body, or null on 404. */
export type TenantReader = (path: string) => Promise<Obj | null>

/** A reader over the Graph client (global cloud tenants). */
export const clientReader =
  (graph: Client): TenantReader =>
  async (path) => {
    try {
      return (await graph.api(path).get()) as Obj
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return null
      throw error
    }
  }

const all = async (read: TenantReader, path: string): Promise<Obj[]> => {
  const items: Obj[] = []
  let next: string | undefined = path
  while (next !== undefined) {
    const page = (await read(next)) as { value: Obj[]; '@odata.nextLink'?: string }
    items.push(...page.value)
    next = page['@odata.nextLink']
  }
  return items
}

const without = (o: Obj, ...names: string[]): Obj =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !names.includes(k) && !k.startsWith('@odata')))
const sorted = (values: string[]): string[] => [...values].sort()

/**
 * Snapshots taken again every half second, for up to 30 s, until `comparable` of each equals
 * `expected` (leaving a multitenant organization completes asynchronously); the last ones either way.
 */
export async function settledSnapshots(
  take: () => Promise<Obj[]>,
  expected: readonly Obj[],
  comparable: (snapshot: Obj, i: number) => Obj = (snapshot) => snapshot,
): Promise<Obj[]> {
  const deadline = Date.now() + 30_000
  let snapshots = await take()
  while (JSON.stringify(snapshots.map(comparable)) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500))
    snapshots = await take()
  }
  return snapshots
}

/** `mto: false` for a tenant outside the global cloud, where Graph has no multitenant organization. */
export async function tenantSnapshot(
  read: TenantReader,
  options: { mto: boolean } = { mto: true },
): Promise<Obj> {
  const policy = '/policies/crossTenantAccessPolicy'
  const partners = await all(read, `${policy}/partners`)
  return {
    users: sorted(
      (await all(read, '/users?$select=userPrincipalName,userType,accountEnabled,showInAddressList')).map(
        (u) => `${String(u.userPrincipalName)} ${String(u.userType)} enabled=${String(u.accountEnabled)}`,
      ),
    ),
    groups: sorted((await all(read, '/groups?$select=displayName')).map((g) => String(g.displayName))),
    administrativeUnits: sorted(
      (await all(read, '/directory/administrativeUnits?$select=displayName')).map((u) =>
        String(u.displayName),
      ),
    ),
    roleAssignments: (await all(read, '/roleManagement/directory/roleAssignments')).map((a) =>
      without(a, 'id', 'principalId'),
    ),
    applications: sorted(
      (await all(read, '/applications?$select=displayName')).map((a) => String(a.displayName)),
    ),
    servicePrincipals: sorted(
      (await all(read, '/servicePrincipals?$select=displayName')).map((sp) => String(sp.displayName)),
    ),
    partners: await Promise.all(
      partners.map(async (p) => ({
        ...without(p),
        identitySynchronization: await read(
          `${policy}/partners/${String(p.tenantId)}/identitySynchronization`,
        ),
      })),
    ),
    policy: without((await read(policy))!, 'id'),
    defaults: without((await read(`${policy}/default`))!, 'id'),
    ...(options.mto ? await organization(read) : {}),
  }
}

/** The multitenant organization and the templates its tenants apply. */
async function organization(read: TenantReader): Promise<Obj> {
  const policy = '/policies/crossTenantAccessPolicy'
  return {
    templates: await Promise.all(
      ['multiTenantOrganizationPartnerConfiguration', 'multiTenantOrganizationIdentitySynchronization'].map(
        async (name) => without((await read(`${policy}/templates/${name}`))!, 'id'),
      ),
    ),
    multiTenantOrganization: without((await read('/tenantRelationships/multiTenantOrganization'))!, 'id'),
  }
}
