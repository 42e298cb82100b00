// The directory audit record that explains a drifted object: who changed it, when, and how. Records
// come per tenant from an AuditSource: Graph's /auditLogs/directoryAudits (AuditLog.Read.All), or a
// file of records by tenant alias (what tests and offline runs use). A record explains an object when
// one of its targets is the object, or names it in a modified property (a member removed from a group is
// recorded against the user, with Group.ObjectID); of those, a record whose modified properties name the
// drifted field wins, and the most recent one is shown.
import { isGuid, type TenantRef } from '../../resources/shared/tenantRef'

export interface AuditRecord {
  readonly id: string
  readonly activityDisplayName: string
  readonly activityDateTime: string
  readonly operationType?: string
  readonly result?: string
  readonly initiatedBy?: {
    readonly user?: {
      readonly userPrincipalName?: string | null
      readonly displayName?: string | null
    } | null
    readonly app?: { readonly displayName?: string | null; readonly appId?: string | null } | null
  }
  readonly targetResources?: readonly {
    readonly id?: string
    readonly modifiedProperties?: readonly {
      readonly displayName?: string
      readonly oldValue?: string | null
      readonly newValue?: string | null
    }[]
  }[]
}

/** The records of a tenant. */
export type AuditSource = (tenant: TenantRef) => Promise<readonly AuditRecord[]>

/** What the report shows of a record. */
export interface AuditView {
  readonly when: string
  /** A user's principal name, or `app <displayName> (<appId>)`. */
  readonly who: string
  readonly activity: string
  /** The modified properties the record lists, `name: old → new`. */
  readonly changes: readonly string[]
  readonly recordId: string
}

/** The Graph object ids of a resource id (`<tenantId>/groups/<id>`): its GUID segments after the tenant's. */
export const objectIdsOf = (resourceId: string): string[] =>
  resourceId
    .split('/')
    .slice(1)
    .filter((segment) => isGuid(segment))
    .map((id) => id.toLowerCase())

function who(record: AuditRecord): string {
  const user = record.initiatedBy?.user
  if (user?.userPrincipalName) return user.userPrincipalName
  if (user?.displayName) return user.displayName
  const app = record.initiatedBy?.app
  if (app?.displayName || app?.appId)
    return `app ${app.displayName ?? ''} (${app.appId ?? 'no appId'})`.trim()
  return 'unknown'
}

const mentions = (record: AuditRecord, ids: readonly string[]): boolean =>
  (record.targetResources ?? []).some(
    (t) =>
      ids.includes((t.id ?? '').toLowerCase()) ||
      (t.modifiedProperties ?? []).some((p) =>
        ids.some((id) => `${p.oldValue ?? ''} ${p.newValue ?? ''}`.toLowerCase().includes(id)),
      ),
  )

/** Whether a modified property of the record is the field (its first segment: userSyncInbound). */
const namesField = (record: AuditRecord, field: string): boolean =>
  (record.targetResources ?? []).some((t) =>
    (t.modifiedProperties ?? []).some(
      (p) => (p.displayName ?? '').toLowerCase() === (field.split(/[.[]/)[0] ?? field).toLowerCase(),
    ),
  )

/** The record that best explains a change of `field` on the object(s) `ids`, if any. */
export function explainingRecord(
  records: readonly AuditRecord[],
  ids: readonly string[],
  field: string,
): AuditView | undefined {
  if (ids.length === 0) return undefined
  const about = records.filter((r) => mentions(r, ids))
  const best = about.filter((r) => namesField(r, field))
  const pick = [...(best.length > 0 ? best : about)].sort((a, b) =>
    a.activityDateTime < b.activityDateTime ? 1 : a.activityDateTime > b.activityDateTime ? -1 : 0,
  )[0]
  if (pick === undefined) return undefined
  return {
    when: pick.activityDateTime,
    who: who(pick),
    activity: pick.activityDisplayName,
    changes: (pick.targetResources ?? []).flatMap((t) =>
      (t.modifiedProperties ?? []).map(
        (p) => `${p.displayName ?? '?'}: ${p.oldValue ?? 'null'} → ${p.newValue ?? 'null'}`,
      ),
    ),
    recordId: pick.id,
  }
}
