// The provisioning engine's entry points: run cycles now (admin API), run the cycles that are due by the
// emulator's clock (the scheduler), and a scheduler that checks every second while the emulator runs.
import type { Clock } from '../clock'
import type { Store } from '../store/store'
import type { Json } from '../store/tenantStore'
import { syncJobKind, type SyncJobRecord } from '../graph/routes/syncShapes'
import { runCycle, type CycleReport } from './cycle'
import { readProvisioningSettings } from './settings'

export type { CycleReport } from './cycle'

export interface JobFilter {
  readonly tenantId?: string
  readonly servicePrincipalId?: string
  readonly jobId?: string
}

export interface JobRef {
  readonly tenantId: string
  readonly record: SyncJobRecord
}

/** Refusals the admin API turns into 404 / 409 answers. */
export class EngineRefusal extends Error {
  constructor(
    readonly status: 404 | 409,
    message: string,
  ) {
    super(message)
  }
}

export const isScheduled = (record: SyncJobRecord): boolean =>
  (record.job.schedule as Json).state === 'Active'

export function allJobs(store: Store, filter: JobFilter = {}): JobRef[] {
  const jobs: JobRef[] = []
  for (const tenant of store.listTenants()) {
    if (filter.tenantId !== undefined && tenant.id !== filter.tenantId.toLowerCase()) continue
    for (const { body } of store.tenant(tenant.id).list<SyncJobRecord>(syncJobKind)) {
      if (
        filter.servicePrincipalId !== undefined &&
        body.servicePrincipalId !== filter.servicePrincipalId.toLowerCase()
      )
        continue
      if (filter.jobId !== undefined && body.job.id !== filter.jobId) continue
      jobs.push({ tenantId: tenant.id, record: body })
    }
  }
  return jobs
}

/** One cycle now for every started job matching the filter; a job named by id must be started. */
export function runCyclesNow(store: Store, clock: Clock, filter: JobFilter): CycleReport[] {
  const jobs = allJobs(store, filter)
  if (filter.jobId !== undefined) {
    const job = jobs[0]
    if (job === undefined)
      throw new EngineRefusal(
        404,
        `no synchronization job '${filter.jobId}' matches ${JSON.stringify(filter)}`,
      )
    if (!isScheduled(job.record))
      throw new EngineRefusal(
        409,
        `the job '${filter.jobId}' is not started (schedule.state ${String((job.record.job.schedule as Json).state)}); POST .../jobs/{jobId}/start first`,
      )
  }
  return jobs.filter((j) => isScheduled(j.record)).map((j) => runCycle(store, clock, j.tenantId, j.record))
}

/**
 * When a job's next cycle is due (ms): after a start or restart newer than its last cycle, the initial
 * delay; otherwise the time the last cycle set (the interval, or the quarantine's next attempt).
 */
export function dueAt(store: Store, job: JobRef): number {
  const { activatedDateTime, lastCycleEnded, nextRunAt } = job.record
  const last = lastCycleEnded === undefined ? -Infinity : Date.parse(lastCycleEnded)
  if (activatedDateTime !== undefined && Date.parse(activatedDateTime) >= last)
    return Date.parse(activatedDateTime) + readProvisioningSettings(store).initialCycleDelaySeconds * 1000
  return nextRunAt === undefined ? -Infinity : Date.parse(nextRunAt)
}

/** One cycle for every started job that is due by the emulator's clock. */
export function runDueCycles(store: Store, clock: Clock): CycleReport[] {
  const now = clock.now().getTime()
  return allJobs(store)
    .filter((j) => isScheduled(j.record) && dueAt(store, j) <= now)
    .map((j) => runCycle(store, clock, j.tenantId, j.record))
}

/** Runs due cycles every second while `automatic` is on; stop() before closing the store. */
export function startScheduler(
  store: Store,
  clock: Clock,
  onError: (error: unknown) => void,
): { stop(): void } {
  const timer = setInterval(() => {
    try {
      if (readProvisioningSettings(store).automatic) runDueCycles(store, clock)
    } catch (error) {
      onError(error)
    }
  }, 1000)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
