// One provisioning cycle of one job, in one database transaction: honour a pending restart, check the
// preconditions (quarantine when one fails), decide per source user, hold back deletions over the
// accidental-deletion threshold, write the target, resolve manager references, then log and update
// the job's status and schedule.
import { randomUUID } from 'node:crypto'
import type { Clock } from '../clock'
import type { Store } from '../store/store'
import type { Json } from '../store/tenantStore'
import { appendAudit } from '../graph/audit'
import { provisioningAudit, syncJobKey, syncJobKind, type SyncJobRecord } from '../graph/routes/syncShapes'
import { apply, staged, type Outcome } from './apply'
import { loadConnectorState, resetConnectorData, saveConnectorState } from './connectorState'
import { countsAsDeletion, decideGone, decideInScope, type Decision, type DecideInput } from './decide'
import { readJobConfig, type JobConfig } from './jobConfig'
import {
  jobAfterCycle,
  quarantineBackoffSeconds,
  zeroCounts,
  type CycleCounts,
  type QuarantineReason,
} from './jobStatus'
import { checkPreconditions, type SyncError } from './preconditions'
import { logRecord } from './provisioningLog'
import { liveManagerOf, scopeOf, sourceUsers } from './scope'
import { readProvisioningSettings } from './settings'
import { setManager, targetSide } from './targetUsers'
import { resolveManagers } from './references'

export interface CycleReport {
  readonly tenantId: string
  readonly servicePrincipalId: string
  readonly jobId: string
  readonly targetTenantId: string | null
  readonly cycleId: string
  readonly state: string
  readonly counts: CycleCounts
  readonly quarantine: { readonly reason: string; readonly error: SyncError | null } | null
  readonly durationMs: number
}

const countOutcome = (counts: CycleCounts, o: Outcome): void => {
  if (o.status === 'failure') counts.failed++
  else if (o.action === 'stagedDelete') counts.staged++
  else if (o.status === 'skipped') counts.skipped++
  else if (o.action === 'create') counts.created++
  else if (o.action === 'delete') counts.deleted++
  else if (o.action === 'disable') counts.disabled++
  else if (o.restored === true) counts.restored++
  else if (o.exported) counts.updated++
}

function decideAll(
  store: Store,
  config: JobConfig,
  input: DecideInput,
): { decisions: Decision[]; counts: CycleCounts } {
  const counts = zeroCounts()
  const { state } = input
  const decisions: Decision[] = []
  const live = new Set<string>()
  const source = store.tenant(config.sourceTenantId)
  for (const user of sourceUsers(store, config.sourceTenantId)) {
    const id = String(user.id)
    live.add(id)
    counts.imported++
    const managerId = liveManagerOf(source, id)
    const view = { user, managerId }
    const reason = input.scope(view)
    const entry = state.entries[id]
    if (reason === undefined) {
      counts.entitled++
      delete state.skipped[id]
      decisions.push(decideInScope(input, view))
    } else if (entry !== undefined && !entry.deprovisioned) {
      // A user kept in the target (no Delete action, or disabled first) is logged once, not every cycle.
      const decision = decideGone(input, id, user, entry)
      if (decision.kind !== 'keep' || state.skipped[id] !== 'Kept') decisions.push(decision)
      if (decision.kind === 'keep') state.skipped[id] = 'Kept'
    } else if (state.skipped[id] !== reason) {
      state.skipped[id] = reason
      decisions.push({ kind: 'skip', sourceId: id, sourceUser: user, reason })
    }
  }
  for (const [id, entry] of Object.entries(state.entries))
    if (!live.has(id) && !entry.deprovisioned) decisions.push(decideGone(input, id, undefined, entry))
  return { decisions, counts }
}

