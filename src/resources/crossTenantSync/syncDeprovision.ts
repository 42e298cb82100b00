// Deprovisioning when a sync scope assignment is deleted (issue 6): removing a pair (or one of its
// scoping groups or users) must take the users it brought in out of the target. Entra only acts on
// scope changes during a cycle, and once the pair's configuration is deleted no cycle runs again, so the
// assignment's delete asks for them right away: provision on demand (graph-api.md §3.5) for the assigned
// user, or for each direct user member of the assigned group, after the assignment is gone. The engine
// then finds each user out of scope and applies the job's deprovisioning (soft delete, disable, or
// nothing when Delete is not a target object action); a user still in scope through another assignment
// is updated as a cycle would, not deleted.
//
// Graph permissions: Synchronization.ReadWrite.All (list jobs, read the schema, provisionOnDemand),
// GroupMember.Read.All (a group's members), User.Read.All (a user by user principal name, only when the
// state lacks its object id).
// Limits: at most 5 subjects per provisionOnDemand call (the emulator's, Graph's UNCONFIRMED) and 5
// calls per 10 s per job [D]: calls are paced to stay under it (a 429 from concurrent deletes on the
// same job is still retried by the client, honouring Retry-After).
// UNCONFIRMED: whether Entra runs provision on demand on a paused job (the pair's SyncStart is deleted,
// which pauses the job, before its assignments) and whether it deprovisions a user who is no longer
// assigned (the emulator does: an out-of-scope user it had provisioned is "gone" and deprovisioned).
import { GraphRequestError } from '../../graph/errors'
import type { Json, TenantGraph } from '../../graph/tenantGraph'
import type { TenantRef } from '../shared/tenantRef'
import { batchRead, ctsJobTemplateId, ctsPermissions as permissions, jobPath, syncPath } from './shared'

export interface DeprovisionTarget {
  readonly tenant: TenantRef
  readonly partner: string
  readonly servicePrincipalId: string
  readonly principal:
    | { readonly type: 'Group'; readonly id: string }
    | { readonly type: 'User'; readonly userPrincipalName: string }
  /** The user's object id when known (the assignment's output); may be empty in old state. */
  readonly principalId?: string
}

interface Subject {
  readonly id: string
  /** How messages name it: the user principal name, or the id when unknown. */
  readonly name: string
}

/** What deprovisioning needs, read before the assignment is removed (a missing permission stops early). */
export interface DeprovisionPlan {
  readonly jobId: string
  readonly ruleId: string
  readonly subjects: readonly Subject[]
}

export const onDemandLimits = { subjectsPerCall: 5, callsPerWindow: 5, windowMs: 10_000 }
/** Added to the window so our clock and Graph's do not disagree on the edge. */
const windowMarginMs = 500

const membersPath = (groupId: string): string =>
  `/groups/${groupId}/members?$select=id,userPrincipalName&$top=999`
const userPath = (upn: string): string => `/users/${encodeURIComponent(upn)}?$select=id,userPrincipalName`
const isNotFound = (error: unknown): boolean => error instanceof GraphRequestError && error.isNotFound
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

const principalName = (t: DeprovisionTarget): string =>
  t.principal.type === 'Group' ? `group ${t.principal.id}` : `user ${t.principal.userPrincipalName}`
const describe = (t: DeprovisionTarget): string =>
  `deprovision in ${t.partner} the users of ${principalName(t)} (unassigned from the configuration to ${t.partner}, service principal ${t.servicePrincipalId})`

/** The configuration's cross-tenant sync job id, or undefined when it (or its service principal) is gone. */
function jobOf(page: Json | undefined): string | undefined {
  const jobs = (page?.value ?? []) as Json[]
  const job = jobs.find((j) => j.templateId === ctsJobTemplateId) ?? jobs[0]
  return job === undefined ? undefined : String(job.id)
}

/**
 * Reads the job, its rule and the users to deprovision: one $batch call (jobs, and the group's first
 * page of members or the user), then the schema and further member pages. Undefined when there is
 * nothing to do: the configuration, the group or the user is already gone, or the group has no users.
 */
export async function planDeprovision(
  graph: TenantGraph,
  target: DeprovisionTarget,
): Promise<DeprovisionPlan | undefined> {
  const what = describe(target)
  const p = target.principal
  const knownUserId = p.type === 'User' && target.principalId ? target.principalId : undefined
  const jobs = { url: `${syncPath(target.servicePrincipalId)}/jobs`, operation: `read the job to ${what}` }
  const principal =
    p.type === 'Group'
      ? [
          {
            url: membersPath(p.id),
            operation: `list the members to ${what}`,
            permissions: permissions.memberRead,
          },
        ]
      : knownUserId === undefined
        ? [
            {
              url: userPath(p.userPrincipalName),
              operation: `find the user to ${what}`,
              permissions: permissions.userRead,
            },
          ]
        : []
  const [jobPage, first] = await batchRead(graph, `read what it takes to ${what}`, [
    { ...jobs, permissions: permissions.syncRead },
    ...principal,
  ])
  const jobId = jobOf(jobPage)
  if (jobId === undefined) return undefined // the configuration went first (or by hand): no job to ask
  let subjects: Subject[]
  if (p.type === 'User') {
    const id = knownUserId ?? (first?.id as string | undefined)
    if (id === undefined) return undefined // the user is gone from the source
    subjects = [{ id, name: p.userPrincipalName }]
  } else {
    if (first === undefined) return undefined // the group is gone: its scope went with it
    const members = await graph.allPages(
      { operation: `list the members to ${what}`, permissions: permissions.memberRead },
      first,
    )
    // Only users are provisioned; nested groups do not count in the scope (graph-api.md §3.8).
    subjects = members
      .filter((m) => m['@odata.type'] === '#microsoft.graph.user')
      .map((m) => ({ id: String(m.id), name: String(m.userPrincipalName ?? m.id) }))
  }
  if (subjects.length === 0) return undefined
  const schema = await graph.find(
    { operation: `read the job's schema to ${what}`, permissions: permissions.syncRead },
    `${jobPath(target.servicePrincipalId, jobId)}/schema`,
  )
  if (schema === undefined) return undefined // the job was deleted in between
  const ruleId = ((schema.synchronizationRules ?? []) as Json[])[0]?.id
  if (typeof ruleId !== 'string')
    throw new Error(
      `tenant ${graph.tenant}: cannot ${what}: the job ${jobId}'s schema has no synchronization rule to provision on demand with; restore the schema (pulumi up --refresh) or deprovision ${subjects.map((s) => s.name).join(', ')} in tenant ${target.partner} by hand`,
    )
  return { jobId, ruleId, subjects }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value))

