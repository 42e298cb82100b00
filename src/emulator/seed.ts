// Seeds a running emulator from a topology file: what must already exist in real tenants before
// `pulumi up` can manage them. That is each declared tenant (id, cloud), the users the file names in it
// (users are not managed by the topology), and one client app per tenant with the Graph permissions the
// project's resources need (dev credentials). Everything goes through the admin API, and seeding again
// is a no-op.
//
// The file goes through the topology's own validation (src/topology: YAML, schema, rules), so seeding
// refuses exactly what `entra-topology validate` refuses, with the same messages; warnings do not stop
// it. The users are those the file names in a tenant: its groups' members, the users its sync scope
// assigns one by one, and the invited users whose homeTenant it is (so invitations can be redeemed).
import { formatDiagnostic, pointerOf, type Diagnostic } from '../topology/diagnostics'
import { loadTopologyFile } from '../topology/load'
import type { ResolvedTopology } from '../topology/model'
import { validateLoaded } from '../topology/validate'

/** The application permissions the project's resources use (DESIGN.md §4), plus audit reads for drift reports. */
export const seededPermissions = [
  'Policy.Read.All',
  'Policy.ReadWrite.CrossTenantAccess',
  'Application.ReadWrite.All',
  'Synchronization.ReadWrite.All',
  'AppRoleAssignment.ReadWrite.All',
  'Group.ReadWrite.All',
  'GroupMember.ReadWrite.All',
  'AdministrativeUnit.ReadWrite.All',
  'User.Invite.All',
  'User.ReadWrite.All',
  'MultiTenantOrganization.ReadWrite.All',
  'AuditLog.Read.All',
  // Only for the stack's role over its restricted scoping-group unit (UnitRoleAssignment).
  'RoleManagement.ReadWrite.Directory',
] as const

export interface SeedTenant {
  readonly alias: string
  readonly tenantId: string
  readonly cloud: string
  readonly domain: string | undefined
  readonly users: readonly string[]
}

export class SeedError extends Error {
  override readonly name = 'SeedError'
}

const domainOf = (upn: string): string => upn.slice(upn.lastIndexOf('@') + 1)

/** A user the file names in a tenant, with where it names it. */
interface NamedUser {
  readonly upn: string
  readonly pointer: string
}

/** Group members, users assigned to the sync scope, and invited users whose homeTenant this is. */
function usersNamedIn(topology: ResolvedTopology, alias: string): NamedUser[] {
  const named: NamedUser[] = []
  for (const group of Object.values(topology.groups[alias] ?? {}))
    for (const upn of group.members)
      named.push({ upn, pointer: pointerOf('groups', alias, group.name, 'members') })
  for (const upn of topology.sync?.scope[alias]?.users ?? [])
    named.push({ upn, pointer: pointerOf('sync', 'scope', alias, 'users') })
  for (const [host, invitations] of Object.entries(topology.invitations))
    for (const invitation of invitations)
      if (invitation.homeTenant === alias)
        named.push({
          upn: invitation.email,
          pointer: pointerOf('invitations', host, invitation.index, 'email'),
        })
  return named
}

/** The tenants and users a topology file needs to exist; every problem in the file is reported at once. */
export function readSeed(file: string): SeedTenant[] {
  const loaded = loadTopologyFile(file)
  const { topology, diagnostics } = validateLoaded(loaded)
  const refuse = (problems: readonly Diagnostic[]): SeedError =>
    new SeedError(
      [
        `cannot seed from ${file}: ${problems.length} error${problems.length === 1 ? '' : 's'} (as 'entra-topology validate' reports them)`,
        ...problems.map(formatDiagnostic),
      ].join('\n'),
    )
  if (topology === undefined) throw refuse(diagnostics.filter((d) => d.severity === 'error'))
  const problems: Diagnostic[] = []
  const tenants = Object.values(topology.tenants).map((tenant): SeedTenant => {
    const named = usersNamedIn(topology, tenant.alias)
    const users = [...new Set(named.map((n) => n.upn))].sort()
    const domains = [...new Set(users.map(domainOf))]
    // The first user named on a domain other than the first user's is where the file goes wrong.
    const stray = named.find((n) => domainOf(n.upn) !== domainOf(named[0]!.upn))
    if (stray !== undefined)
      problems.push({
        ruleId: 'seed-one-domain',
        severity: 'error',
        file,
        ...loaded.locate(stray.pointer),
        pointer: stray.pointer,
        message: `the users named in tenant '${tenant.alias}' use several domains (${domains.join(', ')})`,
        value: stray.upn,
        allowed: `users on one domain per tenant: the emulator gives each tenant one verified domain (here ${domainOf(named[0]!.upn)})`,
        fix: `use one domain for the users of '${tenant.alias}'`,
      })
    return { alias: tenant.alias, tenantId: tenant.tenantId, cloud: tenant.cloud, domain: domains[0], users }
  })
  if (problems.length > 0) throw refuse(problems)
  return tenants
}

export interface SeedCredentials {
  /** Per tenant alias: the dev client app the seed created. */
  readonly [alias: string]: { tenantId: string; clientId: string; clientSecret: string }
}

type Admin = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: Record<string, unknown> }>

/**
 * Creates what is missing. `known` holds the credentials of an earlier seed (from its file): their
 * apps are kept when they still exist; new ones are made otherwise.
 */
export async function applySeed(
  admin: Admin,
  tenants: readonly SeedTenant[],
  known: SeedCredentials,
): Promise<SeedCredentials> {
  const credentials: Record<string, SeedCredentials[string]> = {}
  for (const tenant of tenants) {
    const existing = await admin('GET', `/tenants/${tenant.tenantId}`)
    if (existing.status === 404) {
      const body = {
        tenantId: tenant.tenantId,
        displayName: tenant.alias,
        cloud: tenant.cloud,
        ...(tenant.domain ? { initialDomain: tenant.domain } : {}),
      }
      const created = await admin('POST', '/tenants', body)
      if (created.status !== 201)
        throw new SeedError(`creating tenant '${tenant.alias}': ${JSON.stringify(created.body)}`)
    }
    for (const upn of tenant.users) {
      const user = { userPrincipalName: upn, displayName: upn.slice(0, upn.indexOf('@')), mail: upn }
      const made = await admin('POST', `/tenants/${tenant.tenantId}/users`, { users: [user] })
      // "already taken" means an earlier seed (or someone) made this user: seeding again is a no-op.
      if (made.status !== 201 && !JSON.stringify(made.body).includes('already taken')) {
        throw new SeedError(`creating user ${upn} in tenant '${tenant.alias}': ${JSON.stringify(made.body)}`)
      }
    }
    const previous = known[tenant.alias]
    const app = await admin('POST', `/tenants/${tenant.tenantId}/apps`, {
      displayName: 'entra-topology',
      roles: seededPermissions,
      ...(previous && previous.tenantId === tenant.tenantId
        ? { appId: previous.clientId, clientSecret: previous.clientSecret }
        : {}),
    })
    if (app.status === 201) {
      credentials[tenant.alias] = {
        tenantId: tenant.tenantId,
        clientId: String(app.body.appId),
        clientSecret: String(app.body.clientSecret),
      }
    } else if (previous && app.status === 409) {
      credentials[tenant.alias] = previous
    } else {
      throw new SeedError(`creating the client app in tenant '${tenant.alias}': ${JSON.stringify(app.body)}`)
    }
  }
  return credentials
}