export function runCycle(store: Store, clock: Clock, tenantId: string, record: SyncJobRecord): CycleReport {
  return store.transaction(() => {
    const began = clock.now()
    const cycleId = randomUUID()
    const config = readJobConfig(store, tenantId, record)
    const settings = readProvisioningSettings(store)
    const scopes = record.pendingRestart?.resetScope ?? []
    const has = (s: string): boolean => scopes.includes(s as never) || scopes.includes('Full')
    let state = loadConnectorState(store, tenantId, config.spId, config.jobId)
    if (has('ConnectorDataStore')) state = resetConnectorData(state)
    if (has('Escrows')) state.escrows = {}
    let counts = zeroCounts()
    let error = checkPreconditions(store, config)
    let reason: QuarantineReason | undefined =
      error === undefined ? undefined : 'EncounteredQuarantineException'
    const outcomes: Outcome[] = []
    if (error === undefined) {
      const target = targetSide(store, tenantId, config.targetTenantId!, cycleId, began)
      const input: DecideInput = {
        config,
        state,
        target,
        scope: scopeOf(store, config),
        fullSync: has('Watermark') || state.cycles === 0,
      }
      const decided = decideAll(store, config, input)
      counts = decided.counts
      const deletions = decided.decisions.filter(countsAsDeletion)
      const threshold = config.deleteThreshold
      const holdBack =
        threshold !== undefined && deletions.length > threshold && !scopes.includes('ForceDeletes')
      const held = new Set(holdBack ? deletions : [])
      state.staged = [...held].map((d) => d.sourceId)
      // Deletions last: a cycle that creates and deletes leaves the target consistent at each step.
      const ordered = [
        ...decided.decisions.filter((d) => d.kind !== 'deprovision'),
        ...decided.decisions.filter((d) => d.kind === 'deprovision'),
      ]
      for (const decision of ordered) {
        const outcome = held.has(decision)
          ? staged(decision, threshold!, deletions.length)
          : apply(target, state, decision)
        if (outcome === undefined) continue
        if (outcome.error !== undefined)
          state.escrows[outcome.sourceId] = {
            code: outcome.error.code,
            message: outcome.error.message,
            attempts: (state.escrows[outcome.sourceId]?.attempts ?? 0) + 1,
          }
        else delete state.escrows[outcome.sourceId]
        outcomes.push(outcome)
      }
      counts.references = resolveManagers(target, state, outcomes, decided.decisions, setManager)
      if (holdBack) {
        reason = 'TooManyDeletes'
        error = {
          code: 'TooManyDeletes',
          message: `This cycle would delete or disable ${deletions.length} users, more than the accidental-deletion threshold of ${threshold}. Nothing was deleted; restart the job with resetScope ForceDeletes to allow the deletions.`,
          tenantActionable: true,
        }
      }
    }
    const ended = clock.now()
    for (const outcome of outcomes) {
      if (outcome.quiet === true) continue
      countOutcome(counts, outcome)
      store
        .tenant(tenantId)
        .appendProvisioningLog(config.jobId, logRecord({ config, cycleId, at: ended }, outcome))
    }
    const wait =
      reason === undefined
        ? settings.intervalSeconds
        : quarantineBackoffSeconds(record.job, settings.intervalSeconds, settings.quarantineMaxBackoffSeconds)
    const nextAttempt = new Date(ended.getTime() + wait * 1000)
    const synchronized = Object.values(state.entries).filter((e) => !e.deprovisioned).length
    const job = jobAfterCycle(record.job, {
      cycleId,
      began,
      ended,
      counts,
      error,
      quarantineReason: reason,
      nextAttempt,
      synchronized,
    })
    // Audited when the job enters quarantine or its cause changes, not on every attempt.
    const before = (record.job.status as Json).quarantine as Json | null
    const beforeCode = ((before?.error as Json | null | undefined)?.code as string | undefined) ?? undefined
    if (reason !== undefined && (before?.reason !== reason || beforeCode !== error?.code))
      appendAudit(
        store.tenant(tenantId),
        {
          ...provisioningAudit,
          activityDisplayName: 'Quarantine',
          operationType: 'Update',
          target: {
            id: config.spId,
            displayName: (config.servicePrincipal.displayName as string | undefined) ?? null,
            type: 'ServicePrincipal',
          },
          modifiedProperties: [
            {
              displayName: 'QuarantineReason',
              oldValue: null,
              newValue: JSON.stringify(`${reason}: ${error?.code ?? ''}`),
            },
          ],
        },
        {
          correlationId: cycleId,
          at: ended,
          initiatedBy: {
            user: null,
            app: {
              appId: null,
              displayName: 'Azure AD Provisioning Service',
              servicePrincipalId: null,
              servicePrincipalName: null,
            },
          },
        },
      )
    // A cycle that could not run keeps the restart for the next one, so its reset is not lost.
    const keepRestart = reason === 'EncounteredQuarantineException'
    store.tenant(tenantId).replace(syncJobKind, syncJobKey(config.spId, config.jobId), {
      ...record,
      job,
      pendingRestart: keepRestart ? record.pendingRestart : null,
      lastCycleEnded: ended.toISOString(),
      nextRunAt: nextAttempt.toISOString(),
    })
    if (!keepRestart) state.cycles++
    saveConnectorState(store, tenantId, config.spId, config.jobId, state)
    const quarantine = (job.status as Json).quarantine as Json | null
    return {
      tenantId,
      servicePrincipalId: config.spId,
      jobId: config.jobId,
      targetTenantId: config.targetTenantId ?? null,
      cycleId,
      state: String(((job.status as Json).lastExecution as Json).state),
      counts,
      quarantine:
        quarantine === null
          ? null
          : { reason: String(quarantine.reason), error: (quarantine.error as SyncError | null) ?? null },
      durationMs: ended.getTime() - began.getTime(),
    }
  })
}
