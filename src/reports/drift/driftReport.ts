// The drift report's model: what someone changed by hand since the last `up`, from
// `pulumi preview --refresh --json` of a stack. The refresh reads every object; where the live value
// differs from the topology's, the preview plans an update (or a create, for an object deleted by hand).
// Each drifted field is listed with its tenant, object, desired and live values, a severity (trust and
// sync allowances first, severity.ts) and, when an audit source is given, the directory audit record
// that explains it. A replacement the preview plans only because an updated object's id is unknown in
// preview (previewSteps.ts) is not drift: its live and desired values agree.
import type { TenantRef } from '../../resources/shared/tenantRef'
import { jsonEqual } from '../../topology/plan/fieldChanges'
import { compareStrings } from '../../topology/plan/keys'
import { stepsWithInputs, unknownValue, valueAt, type StepWithInputs } from '../plan/previewSteps'
import { explainingRecord, objectIdsOf, type AuditSource, type AuditView } from './audit'
import { goneSeverity, severityOf, severityOrder, type Severity } from './severity'

export interface DriftItem {
  readonly severity: Severity
  /** Why that severity: what the field governs. */
  readonly why: string
  /** The tenant the object lives in (its alias). */
  readonly tenant: string
  /** The resource: its plan key, kind and id. */
  readonly resource: string
  readonly kind: string
  readonly id?: string
  /** The field (a Pulumi property path); `(object)` when the object itself is gone. */
  readonly field: string
  readonly desired?: unknown
  readonly live?: unknown
  readonly audit?: AuditView
}

export interface DriftReport {
  readonly summary: {
    readonly drifted: number
    readonly resources: number
    readonly bySeverity: Readonly<Record<Severity, number>>
    /** Whether audit records were looked up (with a source) at all. */
    readonly auditLookedUp: boolean
  }
  /** Sorted by severity, then tenant, resource and field. */
  readonly items: readonly DriftItem[]
  /** Tenants whose audit records could not be read, with why (the report is still made). */
  readonly auditErrors: readonly { readonly tenant: string; readonly error: string }[]
}

/** A list's drift reads as the two lists: `members[1]` becomes `members`. */
const fieldOf = (path: string): string => path.replace(/\[\d+\].*$/, '')
function itemsOf({ step, before: live, after: desired }: StepWithInputs): Omit<DriftItem, 'audit'>[] {
  const tenant = step.key.split('/')[0]!
  const base = {
    tenant,
    resource: step.key,
    kind: step.kind,
    ...(step.id === undefined ? {} : { id: step.id }),
  }
  if (step.op === 'create') return [{ ...base, ...goneSeverity, field: '(object)' }]
  const fields = [...new Set(step.fields.map((f) => fieldOf(f.path)))]
  return fields
    .map((field) => ({
      ...base,
      ...severityOf(step.kind, field),
      field,
      desired: valueAt(desired, field),
      live: valueAt(live, field),
    }))
    .filter((item) => item.desired !== unknownValue && !jsonEqual(item.desired, item.live))
}

export async function buildDriftReport(
  digest: unknown,
  file: string,
  audit?: AuditSource,
): Promise<DriftReport> {
  // In a refresh preview a drifted resource is planned for update (live before, desired after), and one
  // deleted by hand for creation.
  const steps = stepsWithInputs(digest, file).filter(({ step }) =>
    ['update', 'create', 'replace'].includes(step.op),
  )
  const found = steps.flatMap(itemsOf)
  // Each drifted tenant's reference (alias, id, cloud), as its resources carry it.
  const refs = new Map<string, TenantRef>()
  for (const { before, after } of steps) {
    const tenant = (after.tenant ?? before.tenant) as TenantRef | undefined
    if (typeof tenant === 'object' && tenant !== null) refs.set(tenant.alias, tenant)
  }
  const records = new Map<string, Awaited<ReturnType<AuditSource>>>()
  const auditErrors: { tenant: string; error: string }[] = []
  if (audit !== undefined)
    for (const tenant of [...new Set(found.map((i) => i.tenant))].sort())
      try {
        const ref = refs.get(tenant)
        if (ref === undefined) throw new Error('its tenant id is not in the preview')
        records.set(tenant, await audit(ref))
      } catch (error) {
        auditErrors.push({ tenant, error: error instanceof Error ? error.message : String(error) })
      }
  const items: DriftItem[] = found
    .map((item) => {
      const view = explainingRecord(records.get(item.tenant) ?? [], objectIdsOf(item.id ?? ''), item.field)
      return view === undefined ? item : { ...item, audit: view }
    })
    .sort(
      (a, b) =>
        severityOrder.indexOf(a.severity) - severityOrder.indexOf(b.severity) ||
        compareStrings(a.tenant, b.tenant) ||
        compareStrings(a.resource, b.resource) ||
        compareStrings(a.field, b.field),
    )
  const bySeverity = { high: 0, medium: 0, low: 0 }
  for (const item of items) bySeverity[item.severity]++
  return {
    summary: {
      drifted: items.length,
      resources: new Set(items.map((i) => i.resource)).size,
      bySeverity,
      auditLookedUp: audit !== undefined,
    },
    items,
    auditErrors,
  }
}
