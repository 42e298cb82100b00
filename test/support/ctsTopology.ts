// Test support for multi-tenant cross-tenant synchronization (CTS) scenarios: tenants with an all-purpose
// client app, a mesh of sync configurations set up the documented way (graph-api.md §3.1) over the wire,
// provisioning cycles run on demand through the admin API, and reads of what the cycles left behind.
// Everything goes through the real Graph client (retries on, so the emulator's throttling is absorbed)
// or the admin API, so the scenarios exercise the same routes production code would.
import type { Client, GraphError } from '@microsoft/microsoft-graph-client'
import { startTestEmulator, type TestEmulator } from './emulator'
import { instantiateCts } from './syncFixture'
import { pages, type Obj, type Tenant } from './ctsUsers'

export {
  addGroup,
  addUsers,
  createTenant,
  createTenants,
  deletedUsersIn,
  usersIn,
  type Tenant,
} from './ctsUsers'

const partners = '/policies/crossTenantAccessPolicy/partners'

export interface SyncOptions {
  /** The target's identitySynchronization userSyncInbound.isSyncAllowed (default true). */
  targetAllowsInboundSync?: boolean
  /** The target's automaticUserConsentSettings.inboundAllowed for the source (default true). */
  targetInboundAutoRedemption?: boolean
  /** The source's automaticUserConsentSettings.outboundAllowed for the target (default true). */
  sourceOutboundAutoRedemption?: boolean
  /** Whether to PUT the sync secrets (default true); false leaves the job without credentials. */
  secrets?: boolean
  /** The SyncAll secret (default false: only assigned users and groups are in scope). */
  syncAll?: boolean
  /** When set, turns the delete threshold on with this value. */
  deleteThreshold?: number
  /** User or group object ids in the source to assign to msiam_access. */
  assign?: string[]
  /** Whether to start the job (default true). */
  start?: boolean
  /** The userType the mapping's constant gives new target users (default Member: the schema is untouched). */
  userType?: 'Member' | 'Guest'
  /** When set, the userType mapping's flowType. */
  userTypeFlow?: 'ObjectAddOnly' | 'Always'
}

export interface SyncLink {
  source: Tenant
  target: Tenant
  spId: string
  jobId: string
  appRoleId: string
  ruleId: string
  /** /servicePrincipals/{spId}/synchronization/jobs/{jobId} */
  base: string
}

export interface CycleReport {
  tenantId: string
  servicePrincipalId: string
  jobId: string
  targetTenantId: string | null
  cycleId: string
  state: string
  counts: Record<string, number>
  quarantine: { reason: string; error: { code: string; message: string } } | null
}

const isNotFound = (error: unknown): boolean => (error as Partial<GraphError>).statusCode === 404

/** Whether a GET of path succeeds; a 404 means absent, anything else is a real failure. */
async function exists(graph: Client, path: string): Promise<boolean> {
  try {
    await graph.api(path).get()
    return true
  } catch (error) {
    if (isNotFound(error)) return false
    throw error
  }
}

/** Adds a partner entry unless there is one: the reverse link of a mesh may have made it already. */
async function ensurePartner(graph: Client, tenantId: string): Promise<void> {
  if (!(await exists(graph, `${partners}/${tenantId}`))) await graph.api(partners).post({ tenantId })
}

/** Sets the target's inbound sync toggle; PUT only creates (409 on an existing policy), so PATCH then. */
async function allowInboundSync(target: Tenant, source: Tenant, allowed: boolean): Promise<void> {
  const path = `${partners}/${source.id}/identitySynchronization`
  const body = { userSyncInbound: { isSyncAllowed: allowed } }
  if (await exists(target.graph, path)) await target.graph.api(path).patch(body)
  else await target.graph.api(path).put({ displayName: source.name, ...body })
}

/** Rewrites the userType mapping of the job's schema (a PUT replaces the whole schema, so send it all). */
async function applyUserType(graph: Client, schemaPath: string, options: SyncOptions): Promise<void> {
  if (options.userType !== 'Guest' && options.userTypeFlow === undefined) return
  const schema = (await graph.api(schemaPath).get()) as Obj
  delete schema['@odata.context']
  const rules = schema.synchronizationRules as Obj[]
  const mappings = rules
    .flatMap((r) => r.objectMappings as Obj[])
    .flatMap((m) => m.attributeMappings as Obj[])
  const userType = mappings.find((m) => m.targetAttributeName === 'userType')
  if (userType === undefined) throw new Error(`no userType mapping in ${schemaPath}`)
  if (options.userType === 'Guest')
    userType.source = { expression: '"Guest"', name: 'Guest', parameters: [], type: 'Constant' }
  if (options.userTypeFlow !== undefined) userType.flowType = options.userTypeFlow
  await graph.api(schemaPath).put(schema)
}

function secrets(target: Tenant, syncAll: boolean, threshold: number | undefined): Obj {
  const notifications = {
    Enabled: false,
    DeleteThresholdEnabled: threshold !== undefined,
    ...(threshold !== undefined ? { DeleteThresholdValue: threshold } : {}),
    HumanResourcesLookaheadQueryEnabled: false,
  }
  return {
    value: [
      { key: 'AuthenticationType', value: 'SyncPolicy' },
      { key: 'CompanyId', value: target.id },
      { key: 'SyncNotificationSettings', value: JSON.stringify(notifications) },
      { key: 'SyncAll', value: String(syncAll) },
    ],
  }
}

