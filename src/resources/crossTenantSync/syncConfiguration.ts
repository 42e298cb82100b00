// SyncConfiguration: a cross-tenant synchronization configuration in the SOURCE tenant
// (graph-api.md §3.1-§3.7): the application and service principal instantiated from the gallery
// template 518e5f48-1fc8-4c48-9387-9fdf28b0dfe7, its synchronization secrets (target tenant, scope,
// deletion threshold), its Azure2Azure job and the job's schema (Target Object Actions and the
// userType / showInAddressList / isSoftDeleted mappings; everything else as Entra made it).
// The job is left paused: SyncStart starts it, SyncScopeAssignment scopes it.
//
// Graph permissions (least first): Application.ReadWrite.OwnedBy, else Application.ReadWrite.All, to
// instantiate the template and rename or delete the application; Synchronization.ReadWrite.All (or
// Application.ReadWrite.OwnedBy, for a service principal the app owns) for the job, secrets and schema.
// With OwnedBy alone Graph lists only the app's own service principals, so existing configurations made
// by others are not seen (and not refused).
// Identity: `<tenantId>/servicePrincipals/<servicePrincipalId>/jobs/<jobId>`; a change of the source
// or target tenant id replaces it; displayName, secrets and schema are updated in place.
// Existing configuration (a service principal of the template whose CompanyId secret is the target):
// create refuses to take it over, naming it, unless adopted (tenants.<alias>.adopt: true); adopting
// renames it, reuses (or creates) its job and replaces its secrets and schema with the stack's.
// A create that fails half-way deletes the application it instantiated, so no orphan is left; one whose
// writes all succeeded but whose read-back timed out is recorded anyway, and the next run updates it.
// Read answers gone when the service principal or the job is gone (deleted by hand). A service
// principal left without its job is then refused as an existing configuration: adopt it (a new job is
// made) or delete it.
// Delete removes the job, then the application (its service principal goes with it). The users it
// synchronized were deprovisioned just before, by the deletes of its scope assignments
// (syncDeprovision.ts); deleting the configuration alone would leave them in the target.
import { isDeepStrictEqual } from 'node:util'
import * as pulumi from '@pulumi/pulumi'
import { untilReadable } from '../../graph/consistency'
import { GraphRequestError } from '../../graph/errors'
import type { Json, TenantGraph } from '../../graph/tenantGraph'
import { GraphProvider, isKnown } from '../shared/graphProvider'
import { isGuid, tenantRefProblems, type TenantRef } from '../shared/tenantRef'
import {
  batchRead,
  ctsPermissions as permissions,
  jobPath,
  jobResourceId,
  parseJobResourceId,
  syncPath,
} from './shared'
import {
  adoptExisting,
  describe,
  findExisting,
  instantiate,
  op,
  rename,
  writeSettings,
  type Handles,
} from './syncConfigurationSteps'
import { liveSchema, schemaProblems, type SyncSchemaInputs } from './syncSchema'
import { liveSecrets, secretsProblems, type SyncSecretsInputs } from './syncSecrets'
import { providerShim } from '../shared/providerShim'
import { toWire } from '../shared/wireShape'

export interface SyncConfigurationInputs {
  /** The source tenant, where the configuration lives. */
  readonly tenant: TenantRef
  /** The target tenant: its alias (for messages) and id (the CompanyId secret). */
  readonly partner: { readonly alias: string; readonly tenantId: string }
  /** The application's and service principal's displayName. */
  readonly displayName: string
  readonly secrets: SyncSecretsInputs
  readonly schema: SyncSchemaInputs
  /** Take over an existing configuration for the same target. @default false */
  readonly adopt: boolean
}

export interface SyncConfigurationOutputs extends SyncConfigurationInputs {
  readonly servicePrincipalId: string
  /** The application's appId (client id). */
  readonly applicationId: string
  readonly applicationObjectId: string
  readonly jobId: string
  /** The msiam_access app role, which SyncScopeAssignment assigns. */
  readonly msiamAccessAppRoleId: string
}

const msiamAccessRoleId = (sp: Json): string =>
  ((sp.appRoles ?? []) as { id?: string; displayName?: string; value?: string | null }[]).find(
    (r) => r.displayName === 'msiam_access' || r.value === 'msiam_access',
  )?.id ?? ''

async function ignoreNotFound(call: Promise<unknown>): Promise<void> {
  try {
    await call
  } catch (error) {
    if (!(error instanceof GraphRequestError && error.isNotFound)) throw error
  }
}

