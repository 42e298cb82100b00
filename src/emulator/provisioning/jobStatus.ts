// A job's status after a cycle (graph-api.md §3.6): lastExecution and its counts, the last successful
// executions, steady state, entry counts, and quarantine. A quarantined job keeps being attempted,
// less and less often up to once a day; the first cycle that succeeds lifts the quarantine, and a job
// quarantined for four weeks is disabled (Learn: "Application provisioning in quarantine status").
import type { Json } from '../store/tenantStore'
import { unsetTime } from '../graph/routes/syncShapes'
import type { SyncError } from './preconditions'

export interface CycleCounts {
  imported: number
  entitled: number
  created: number
  updated: number
  deleted: number
  disabled: number
  restored: number
  skipped: number
  staged: number
  failed: number
  references: number
}

export const zeroCounts = (): CycleCounts => ({
  imported: 0,
  entitled: 0,
  created: 0,
  updated: 0,
  deleted: 0,
  disabled: 0,
  restored: 0,
  skipped: 0,
  staged: 0,
  failed: 0,
  references: 0,
})

export type QuarantineReason = 'EncounteredQuarantineException' | 'TooManyDeletes'

export interface CycleResult {
  readonly cycleId: string
  readonly began: Date
  readonly ended: Date
  readonly counts: CycleCounts
  /** The job-level failure (a precondition, or the deletion threshold), if any. */
  readonly error?: SyncError
  readonly quarantineReason?: QuarantineReason
  readonly nextAttempt: Date
  /** Entries synchronized by this job (users it provisioned and has not deprovisioned). */
  readonly synchronized: number
}

const fourWeeksMs = 28 * 24 * 3600 * 1000

function execution(result: CycleResult): Json {
  const c = result.counts
  const exports = c.created + c.updated + c.deleted + c.disabled + c.restored
  const failedJob = result.error !== undefined && result.quarantineReason === 'EncounteredQuarantineException'
  return {
    activityIdentifier: result.cycleId,
    countEntitled: c.entitled,
    countEntitledForProvisioning: c.entitled,
    countEscrowed: c.failed,
    countEscrowedRaw: c.failed,
    countExported: exports,
    countExports: exports + c.references,
    countImported: c.imported,
    countImportedDeltas: exports + c.failed + c.staged,
    countImportedReferenceDeltas: c.references,
    error: result.error ?? { code: 'None', message: '', tenantActionable: false },
    state: failedJob ? 'Failed' : c.failed > 0 || c.staged > 0 ? 'EntryLevelErrors' : 'Succeeded',
    timeBegan: result.began.toISOString(),
    timeEnded: result.ended.toISOString(),
  }
}

/** The job as GET shows it after the cycle. */
export function jobAfterCycle(job: Json, result: CycleResult): Json {
  const status = { ...(job.status as Json) }
  const schedule = { ...(job.schedule as Json) }
  const run = execution(result)
  const ended = result.ended.toISOString()
  status.lastExecution = run
  if (run.state !== 'Failed') status.lastSuccessfulExecution = run
  if (run.state !== 'Failed' && (run.countExported as number) > 0)
    status.lastSuccessfulExecutionWithExports = run
  status.synchronizedEntryCountByType = [{ key: 'User', value: result.synchronized }]
  status.progress = []
  if (result.quarantineReason === undefined) {
    status.quarantine = null
    status.code = 'Active'
    status.countSuccessiveCompleteFailures = 0
    if (run.state === 'Succeeded') {
      if (status.steadyStateFirstAchievedTime === unsetTime) status.steadyStateFirstAchievedTime = ended
      status.steadyStateLastAchievedTime = ended
    }
    return { ...job, status, schedule }
  }
  const previous = status.quarantine as Json | null
  const same = previous !== null && previous.reason === result.quarantineReason
  const seriesBegan =
    typeof previous?.seriesBegan === 'string' ? previous.seriesBegan : result.began.toISOString()
  status.quarantine = {
    currentBegan: same ? previous.currentBegan : result.began.toISOString(),
    nextAttempt: result.nextAttempt.toISOString(),
    reason: result.quarantineReason,
    seriesBegan,
    seriesCount: Number(previous?.seriesCount ?? 0) + 1,
    error: result.error ?? null,
  }
  status.code = 'Quarantine'
  if (run.state === 'Failed')
    status.countSuccessiveCompleteFailures = Number(status.countSuccessiveCompleteFailures ?? 0) + 1
  if (result.ended.getTime() - Date.parse(seriesBegan) >= fourWeeksMs) schedule.state = 'Disabled'
  return { ...job, status, schedule }
}

/** When a quarantined job is tried again: the interval, doubled for each attempt in the series, up to the cap. */
export function quarantineBackoffSeconds(job: Json, intervalSeconds: number, maxSeconds: number): number {
  const count = Number(((job.status as Json).quarantine as Json | null)?.seriesCount ?? 0)
  return Math.min(maxSeconds, intervalSeconds * 2 ** Math.min(count, 16))
}