/**
 * Configures source -> target sync the documented way (§3.1). validateCredentials is skipped on purpose:
 * it fails by design while a policy is off, and tests turn policies off to provoke the quarantines.
 */
export async function configureSync(
  source: Tenant,
  target: Tenant,
  options: SyncOptions = {},
): Promise<SyncLink> {
  await ensurePartner(target.graph, source.id)
  await allowInboundSync(target, source, options.targetAllowsInboundSync ?? true)
  // PATCH merges: send inboundAllowed alone so the reverse link's outboundAllowed survives.
  await target.graph.api(`${partners}/${source.id}`).patch({
    automaticUserConsentSettings: { inboundAllowed: options.targetInboundAutoRedemption ?? true },
  })
  await ensurePartner(source.graph, target.id)
  await source.graph.api(`${partners}/${target.id}`).patch({
    automaticUserConsentSettings: { outboundAllowed: options.sourceOutboundAutoRedemption ?? true },
  })

  const sp = (await instantiateCts(source.graph, `${target.name} sync`)).servicePrincipal
  const spId = String(sp.id)
  const role = (sp.appRoles as Obj[]).find((r) => r.displayName === 'msiam_access')
  if (role === undefined) throw new Error(`the configuration app ${spId} has no msiam_access role`)
  const sync = `/servicePrincipals/${spId}/synchronization`
  const job = (await source.graph.api(`${sync}/jobs`).post({ templateId: 'Azure2Azure' })) as Obj
  const jobId = String(job.id)
  const base = `${sync}/jobs/${jobId}`
  const schema = (await source.graph.api(`${base}/schema`).get()) as Obj
  const ruleId = String((schema.synchronizationRules as Obj[])[0]?.id)
  await applyUserType(source.graph, `${base}/schema`, options)

  if (options.secrets ?? true)
    await source.graph
      .api(`${sync}/secrets`)
      .put(secrets(target, options.syncAll ?? false, options.deleteThreshold))
  const link: SyncLink = { source, target, spId, jobId, appRoleId: String(role.id), ruleId, base }
  for (const principalId of options.assign ?? []) await assign(link, principalId)
  if (options.start ?? true) await source.graph.api(`${base}/start`).post(undefined)
  return link
}

/** Assigns a source user or group to the configuration app's msiam_access role (puts it in scope). */
export async function assign(link: SyncLink, principalId: string): Promise<void> {
  await link.source.graph
    .api(`/servicePrincipals/${link.spId}/appRoleAssignedTo`)
    .post({ principalId, resourceId: link.spId, appRoleId: link.appRoleId })
}

/** Removes a principal's assignment to the configuration app (takes it out of scope). */
export async function unassign(link: SyncLink, principalId: string): Promise<void> {
  const path = `/servicePrincipals/${link.spId}/appRoleAssignedTo`
  const assignments = await pages(link.source.graph, path)
  const found = assignments.find((a) => a.principalId === principalId)
  if (found === undefined) throw new Error(`${principalId} is not assigned to ${link.spId}`)
  await link.source.graph.api(`${path}/${String(found.id)}`).delete()
}

/** Links every ordered pair of tenants, each source assigning its own group (memberGroups by name). */
export async function mesh(
  tenants: Tenant[],
  memberGroups: Record<string, string>,
  options: SyncOptions = {},
): Promise<SyncLink[]> {
  const links: SyncLink[] = []
  // One at a time: links sharing a tenant pair read then create the same partner entries.
  for (const a of tenants)
    for (const b of tenants) {
      if (a === b) continue
      const group = memberGroups[a.name]
      if (group === undefined) throw new Error(`no member group for tenant ${a.name}`)
      links.push(await configureSync(a, b, { ...options, assign: [group] }))
    }
  return links
}

/** Runs provisioning cycles now (all jobs, or those the filter names) and returns their reports. */
export async function runCycles(
  t: TestEmulator,
  filter: { tenantId?: string; servicePrincipalId?: string; jobId?: string } = {},
): Promise<CycleReport[]> {
  const result = await t.admin<{ value: CycleReport[] }>('POST', '/provisioning/run', filter)
  if (result.status !== 200)
    throw new Error(`running provisioning cycles: ${result.status} ${JSON.stringify(result.body)}`)
  return result.body.value
}

/** The sync job, status and schedule included. */
export async function jobOf(link: SyncLink): Promise<Obj> {
  return (await link.source.graph.api(link.base).get()) as Obj
}

/** An emulator whose provisioning cycles run only when a test asks (runCycles), never by the clock. */
export async function startManualEmulator(): Promise<TestEmulator> {
  const t = await startTestEmulator()
  const off = await t.admin('PUT', '/settings/provisioning', { automatic: false })
  if (off.status !== 200) throw new Error(`turning automatic provisioning off: ${off.status}`)
  return t
}

/** A job's provisioning log records, oldest first, through the admin API. */
export async function provisioningLogsOf(t: TestEmulator, link: SyncLink): Promise<Obj[]> {
  const result = await t.admin<{ value: Obj[] }>(
    'GET',
    `/tenants/${link.source.id}/provisioningLogs/${link.jobId}`,
  )
  if (result.status !== 200) throw new Error(`reading provisioning logs: ${result.status}`)
  return result.body.value
}
