// The steps of a SyncConfiguration's create and update (syncConfiguration.ts has the resource): finding
// an existing configuration for the same target, instantiating the gallery template (and removing what a
// failed instantiation left), adopting, creating the job, and writing secrets, schema and name. Every
// step names the configuration and the Graph permission it needs, so a refusal says what to grant.
import { retryWhileNotFound, untilReadable } from '../../graph/consistency'
import type { GraphOperation } from '../../graph/errors'
import type { Json, TenantGraph } from '../../graph/tenantGraph'
import type { TenantRef } from '../shared/tenantRef'
import {
  batchRead,
  ctsJobTemplateId,
  ctsPermissions as permissions,
  ctsTemplateId,
  jobPath,
  syncPath,
} from './shared'
import { applySchema, type SyncSchemaInputs } from './syncSchema'
import { liveSecrets, secretsBody, type SyncSecretsInputs } from './syncSecrets'

/** What a configuration is asked to be (SyncConfigurationInputs, without importing the resource). */
export interface ConfigurationSpec {
  readonly tenant: TenantRef
  readonly partner: { readonly alias: string; readonly tenantId: string }
  readonly displayName: string
  readonly secrets: SyncSecretsInputs
  readonly schema: SyncSchemaInputs
}

/** The Graph objects a configuration is made of. */
export interface Handles {
  readonly spId: string
  readonly appObjectId: string
  readonly jobId: string
}

/** "cross-tenant synchronization configuration to fabrikam (…) in tenant contoso", for messages. */
export const subject = (i: ConfigurationSpec): string =>
  `cross-tenant synchronization configuration to ${i.partner.alias} (${i.partner.tenantId}) in tenant ${i.tenant.alias}`
export const describe = (i: ConfigurationSpec): string => `the ${subject(i)}`
export const op = (operation: string, perms: readonly string[]): GraphOperation => ({
  operation,
  permissions: perms,
})

/** Service principals of the template whose CompanyId secret is the target (one $batch for the secrets). */
export async function findExisting(graph: TenantGraph, inputs: ConfigurationSpec): Promise<Json[]> {
  const what = `look for an existing ${subject(inputs)}`
  const sps = await graph.list(
    op(what, permissions.appRead),
    `/servicePrincipals?$filter=applicationTemplateId eq '${ctsTemplateId}'&$select=id,appId,displayName`,
  )
  if (sps.length === 0) return []
  const secrets = await batchRead(
    graph,
    what,
    sps.map((sp) => ({
      url: `${syncPath(String(sp.id))}/secrets`,
      operation: what,
      permissions: permissions.syncRead,
    })),
  )
  const target = inputs.partner.tenantId.toLowerCase()
  return sps.filter((_, n) => {
    const companyId = liveSecrets(secrets[n]).CompanyId as string | undefined
    return companyId?.toLowerCase() === target
  })
}

/** Instantiates the template, then makes the job, secrets and schema; undoes the instantiation on failure. */
export async function instantiate(graph: TenantGraph, inputs: ConfigurationSpec): Promise<Handles> {
  const what = describe(inputs)
  const created = await graph.request<{ application: Json; servicePrincipal: Json }>(
    op(`create ${what}`, permissions.appWrite),
    'POST',
    `/applicationTemplates/${ctsTemplateId}/instantiate`,
    { body: { displayName: inputs.displayName } },
  )
  const spId = String(created?.servicePrincipal.id)
  const appObjectId = String(created?.application.id)
  try {
    await untilReadable(graph, `the service principal of ${what}`, () =>
      graph.find(op(`read ${what}`, permissions.appRead), `/servicePrincipals/${spId}?$select=id`),
    )
    const jobId = await createJob(graph, inputs, spId)
    const handles = { spId, appObjectId, jobId }
    await writeSettings(graph, inputs, handles, { secrets: true, schema: true })
    return handles
  } catch (error) {
    const leftover = await removeHalfMade(graph, inputs, appObjectId)
    if (leftover === undefined) throw error
    throw new Error(
      `${(error as Error).message}\nThe application ${appObjectId} it instantiated could not be removed (${leftover.message}); delete it by hand before running again.`,
      { cause: error },
    )
  }
}