export class SyncConfigurationProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider<SyncConfigurationInputs, SyncConfigurationOutputs>
{
  check(_olds: SyncConfigurationInputs, news: SyncConfigurationInputs): Promise<pulumi.dynamic.CheckResult> {
    const failures: pulumi.dynamic.CheckFailure[] = []
    const fail = (property: string) => (reason: string) => failures.push({ property, reason })
    if (isKnown(news.tenant)) failures.push(...tenantRefProblems(news.tenant))
    const partner = news.partner as Partial<SyncConfigurationInputs['partner']> | undefined
    const target = isKnown(partner) && isGuid(partner?.tenantId) ? partner.tenantId : undefined
    if (isKnown(partner)) {
      if (typeof partner?.alias !== 'string' || partner.alias === '')
        fail('partner')(`partner.alias must be the target's alias, got ${JSON.stringify(partner?.alias)}`)
      if (target === undefined)
        fail('partner')(`partner.tenantId must be a GUID, got ${JSON.stringify(partner?.tenantId)}`)
      else if (isKnown(news.tenant) && target.toLowerCase() === news.tenant?.tenantId?.toLowerCase())
        fail('partner')('a tenant cannot synchronize users to itself')
    }
    if (isKnown(news.displayName) && (typeof news.displayName !== 'string' || news.displayName.trim() === ''))
      fail('displayName')(`displayName must be a non-empty string, got ${JSON.stringify(news.displayName)}`)
    if (isKnown(news.secrets)) secretsProblems(news.secrets, target).forEach(fail('secrets'))
    if (isKnown(news.schema)) schemaProblems(news.schema).forEach(fail('schema'))
    if (isKnown(news.adopt) && typeof news.adopt !== 'boolean')
      fail('adopt')(`adopt must be true or false, got ${JSON.stringify(news.adopt)}`)
    return Promise.resolve({ inputs: news, failures })
  }

  async create(
    inputs: SyncConfigurationInputs,
  ): Promise<pulumi.dynamic.CreateResult<SyncConfigurationOutputs>> {
    const graph = this.graph(inputs.tenant)
    const what = describe(inputs)
    const existing = await findExisting(graph, inputs)
    const names = existing.map((sp) => `'${String(sp.displayName)}' (service principal ${String(sp.id)})`)
    if (existing.length > 0 && !inputs.adopt)
      throw new Error(
        `${what} already exists as ${names.join(', ')} and is not managed by this stack. Set tenants.${inputs.tenant.alias}.adopt: true in the topology to take it over (its secrets and schema will be replaced by the topology's), or delete it.`,
      )
    if (existing.length > 1)
      throw new Error(
        `${what} exists more than once (${names.join(', ')}); delete all but one, then run again to adopt it.`,
      )
    const handles =
      existing[0] === undefined
        ? await instantiate(graph, inputs)
        : await adoptExisting(graph, inputs, existing[0])
    const id = jobResourceId(inputs.tenant.tenantId, handles.spId, handles.jobId)
    try {
      return { id, outs: await this.readBack(inputs, handles) }
    } catch (error) {
      // Every write succeeded: have the engine record the configuration (ErrorResourceInitFailed, an
      // error carrying id and properties) so the next run updates it instead of refusing it as unmanaged.
      const message = error instanceof Error ? error.message : String(error)
      const properties = {
        ...inputs,
        servicePrincipalId: handles.spId,
        applicationObjectId: handles.appObjectId,
        jobId: handles.jobId,
      }
      throw Object.assign(new Error(message, { cause: error }), { id, properties, reasons: [message] })
    }
  }

  async read(
    id: string,
    props?: SyncConfigurationOutputs,
  ): Promise<pulumi.dynamic.ReadResult<SyncConfigurationOutputs>> {
    if (props === undefined)
      throw new Error(`reading ${id}: a synchronization configuration is not importable (no stored inputs)`)
    const { spId, jobId } = parseJobResourceId(id)
    const handles = { spId, jobId, appObjectId: props.applicationObjectId }
    const state = await this.fetch(this.graph(props.tenant), props, handles)
    if (state === undefined) return {} // deleted by hand: refresh reports it and up recreates it
    // The SDK types read's inputs as outputs; the computed members stay out of them, as in the program.
    return { id, props: state, inputs: inputsOf(state) as SyncConfigurationOutputs }
  }

