// Directory audit records (graph-api.md §7.12) for every change a Graph call makes, in the tenant
// where it happens, with the calling app as initiator.
import { randomUUID } from 'node:crypto'
import type { TenantStore } from '../store/tenantStore'
import type { GraphContext } from './context'

export interface ModifiedProperty {
  readonly displayName: string
  readonly oldValue: string | null
  readonly newValue: string | null
}

export interface AuditEntry {
  readonly category: string
  readonly activityDisplayName: string
  readonly operationType: 'Add' | 'Update' | 'Delete' | 'Assign' | 'Unassign' | 'Restore'
  readonly target: { readonly id: string; readonly displayName?: string | null; readonly type: string }
  readonly modifiedProperties?: readonly ModifiedProperty[]
  readonly loggedByService?: string
}

export function recordAudit(ctx: GraphContext, entry: AuditEntry): void {
  appendAudit(ctx.store, entry, {
    correlationId: ctx.requestId,
    at: ctx.clock.now(),
    initiatedBy: {
      user: null,
      app: {
        appId: ctx.caller.appId,
        displayName: ctx.caller.appDisplayName,
        servicePrincipalId: ctx.caller.servicePrincipalId,
        servicePrincipalName: null,
      },
    },
  })
}

export interface AuditOrigin {
  readonly correlationId: string
  readonly at: Date
  /** Graph's auditActivityInitiator: {user, app}. */
  readonly initiatedBy: Readonly<Record<string, unknown>>
}

/** Appends a directoryAudit record to a tenant's log; recordAudit for Graph calls, the provisioning engine directly. */
export function appendAudit(store: TenantStore, entry: AuditEntry, origin: AuditOrigin): void {
  store.appendAudit({
    id: `Directory_${randomUUID()}`,
    category: entry.category,
    correlationId: origin.correlationId,
    result: 'success',
    resultReason: '',
    activityDisplayName: entry.activityDisplayName,
    activityDateTime: origin.at.toISOString(),
    loggedByService: entry.loggedByService ?? 'Core Directory',
    operationType: entry.operationType,
    initiatedBy: origin.initiatedBy,
    targetResources: [
      {
        id: entry.target.id,
        displayName: entry.target.displayName ?? null,
        type: entry.target.type,
        userPrincipalName: null,
        groupType: null,
        modifiedProperties: (entry.modifiedProperties ?? []).map((p) => ({ ...p })),
      },
    ],
    additionalDetails: [],
  })
}

/** JSON text of a value for modifiedProperties, as the audit log shows it. */
export const auditValue = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(value)

type Values = Readonly<Record<string, unknown>>

/**
 * One modified property per name (by default every property of `after`, in its order): the value
 * in `before` (null when there is no before, as for an added object) and the value in `after`.
 */
export function modifiedProperties(
  before: Values | undefined,
  after: Values,
  names: readonly string[] = Object.keys(after),
): ModifiedProperty[] {
  return names.map((name) => ({
    displayName: name,
    oldValue: auditValue(before?.[name]),
    newValue: auditValue(after[name]),
  }))
}