/** Deletes the application of a create that failed half-way; the error when that fails too. */
async function removeHalfMade(
  graph: TenantGraph,
  inputs: ConfigurationSpec,
  appObjectId: string,
): Promise<Error | undefined> {
  try {
    await graph.request(
      op(`remove the half-made ${subject(inputs)}`, permissions.appWrite),
      'DELETE',
      `/applications/${appObjectId}`,
    )
    return undefined
  } catch (cleanup) {
    return cleanup instanceof Error ? cleanup : new Error(String(cleanup))
  }
}

export async function adoptExisting(
  graph: TenantGraph,
  inputs: ConfigurationSpec,
  sp: Json,
): Promise<Handles> {
  const what = describe(inputs)
  const spId = String(sp.id)
  const apps = await graph.list(
    op(`read the application of ${what}`, permissions.appRead),
    `/applications?$filter=appId eq '${String(sp.appId)}'&$select=id`,
  )
  if (apps[0] === undefined)
    throw new Error(
      `${what}: the application of service principal ${spId} (appId ${String(sp.appId)}) was not found`,
    )
  const jobs = await graph.list(
    op(`read the jobs of ${what}`, permissions.syncRead),
    `${syncPath(spId)}/jobs`,
  )
  const job = jobs.find((j) => j.templateId === ctsJobTemplateId)
  const handles = {
    spId,
    appObjectId: String(apps[0].id),
    jobId: job === undefined ? await createJob(graph, inputs, spId) : String(job.id),
  }
  if (sp.displayName !== inputs.displayName) await rename(graph, inputs, handles)
  await writeSettings(graph, inputs, handles, { secrets: true, schema: true })
  return handles
}

export async function createJob(
  graph: TenantGraph,
  inputs: ConfigurationSpec,
  spId: string,
): Promise<string> {
  const what = describe(inputs)
  const job = await retryWhileNotFound(graph, `the service principal of ${what}`, () =>
    graph.request(
      op(`create the synchronization job of ${what}`, permissions.syncWrite),
      'POST',
      `${syncPath(spId)}/jobs`,
      {
        body: { templateId: ctsJobTemplateId },
      },
    ),
  )
  return String(job?.id)
}

/** PUTs the full secrets and/or the whole schema (read, changed, put back). */
export async function writeSettings(
  graph: TenantGraph,
  inputs: ConfigurationSpec,
  { spId, jobId }: Handles,
  parts: { secrets: boolean; schema: boolean },
): Promise<void> {
  const what = describe(inputs)
  if (parts.secrets)
    await retryWhileNotFound(graph, `the service principal of ${what}`, () =>
      graph.request(
        op(`set the secrets of ${what}`, permissions.syncWrite),
        'PUT',
        `${syncPath(spId)}/secrets`,
        {
          body: secretsBody(inputs.secrets),
        },
      ),
    )
  if (!parts.schema) return
  const schemaPath = `${jobPath(spId, jobId)}/schema`
  const live = await untilReadable(graph, `the job schema of ${what}`, () =>
    graph.find(op(`read the job schema of ${what}`, permissions.syncRead), schemaPath),
  )
  await graph.request(op(`set the job schema of ${what}`, permissions.syncWrite), 'PUT', schemaPath, {
    body: applySchema(live, inputs.schema, what),
  })
}

export async function rename(graph: TenantGraph, inputs: ConfigurationSpec, handles: Handles): Promise<void> {
  const rename = op(`rename ${describe(inputs)}`, permissions.appWrite)
  const body = { displayName: inputs.displayName }
  await graph.request(rename, 'PATCH', `/applications/${handles.appObjectId}`, { body })
  await graph.request(rename, 'PATCH', `/servicePrincipals/${handles.spId}`, { body })
}