  async update(
    id: string,
    olds: SyncConfigurationOutputs,
    news: SyncConfigurationInputs,
  ): Promise<pulumi.dynamic.UpdateResult<SyncConfigurationOutputs>> {
    const graph = this.graph(news.tenant)
    const { spId, jobId } = parseJobResourceId(id)
    const handles = { spId, jobId, appObjectId: olds.applicationObjectId }
    if (olds.displayName !== news.displayName) await rename(graph, news, handles)
    await writeSettings(graph, news, handles, {
      secrets: !isDeepStrictEqual(olds.secrets, news.secrets),
      schema: !isDeepStrictEqual(olds.schema, news.schema),
    })
    return { outs: await this.readBack(news, handles) }
  }

  async delete(id: string, props: SyncConfigurationOutputs): Promise<void> {
    const graph = this.graph(props.tenant)
    const what = describe(props)
    const { spId, jobId } = parseJobResourceId(id)
    await ignoreNotFound(
      graph.request(op(`delete the job of ${what}`, permissions.syncWrite), 'DELETE', jobPath(spId, jobId)),
    )
    await ignoreNotFound(
      graph.request(
        op(`delete the application of ${what}`, permissions.appWrite),
        'DELETE',
        `/applications/${props.applicationObjectId}`,
      ),
    )
  }

  /** The configuration as it is: service principal, job, secrets and schema in one $batch call. */
  private async fetch(
    graph: TenantGraph,
    desired: SyncConfigurationInputs,
    handles: Handles,
  ): Promise<SyncConfigurationOutputs | undefined> {
    const what = describe(desired)
    const read = (part: string, url: string, perms: readonly string[]) => ({
      url,
      operation: `read the ${part} of ${what}`,
      permissions: perms,
    })
    const [sp, job, secrets, schema] = await batchRead(graph, `read ${what}`, [
      read(
        'service principal',
        `/servicePrincipals/${handles.spId}?$select=id,appId,displayName,appRoles`,
        permissions.appRead,
      ),
      read('job', jobPath(handles.spId, handles.jobId), permissions.syncRead),
      read('secrets', `${syncPath(handles.spId)}/secrets`, permissions.syncRead),
      read('job schema', `${jobPath(handles.spId, handles.jobId)}/schema`, permissions.syncRead),
    ])
    if (sp === undefined || job === undefined) return undefined
    return {
      tenant: desired.tenant,
      partner: desired.partner,
      displayName: String(sp.displayName),
      secrets: liveSecrets(secrets),
      schema: liveSchema(schema ?? {}, desired.schema),
      adopt: desired.adopt,
      servicePrincipalId: handles.spId,
      applicationId: String(sp.appId),
      applicationObjectId: handles.appObjectId,
      jobId: handles.jobId,
      msiamAccessAppRoleId: msiamAccessRoleId(sp),
    }
  }

  /** Create and update end in a read, through Entra's replication lag. */
  private readBack(inputs: SyncConfigurationInputs, handles: Handles): Promise<SyncConfigurationOutputs> {
    const graph = this.graph(inputs.tenant)
    return untilReadable(graph, describe(inputs), () => this.fetch(graph, inputs, handles))
  }
}

/** The input part of the outputs (what read returns as inputs, for refresh to compare). */
function inputsOf(outputs: SyncConfigurationOutputs): SyncConfigurationInputs {
  const { tenant, partner, displayName, secrets, schema, adopt } = outputs
  return { tenant, partner, displayName, secrets, schema, adopt }
}

const provider = providerShim(__filename, SyncConfigurationProvider)

export type SyncConfigurationArgs = {
  readonly [K in keyof SyncConfigurationInputs]: pulumi.Input<SyncConfigurationInputs[K]>
}

export class SyncConfiguration extends pulumi.dynamic.Resource {
  declare public readonly servicePrincipalId: pulumi.Output<string>
  declare public readonly applicationId: pulumi.Output<string>
  declare public readonly applicationObjectId: pulumi.Output<string>
  declare public readonly jobId: pulumi.Output<string>
  declare public readonly msiamAccessAppRoleId: pulumi.Output<string>

  constructor(name: string, args: SyncConfigurationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      toWire({
        ...args,
        servicePrincipalId: undefined,
        applicationId: undefined,
        applicationObjectId: undefined,
        jobId: undefined,
        msiamAccessAppRoleId: undefined,
      }),
      {
        ...opts,
        replaceOnChanges: ['tenant', 'partner', ...(opts?.replaceOnChanges ?? [])],
      },
      'entra-topology',
      'SyncConfiguration',
    )
  }
}
