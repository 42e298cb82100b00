// Provisioning log records (Graph's provisioningObjectSummary, graph-api.md §3.9), one per object the
// engine acted on or skipped, kept in the source tenant per job and served by GET
// /auditLogs/provisioning (graph/routes/provisioningLogs.ts) and the admin API.
//
// UNCONFIRMED: the exact step names and descriptions, and the details' keys; the enums (action,
// status, step type) are Graph's.
import { randomUUID } from 'node:crypto'
import type { Json } from '../store/tenantStore'
import type { Outcome } from './apply'
import type { JobConfig } from './jobConfig'
import { sourceDirectoryName, targetDirectoryName } from '../graph/routes/defaultSyncSchema'

export interface LogContext {
  readonly config: JobConfig
  readonly cycleId: string
  readonly at: Date
}

const identity = (user: Json | undefined, fallbackId: string): Json => ({
  id: typeof user?.id === 'string' ? user.id : fallbackId,
  displayName: typeof user?.displayName === 'string' ? user.displayName : null,
  identityType: 'User',
  details: { UserPrincipalName: (user?.userPrincipalName as string | undefined) ?? null },
})

function steps(outcome: Outcome): Json[] {
  const step = (name: string, type: string, status: string, description: string): Json => ({
    name,
    provisioningStepType: type,
    status,
    description,
    details: {},
  })
  const list = [step('EntryImport', 'import', 'success', 'Retrieved the user from the source tenant.')]
  if (outcome.status === 'skipped' && outcome.matched === 'none') {
    list.push(step('EntrySynchronizationScoping', 'scoping', 'skipped', outcome.description))
    return list
  }
  list.push(step('EntrySynchronizationScoping', 'scoping', 'success', 'The user is in scope.'))
  if (outcome.action !== 'delete' && outcome.action !== 'disable' && outcome.action !== 'stagedDelete')
    list.push(step('EntryMatching', 'matching', 'success', `Matching: ${outcome.matched}.`))
  list.push(
    step(
      'EntryExportUpdate',
      'export',
      outcome.status === 'failure' ? 'failure' : outcome.status === 'skipped' ? 'skipped' : 'success',
      outcome.description,
    ),
  )
  return list
}

export function logRecord(context: LogContext, outcome: Outcome): Json {
  const { config } = context
  const target = outcome.targetUser
  return {
    id: randomUUID(),
    activityDateTime: context.at.toISOString(),
    tenantId: config.sourceTenantId,
    jobId: config.jobId,
    cycleId: context.cycleId,
    changeId: randomUUID(),
    provisioningAction: outcome.action,
    durationInMilliseconds: 0,
    servicePrincipal: { id: config.spId, displayName: config.servicePrincipal.displayName ?? null },
    sourceSystem: { id: config.sourceTenantId, displayName: sourceDirectoryName, details: {} },
    targetSystem: {
      id: config.targetTenantId ?? null,
      displayName: targetDirectoryName,
      details: {
        ApplicationId: config.servicePrincipal.appId ?? null,
        ServicePrincipalId: config.spId,
        ServicePrincipalDisplayName: config.servicePrincipal.displayName ?? null,
        TargetTenantId: config.targetTenantId ?? null,
      },
    },
    initiatedBy: { id: '', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' },
    sourceIdentity: identity(outcome.sourceUser, outcome.sourceId),
    targetIdentity: identity(target, ''),
    provisioningStatusInfo: {
      status: outcome.status,
      errorInformation:
        outcome.error === undefined
          ? null
          : {
              errorCode: outcome.error.code,
              reason: outcome.error.message,
              additionalDetails: null,
              errorCategory: 'nonServiceFailure',
              recommendedAction: null,
            },
    },
    provisioningSteps: steps(outcome),
    modifiedProperties: outcome.changes.map((c) => ({ ...c })),
  }
}
