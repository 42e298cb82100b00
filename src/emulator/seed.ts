// Seeds a running emulator from a topology file: what must already exist in real tenants before
// `pulumi up` can manage them. That is each declared tenant (id, cloud), the users the file names as
// group members (users are not managed by the topology), and one client app per tenant with the Graph
// permissions the project's resources need (dev credentials). Everything goes through the admin API,
// and seeding again is a no-op.
//
// It reads only the parts of the topology it needs (`tenants`, `groups.<tenant>.<group>.members`),
// following the draft shape of DESIGN.md §3, and says plainly what it cannot use. The full topology
// schema and its validation belong to src/topology/ (issue 5); when that lands, this reads through it.
import * as fs from 'node:fs'
import { isNode, LineCounter, parseDocument } from 'yaml'

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

const clouds = ['global', 'usgov', 'usgovdod', 'china']
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** The tenants and users a topology file needs to exist; every problem in the file is reported at once. */
export function readSeed(file: string): SeedTenant[] {
  const lineCounter = new LineCounter()
  let document: unknown
  let yamlDocument: ReturnType<typeof parseDocument>
  try {
    yamlDocument = parseDocument(fs.readFileSync(file, 'utf8'), { lineCounter })
    if (yamlDocument.errors.length > 0) throw yamlDocument.errors[0]!
    document = yamlDocument.toJS()
  } catch (error) {
    throw new SeedError(`${file}: cannot read it as YAML: ${(error as Error).message}`)
  }
  const problems: string[] = []
  // Each problem names file:line:column of the node at `pointer` (or of its nearest parent).
  const problem = (pointer: string, text: string): void => {
    const segments = pointer.split('/').slice(1)
    let position = ''
    for (let depth = segments.length; depth > 0 && position === ''; depth--) {
      const node: unknown = yamlDocument.getIn(segments.slice(0, depth), true)
      if (isNode(node) && node.range) {
        const { line, col } = lineCounter.linePos(node.range[0])
        position = `:${line}:${col}`
      }
    }
    problems.push(`${file}${position}: ${pointer}: ${text}`)
  }
  if (!isRecord(document) || !isRecord(document.tenants)) {
    throw new SeedError(
      `${file}: /tenants: expected a map of tenant aliases to { tenantId, cloud }, found ${JSON.stringify(isRecord(document) ? document.tenants : document)}`,
    )
  }
  const groups = isRecord(document.groups) ? document.groups : {}
  const tenants: SeedTenant[] = []
  for (const [alias, entry] of Object.entries(document.tenants)) {
    if (!isRecord(entry)) {
      problem(`/tenants/${alias}`, `expected { tenantId, cloud }, found ${JSON.stringify(entry)}`)
      continue
    }
    const tenantId = entry.tenantId
    if (typeof tenantId !== 'string' || !guid.test(tenantId))
      problem(
        `/tenants/${alias}/tenantId`,
        `${JSON.stringify(tenantId)} is not a tenant id; use the tenant's GUID`,
      )
    const cloud = entry.cloud ?? 'global'
    if (typeof cloud !== 'string' || !clouds.includes(cloud))
      problem(
        `/tenants/${alias}/cloud`,
        `${JSON.stringify(cloud)} is not allowed; use one of ${clouds.join(', ')}`,
      )
    const users = new Set<string>()
    const tenantGroups = groups[alias]
    if (isRecord(tenantGroups)) {
      for (const [group, definition] of Object.entries(tenantGroups)) {
        const members = isRecord(definition) ? definition.members : undefined
        if (members === undefined) continue
        if (
          !Array.isArray(members) ||
          members.some((m) => typeof m !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(m))
        ) {
          problem(
            `/groups/${alias}/${group}/members`,
            `expected a list of userPrincipalNames (alias@domain), found ${JSON.stringify(members)}`,
          )
          continue
        }
        for (const member of members as string[]) users.add(member.toLowerCase())
      }
    }
    const domains = [...new Set([...users].map((upn) => upn.slice(upn.indexOf('@') + 1)))]
    if (domains.length > 1) {
      problem(
        `/groups/${alias}`,
        `members use several domains (${domains.join(', ')}); the emulator gives a tenant one domain, so use one per tenant`,
      )
    }
    if (
      typeof tenantId === 'string' &&
      guid.test(tenantId) &&
      typeof cloud === 'string' &&
      clouds.includes(cloud)
    ) {
      tenants.push({ alias, tenantId: tenantId.toLowerCase(), cloud, domain: domains[0], users: [...users] })
    }
  }
  for (const alias of Object.keys(groups)) {
    if (!(alias in document.tenants))
      problem(
        `/groups/${alias}`,
        `'${alias}' is not a tenant declared under /tenants (declared: ${Object.keys(document.tenants).join(', ')})`,
      )
  }
  if (problems.length > 0) throw new SeedError(problems.join('\n'))
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
