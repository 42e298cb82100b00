// Synchronization state of a service principal (graph-api.md §3.3-§3.7) and the shapes the
// synchronization routes share. The provisioning engine reads and updates these store kinds:
//
// - kind 'sync.secrets', id = service principal id:
//     { servicePrincipalId: string, value: [{ key: SecretKey, value: string }] }
//   Values are stored in clear (GET masks the sensitive ones); each PUT replaces the whole set.
//   CTS keys: AuthenticationType 'SyncPolicy', CompanyId = target tenant id, SyncAll 'true'|'false',
//   SyncNotificationSettings = a JSON *string* {Enabled, Recipients?, DeleteThresholdEnabled,
//   DeleteThresholdValue?, HumanResourcesLookaheadQueryEnabled} (threshold default 500 when absent).
// - kind 'sync.job', id = `${spId}:${jobId}`:
//     { servicePrincipalId: string, job: SynchronizationJob, pendingRestart: PendingRestart | null,
//       activatedDateTime?: ISO string of the last start or restart (the engine's first cycle follows it) }
//   `job` is the Graph synchronizationJob exactly as GET shows it ({id, templateId, schedule {expiration,
//   interval, state}, status {...§3.6}, synchronizationJobSettings}). The routes set schedule.state
//   (Disabled at birth and after pause, Active after start and restart), status.code (Paused at birth
//   and after pause; NotRun after start or restart until a cycle ran, Active after) and clear
//   status.quarantine on start (and on restart with QuarantineState or Full). The engine owns
//   lastExecution*, progress, synchronizedEntryCountByType, countSuccessiveCompleteFailures,
//   escrowsPruned, steadyState*, quarantine and the Quarantine code. An unset time is
//   '0001-01-01T00:00:00Z'; after start, lastExecution is a placeholder whose timeBegan is that value.
//   `pendingRestart` records the last restart for the engine to honour on its next cycle, then clear:
//     { resetScope: ResetScope[] (never empty; an empty criteria means Escrows, Watermark,
//       QuarantineState), requestedDateTime: ISO string }
// - kind 'sync.schema', id = `${spId}:${jobId}`: the Graph synchronizationSchema exactly as GET shows
//   it ({id = jobId, version, synchronizationRules, directories}); see defaultSyncSchema.ts.
import { randomBytes } from 'node:crypto'
import { graphErrors } from '../../errors'
import type { Json } from '../../store/tenantStore'
import type { GraphContext } from '../context'
import { ownedBy, requireServicePrincipal } from './appShapes'
import { ctsTemplateId } from './ctsTemplate'

export const syncSecretsKind = 'sync.secrets'
export const syncJobKind = 'sync.job'
export const syncSchemaKind = 'sync.schema'
export const syncJobKey = (spId: string, jobId: string): string => `${spId}:${jobId}`

export const syncReadPermissions = ['Synchronization.Read.All', ownedBy, 'Synchronization.ReadWrite.All']
export const syncWritePermissions = [ownedBy, 'Synchronization.ReadWrite.All']

/** Audit records of configuration changes, as the provisioning service logs them (§3.9; names UNCONFIRMED). */
export const provisioningAudit = {
  category: 'ProvisioningManagement',
  loggedByService: 'Account Provisioning',
}

export const unsetTime = '0001-01-01T00:00:00Z'
export const ctsTemplateName = 'Azure2Azure'

export const secretKeys = [
  'None', 'UserName', 'Password', 'SecretToken', 'AppKey', 'BaseAddress', 'ClientIdentifier', 'ClientSecret',
  'SingleSignOnType', 'Sandbox', 'Url', 'Domain', 'ConsumerKey', 'ConsumerSecret', 'TokenKey', 'TokenExpiration',
  'Oauth2AccessToken', 'Oauth2AccessTokenCreationTime', 'Oauth2RefreshToken', 'SyncAll', 'InstanceName',
  'Oauth2ClientId', 'Oauth2ClientSecret', 'CompanyId', 'UpdateKeyOnSoftDelete', 'SynchronizationSchedule',
  'SystemOfRecord', 'SandboxName', 'EnforceDomain', 'SyncNotificationSettings', 'SkipOutOfScopeDeletions',
  'Oauth2AuthorizationCode', 'Oauth2RedirectUri', 'ApplicationTemplateIdentifier', 'Oauth2TokenExchangeUri',
  'Oauth2AuthorizationUri', 'AuthenticationType', 'Server', 'PerformInboundEntitlementGrants',
  'HardDeletesEnabled', 'SyncAgentCompatibilityKey', 'SyncAgentADContainer', 'ValidateDomain', 'TestReferences',
  'ConnectionString',
] as const // prettier-ignore
export type SecretKey = (typeof secretKeys)[number]

