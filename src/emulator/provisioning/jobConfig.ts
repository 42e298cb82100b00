// What one synchronization job is configured to do, read from the stores the synchronization routes
// write (graph/routes/syncShapes.ts): the secrets (target tenant, scope, deletion threshold) and the
// job's schema (object mapping, flow types, scoping filter, attribute mappings).
import type { Store } from '../store/store'
import type { Json, TenantStore } from '../store/tenantStore'
import { servicePrincipalKind } from '../graph/routes/appShapes'
import {
  syncJobKey,
  syncSchemaKind,
  syncSecretsKind,
  type SyncJobRecord,
  type SyncSecrets,
} from '../graph/routes/syncShapes'

/** The portal's default accidental-deletion threshold (graph-api.md §3.3). */
export const defaultDeleteThreshold = 500

export type FlowType = 'Add' | 'Update' | 'Delete'

export interface JobConfig {
  readonly sourceTenantId: string
  readonly servicePrincipal: Json
  readonly spId: string
  readonly jobId: string
  readonly record: SyncJobRecord
  readonly secrets: ReadonlyMap<string, string>
  /** CompanyId, lower-cased, or undefined when the secrets do not name one. */
  readonly targetTenantId: string | undefined
  /** SyncAll 'true': every internal member is in scope; otherwise only assigned users and direct members of assigned groups. */
  readonly syncAll: boolean
  /** The threshold when DeleteThresholdEnabled is true, else undefined. */
  readonly deleteThreshold: number | undefined
  /** The User object mapping of the job's one rule. */
  readonly mapping: {
    readonly enabled: boolean
    readonly flowTypes: ReadonlySet<FlowType>
    readonly scope: Json | null
    readonly attributeMappings: readonly Json[]
  }
}

function notificationSettings(secrets: ReadonlyMap<string, string>): Json {
  const text = secrets.get('SyncNotificationSettings')
  if (text === undefined) return {}
  try {
    const parsed = JSON.parse(text) as unknown
    return typeof parsed === 'object' && parsed !== null ? (parsed as Json) : {}
  } catch {
    // The secrets route keeps any string; an unreadable value leaves notifications and the threshold off.
    return {}
  }
}

export function readJobConfig(store: Store, sourceTenantId: string, record: SyncJobRecord): JobConfig {
  const tenant: TenantStore = store.tenant(sourceTenantId)
  const spId = record.servicePrincipalId
  const jobId = String(record.job.id)
  const pairs = tenant.get<SyncSecrets>(syncSecretsKind, spId)?.value ?? []
  const secrets = new Map(pairs.map((p) => [p.key, p.value]))
  const settings = notificationSettings(secrets)
  const threshold = settings.DeleteThresholdValue
  const schema = tenant.get<Json>(syncSchemaKind, syncJobKey(spId, jobId))
  const rule = (schema?.synchronizationRules as Json[] | undefined)?.[0]
  const objectMapping = (rule?.objectMappings as Json[] | undefined)?.[0] ?? {}
  const flags = (typeof objectMapping.flowTypes === 'string' ? objectMapping.flowTypes : '')
    .split(',')
    .map((f) => f.trim())
    .filter((f): f is FlowType => f === 'Add' || f === 'Update' || f === 'Delete')
  return {
    sourceTenantId,
    servicePrincipal: tenant.get<Json>(servicePrincipalKind, spId) ?? { id: spId },
    spId,
    jobId,
    record,
    secrets,
    targetTenantId: secrets.get('CompanyId')?.toLowerCase(),
    syncAll: secrets.get('SyncAll')?.toLowerCase() === 'true',
    deleteThreshold:
      settings.DeleteThresholdEnabled === true
        ? typeof threshold === 'number' && Number.isInteger(threshold) && threshold > 0
          ? threshold
          : defaultDeleteThreshold
        : undefined,
    mapping: {
      enabled: objectMapping.enabled !== false,
      flowTypes: new Set(flags),
      scope: (objectMapping.scope as Json | null | undefined) ?? null,
      attributeMappings: (objectMapping.attributeMappings as Json[] | undefined) ?? [],
    },
  }
}
