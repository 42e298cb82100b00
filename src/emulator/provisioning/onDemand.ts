// Provision on demand (graph-api.md §3.5): one to five source users evaluated and exported right away,
// whatever the schedule, with the job's scope, matching and mappings; the accidental-deletion
// threshold does not apply to a single user. The answer is Graph's stringKeyStringValuePair whose
// value is a JSON *string*.
//
// UNCONFIRMED: the layout of that JSON (the emulator's: an array with, per subject, the action, the
// result and the provisioning steps as the logs show them). A failed precondition is reported in the
// steps (status failure, the quarantine error code), with HTTP 200, and does not quarantine the job.
import { randomUUID } from 'node:crypto'
import type { Clock } from '../clock'
import { graphErrors } from '../errors'
import type { Store } from '../store/store'
import type { Json } from '../store/tenantStore'
import { userKind } from '../graph/routes/userShapes'
import type { SyncJobRecord } from '../graph/routes/syncShapes'
import { apply, type Outcome } from './apply'
import { loadConnectorState, saveConnectorState } from './connectorState'
import { decideGone, decideInScope, type Decision } from './decide'
import { readJobConfig } from './jobConfig'
import { checkPreconditions } from './preconditions'
import { logRecord } from './provisioningLog'
import { resolveManagers } from './references'
import { liveManagerOf, scopeOf } from './scope'
import { setManager, targetSide } from './targetUsers'

export const onDemandKey = 'Microsoft.Identity.Health.CPP.Common.DataContracts.SyncFabric.StatusInfo'

export function provisionOnDemand(
  store: Store,
  clock: Clock,
  tenantId: string,
  record: SyncJobRecord,
  subjectIds: readonly string[],
): { key: string; value: string } {
  const config = readJobConfig(store, tenantId, record)
  const source = store.tenant(tenantId)
  const users = subjectIds.map((id) => {
    const user = source.get<Json>(userKind, id.toLowerCase())
    if (user === undefined) throw graphErrors.notFound(id)
    return user
  })
  const cycleId = `OnDemand.${randomUUID()}`
  const at = clock.now()
  const error = checkPreconditions(store, config)
  if (error !== undefined)
    return {
      key: onDemandKey,
      value: JSON.stringify(
        users.map((u) => ({
          sourceIdentity: { id: u.id, displayName: u.displayName },
          action: 'other',
          result: 'failure',
          provisioningSteps: [
            {
              name: 'EntryImport',
              provisioningStepType: 'import',
              status: 'failure',
              description: error.message,
              details: { ErrorCode: error.code },
            },
          ],
        })),
      ),
    }
  const state = loadConnectorState(store, tenantId, config.spId, config.jobId)
  const target = targetSide(store, tenantId, config.targetTenantId!, cycleId, at)
  const input = { config, state, target, scope: scopeOf(store, config), fullSync: true }
  const decisions: Decision[] = []
  const outcomes: Outcome[] = []
  for (const user of users) {
    const id = String(user.id)
    const managerId = liveManagerOf(source, id)
    const view = { user, managerId }
    const reason = input.scope(view)
    const entry = state.entries[id]
    const decision: Decision =
      reason === undefined
        ? decideInScope(input, view)
        : entry !== undefined && !entry.deprovisioned
          ? decideGone(input, id, user, entry)
          : { kind: 'skip', sourceId: id, sourceUser: user, reason }
    decisions.push(decision)
    const outcome = apply(target, state, decision) ?? {
      action: 'other',
      status: 'skipped',
      sourceId: id,
      sourceUser: user,
      targetUser: undefined,
      changes: [],
      matched: 'existing',
      exported: false,
      description: 'The user is already up to date in the target tenant.',
    }
    outcomes.push(outcome)
  }
  resolveManagers(target, state, outcomes, decisions, setManager)
  saveConnectorState(store, tenantId, config.spId, config.jobId, state)
  const records = outcomes.map((o) => logRecord({ config, cycleId, at }, o))
  for (const r of records) source.appendProvisioningLog(config.jobId, r)
  return {
    key: onDemandKey,
    value: JSON.stringify(
      records.map((r, i) => ({
        sourceIdentity: r.sourceIdentity,
        targetIdentity: r.targetIdentity,
        action: outcomes[i]!.action,
        result: (r.provisioningStatusInfo as Json).status,
        provisioningSteps: r.provisioningSteps,
        modifiedProperties: r.modifiedProperties,
      })),
    ),
  }
}
