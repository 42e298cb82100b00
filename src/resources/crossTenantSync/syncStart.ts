// SyncStart: a cross-tenant synchronization job's schedule, started (graph-api.md §3.5): POST
// .../jobs/{jobId}/start once everything the job needs exists on both sides (the component makes it
// depend on the configuration, its scope assignments and the target's policies).
//
// Graph permission: Synchronization.ReadWrite.All (or Application.ReadWrite.OwnedBy, for a service
// principal the app owns); reads: Synchronization.Read.All.
// Identity: `<tenantId>/servicePrincipals/<servicePrincipalId>/jobs/<jobId>/start`; a new tenant,
// service principal or job replaces it (the new job is started, the old one paused).
// `started` is an input so drift is visible: a job paused by hand (or never resumed) reads as
// started: false, and `up` starts it again. There is no adoption rule: the job belongs to its
// SyncConfiguration, and starting a started job changes nothing.
// Delete pauses the job (which keeps its state); a job already gone is fine.
import * as pulumi from '@pulumi/pulumi'
import { retryWhileNotFound, untilReadable } from '../../graph/consistency'
import { GraphRequestError } from '../../graph/errors'
import type { Json } from '../../graph/tenantGraph'
import { GraphProvider, isKnown } from '../shared/graphProvider'
import { isGuid, tenantRefProblems, type TenantRef } from '../shared/tenantRef'
import { ctsPermissions as permissions, jobPath, jobResourceId, parseJobResourceId } from './shared'
import { providerShim } from '../shared/providerShim'
import { toWire } from '../shared/wireShape'

export interface SyncStartInputs {
  /** The source tenant, where the job lives. */
  readonly tenant: TenantRef
  /** The target's alias, for messages. */
  readonly partner: string
  readonly servicePrincipalId: string
  readonly jobId: string
  /** Whether the job's schedule should be running (false pauses it). */
  readonly started: boolean
}

export type SyncStartOutputs = SyncStartInputs

const describe = (i: SyncStartInputs): string =>
  `the synchronization job ${i.jobId} to ${i.partner} in tenant ${i.tenant.alias}`

/** The live job in input shape: started when its schedule is Active. */
function liveInputs(job: Json, desired: SyncStartInputs): SyncStartInputs {
  const schedule = (job.schedule ?? {}) as { state?: string }
  return { ...desired, started: schedule.state === 'Active' }
}

export class SyncStartProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider<SyncStartInputs, SyncStartOutputs>
{
  check(_olds: SyncStartInputs, news: SyncStartInputs): Promise<pulumi.dynamic.CheckResult> {
    const failures: pulumi.dynamic.CheckFailure[] = []
    if (isKnown(news.tenant)) failures.push(...tenantRefProblems(news.tenant))
    if (isKnown(news.partner) && (typeof news.partner !== 'string' || news.partner === ''))
      failures.push({
        property: 'partner',
        reason: `partner must be the target's alias, got ${JSON.stringify(news.partner)}`,
      })
    if (isKnown(news.servicePrincipalId) && !isGuid(news.servicePrincipalId))
      failures.push({
        property: 'servicePrincipalId',
        reason: `servicePrincipalId must be a GUID, got ${JSON.stringify(news.servicePrincipalId)}`,
      })
    if (isKnown(news.jobId) && (typeof news.jobId !== 'string' || !/^[^/\s]+$/.test(news.jobId)))
      failures.push({
        property: 'jobId',
        reason: `jobId must be a job id, got ${JSON.stringify(news.jobId)}`,
      })
    if (isKnown(news.started) && typeof news.started !== 'boolean')
      failures.push({
        property: 'started',
        reason: `started must be true or false, got ${JSON.stringify(news.started)}`,
      })
    return Promise.resolve({ inputs: news, failures })
  }

  async create(inputs: SyncStartInputs): Promise<pulumi.dynamic.CreateResult<SyncStartOutputs>> {
    await this.apply(inputs)
    return {
      id: `${jobResourceId(inputs.tenant.tenantId, inputs.servicePrincipalId, inputs.jobId)}/start`,
      outs: await this.readBack(inputs),
    }
  }

  async read(id: string, props?: SyncStartOutputs): Promise<pulumi.dynamic.ReadResult<SyncStartOutputs>> {
    if (props === undefined)
      throw new Error(`reading ${id}: a job start is not importable (no stored inputs)`)
    const { spId, jobId } = parseJobResourceId(id)
    const job = await this.graph(props.tenant).find(
      { operation: `read ${describe(props)}`, permissions: permissions.syncRead },
      jobPath(spId, jobId),
    )
    if (job === undefined) return {} // the job (or its configuration) is gone
    const state = liveInputs(job, props)
    return { id, props: state, inputs: state }
  }

  async update(
    _id: string,
    _olds: SyncStartOutputs,
    news: SyncStartInputs,
  ): Promise<pulumi.dynamic.UpdateResult<SyncStartOutputs>> {
    await this.apply(news)
    return { outs: await this.readBack(news) }
  }

  async delete(_id: string, props: SyncStartOutputs): Promise<void> {
    try {
      await this.graph(props.tenant).request(
        { operation: `pause ${describe(props)}`, permissions: permissions.syncWrite },
        'POST',
        `${jobPath(props.servicePrincipalId, props.jobId)}/pause`,
      )
    } catch (error) {
      if (!(error instanceof GraphRequestError && error.isNotFound)) throw error
    }
  }

  /** POST start (or pause), through the replication lag of a job created moments ago. */
  private async apply(inputs: SyncStartInputs): Promise<void> {
    const graph = this.graph(inputs.tenant)
    const verb = inputs.started ? 'start' : 'pause'
    await retryWhileNotFound(graph, describe(inputs), () =>
      graph.request(
        { operation: `${verb} ${describe(inputs)}`, permissions: permissions.syncWrite },
        'POST',
        `${jobPath(inputs.servicePrincipalId, inputs.jobId)}/${verb}`,
      ),
    )
  }

  private async readBack(inputs: SyncStartInputs): Promise<SyncStartOutputs> {
    const graph = this.graph(inputs.tenant)
    const job = await untilReadable(graph, describe(inputs), () =>
      graph.find(
        { operation: `read ${describe(inputs)}`, permissions: permissions.syncRead },
        jobPath(inputs.servicePrincipalId, inputs.jobId),
      ),
    )
    return liveInputs(job, inputs)
  }
}

const provider = providerShim(__filename, SyncStartProvider)

export type SyncStartArgs = { readonly [K in keyof SyncStartInputs]: pulumi.Input<SyncStartInputs[K]> }

export class SyncStart extends pulumi.dynamic.Resource {
  declare public readonly started: pulumi.Output<boolean>

  constructor(name: string, args: SyncStartArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      toWire(args),
      {
        ...opts,
        replaceOnChanges: ['tenant', 'servicePrincipalId', 'jobId', ...(opts?.replaceOnChanges ?? [])],
      },
      'entra-topology',
      'SyncStart',
    )
  }
}