/** Keys whose values GET masks as "*" (passwords, tokens, keys; which ones exactly is UNCONFIRMED). */
export const sensitiveSecretKeys: ReadonlySet<string> = new Set([
  'Password',
  'SecretToken',
  'AppKey',
  'ClientSecret',
  'ConsumerSecret',
  'TokenKey',
  'Oauth2AccessToken',
  'Oauth2RefreshToken',
  'Oauth2ClientSecret',
  'Oauth2AuthorizationCode',
  'ConnectionString',
])

export const resetScopes = [
  'None',
  'ConnectorDataStore',
  'Escrows',
  'Watermark',
  'QuarantineState',
  'Full',
  'ForceDeletes',
] as const
export type ResetScope = (typeof resetScopes)[number]

export interface SecretPair extends Json {
  key: string
  value: string
}

export interface SyncSecrets extends Json {
  servicePrincipalId: string
  value: SecretPair[]
}

export interface PendingRestart extends Json {
  resetScope: ResetScope[]
  requestedDateTime: string
}

export interface SyncJobRecord extends Json {
  servicePrincipalId: string
  job: Json
  pendingRestart: PendingRestart | null
  /** The last start or restart, from which the engine schedules the next cycle (provisioning/engine.ts). */
  activatedDateTime?: string
  /** When the engine's last cycle ended and when the next is due (kept here, not in the connector state,
   * so the scheduler's check every second reads only this small record). */
  lastCycleEnded?: string
  nextRunAt?: string
}

/** The service principal of a synchronization route (404 when missing; OwnedBy callers must own it). */
export function requireSyncSp(ctx: GraphContext, permissions: readonly string[]): Json {
  return requireServicePrincipal(ctx, ctx.params.id!, permissions)
}

export const isCtsServicePrincipal = (sp: Json): boolean =>
  typeof sp.applicationTemplateId === 'string' && sp.applicationTemplateId.toLowerCase() === ctsTemplateId

/** GET .../synchronization/templates: Azure2Azure on a CTS service principal, nothing elsewhere. */
export function syncTemplates(sp: Json): Json[] {
  if (!isCtsServicePrincipal(sp)) return []
  return [
    {
      id: ctsTemplateName,
      applicationId: sp.appId,
      default: true,
      description: null,
      discoverable: true,
      factoryTag: ctsTemplateName,
      metadata: [{ key: 'GalleryApplicationIdentifier', value: ctsTemplateId }],
    },
  ]
}

/** The job id format real CTS jobs show (UNCONFIRMED): template, tenant id without dashes, 32 hex digits. */
export function newJobId(tenantId: string): string {
  return `${ctsTemplateName}.${tenantId.replace(/-/g, '').toLowerCase()}.${randomBytes(16).toString('hex')}`
}

/** A job right after POST (§3.5): disabled, paused, PT40M, unset times as 0001-01-01. */
export function newJob(id: string): Json {
  return {
    id,
    templateId: ctsTemplateName,
    schedule: { expiration: null, interval: 'PT40M', state: 'Disabled' },
    status: {
      code: 'Paused',
      countSuccessiveCompleteFailures: 0,
      escrowsPruned: false,
      lastExecution: null,
      lastSuccessfulExecution: null,
      lastSuccessfulExecutionWithExports: null,
      quarantine: null,
      steadyStateFirstAchievedTime: unsetTime,
      steadyStateLastAchievedTime: unsetTime,
      troubleshootingUrl: null,
      progress: [],
      synchronizedEntryCountByType: [],
    },
    synchronizationJobSettings: [
      { name: 'AzureIngestionAttributeOptimization', value: 'False' },
      { name: 'LookaheadQueryEnabled', value: 'False' },
    ],
  }
}

/** The lastExecution placeholder the documented example shows after start (§3.5). */
export function placeholderExecution(): Json {
  return {
    activityIdentifier: null,
    countEntitled: 0,
    countEntitledForProvisioning: 0,
    countEscrowed: 0,
    countEscrowedRaw: 0,
    countExported: 0,
    countExports: 0,
    countImported: 0,
    countImportedDeltas: 0,
    countImportedReferenceDeltas: 0,
    error: { code: 'None', message: '', tenantActionable: false },
    state: 'Failed',
    timeBegan: unsetTime,
    timeEnded: unsetTime,
  }
}

/** The job record of the route's {jobId} on the route's service principal, or 404. */
export function requireJob(ctx: GraphContext, spId: string): SyncJobRecord {
  const jobId = ctx.params.jobId!
  const record = ctx.store.get<SyncJobRecord>(syncJobKind, syncJobKey(spId, jobId))
  if (record === undefined) throw graphErrors.notFound(jobId)
  return record
}

export function storedSecrets(ctx: GraphContext, spId: string): SecretPair[] {
  return ctx.store.get<SyncSecrets>(syncSecretsKind, spId)?.value ?? []
}