/** Failures the answer reports per user (HTTP 200 with a failed step; its layout is UNCONFIRMED). */
function failuresIn(answer: Json | undefined, chunk: readonly Subject[]): string[] {
  let entries: unknown
  try {
    entries = JSON.parse(String(answer?.value))
  } catch {
    return [] // not the layout we know: nothing to judge by
  }
  const list = (Array.isArray(entries) ? entries : [entries]) as Json[]
  return list.flatMap((entry, i) => {
    const steps = (Array.isArray(entry?.provisioningSteps) ? entry.provisioningSteps : []) as Json[]
    const failed = steps.find((s) => String(s.status).toLowerCase() === 'failure')
    if (String(entry?.result).toLowerCase() !== 'failure' && failed === undefined) return []
    const source = entry.sourceIdentity as Json | undefined
    const who = chunk.find((s) => s.id === source?.id)?.name ?? chunk[i]?.name ?? text(source?.id)
    const code = (failed?.details as Json | undefined)?.ErrorCode
    return [`${who}: ${text(failed?.description ?? 'failed')}${code ? ` (${text(code)})` : ''}`]
  })
}

/**
 * Provisions the plan's users on demand, 5 per call, pacing calls to 5 per 10 s. A job deleted in the
 * meantime ends it quietly; a user deleted from the source is skipped (nothing left to evaluate). Any
 * other failure throws, naming the tenant, the partner and the users not deprovisioned.
 */
export async function deprovision(
  graph: TenantGraph,
  target: DeprovisionTarget,
  plan: DeprovisionPlan,
): Promise<void> {
  const what = describe(target)
  const url = `${jobPath(target.servicePrincipalId, plan.jobId)}/provisionOnDemand`
  const sent: number[] = []
  const failures: string[] = []
  const fail = (detail: string, cause?: unknown): Error =>
    new Error(
      `tenant ${graph.tenant}: could not ${what}: ${detail}. The assignment is already removed: fix the cause (for example the partner policies of both tenants) and run pulumi up again (the delete is retried), or delete those users in tenant ${target.partner} by hand and drop this assignment from the stack (pulumi state delete <its urn>).`,
      cause === undefined ? undefined : { cause },
    )
  /** One call for `chunk`; its per-user failures are kept. A 404 (job or a user gone) is thrown. */
  const ask = async (chunk: readonly Subject[]): Promise<void> => {
    const oldest = sent[sent.length - onDemandLimits.callsPerWindow]
    const wait = oldest === undefined ? 0 : oldest + onDemandLimits.windowMs + windowMarginMs - Date.now()
    if (wait > 0) await sleep(wait) // a documented rate limit, not replication lag
    sent.push(Date.now())
    const subjects = chunk.map((s) => ({ objectId: s.id, objectTypeName: 'User' }))
    const answer = await graph.request({ operation: what, permissions: permissions.syncWrite }, 'POST', url, {
      body: { parameters: [{ ruleId: plan.ruleId, subjects }] },
    })
    failures.push(...failuresIn(answer, chunk))
  }
  const jobGone = async (): Promise<boolean> => {
    const page = await graph.find(
      { operation: `read the job to ${what}`, permissions: permissions.syncRead },
      `${syncPath(target.servicePrincipalId)}/jobs`,
    )
    return !((page?.value ?? []) as Json[]).some((j) => String(j.id) === plan.jobId)
  }
  const chunks: Subject[][] = []
  for (let i = 0; i < plan.subjects.length; i += onDemandLimits.subjectsPerCall)
    chunks.push(plan.subjects.slice(i, i + onDemandLimits.subjectsPerCall))
  for (const [n, chunk] of chunks.entries()) {
    try {
      try {
        await ask(chunk)
      } catch (error) {
        if (!isNotFound(error)) throw error
        if (await jobGone()) return // the configuration went meanwhile: no cycle runs for anyone
        // One of them left the source tenant: ask for each alone, skipping those that are gone.
        for (const one of chunk.length > 1 ? chunk : [])
          await ask([one]).catch((inner: unknown) => {
            if (!isNotFound(inner)) throw inner
          })
      }
    } catch (error) {
      const pending = chunks
        .slice(n)
        .flat()
        .map((s) => s.name)
      const message = error instanceof Error ? error.message : String(error)
      throw fail(
        `not deprovisioned: ${pending.join(', ')}${failures.length > 0 ? `; also failed: ${failures.join('; ')}` : ''} (${message})`,
        error,
      )
    }
  }
  if (failures.length > 0) throw fail(`the provisioning service reported ${failures.join('; ')}`)
}
