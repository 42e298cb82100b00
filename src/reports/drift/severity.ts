// How much a drifted field matters, so the report puts first what an on-call engineer must look at:
// - high: who may come in and how far they are trusted (partner trust, consent, B2B and inbound sync
//   allowances, defaults, cloud endpoints), who may manage the scoping groups (the restricted unit, the
//   stack's role), whether synchronization runs at all, and any object deleted by hand;
// - medium: who is synchronized and how (scoping-group members, scope assignments, sync secrets and
//   mappings, invitations, the multitenant organization);
// - low: names and descriptions.

export type Severity = 'high' | 'medium' | 'low'

export const severityOrder: readonly Severity[] = ['high', 'medium', 'low']

interface Rule {
  readonly kind: string
  /** The field's first segment; '*' for any. */
  readonly field: string
  readonly severity: Severity
  readonly why: string
}

const rules: readonly Rule[] = [
  { kind: '*', field: 'displayName', severity: 'low', why: 'a name' },
  { kind: '*', field: 'description', severity: 'low', why: 'a description' },
  {
    kind: 'PartnerAccess',
    field: 'inboundTrust',
    severity: 'high',
    why: 'which claims of the partner are trusted',
  },
  {
    kind: 'PartnerAccess',
    field: 'automaticUserConsentSettings',
    severity: 'high',
    why: 'automatic redemption',
  },
  { kind: 'PartnerAccess', field: '*', severity: 'high', why: 'B2B access with the partner' },
  { kind: 'IdentitySync', field: '*', severity: 'high', why: 'whether the partner may sync users in' },
  { kind: 'AccessDefaults', field: '*', severity: 'high', why: 'the defaults for every other tenant' },
  { kind: 'AllowedCloudEndpoints', field: '*', severity: 'high', why: 'which clouds may collaborate' },
  {
    kind: 'AdministrativeUnit',
    field: 'isMemberManagementRestricted',
    severity: 'high',
    why: 'who may change the scoping groups',
  },
  {
    kind: 'UnitRoleAssignment',
    field: '*',
    severity: 'high',
    why: "the stack's role over the scoping groups",
  },
  { kind: 'SyncStart', field: 'started', severity: 'high', why: 'whether synchronization runs' },
  {
    kind: 'SyncConfiguration',
    field: 'secrets',
    severity: 'medium',
    why: 'the target tenant and scope of synchronization',
  },
  {
    kind: 'SyncConfiguration',
    field: 'schema',
    severity: 'medium',
    why: 'what synced users become in the target',
  },
  { kind: 'ScopingGroup', field: 'members', severity: 'medium', why: 'who is synchronized' },
  { kind: 'SyncScopeAssignment', field: '*', severity: 'medium', why: 'who is synchronized' },
]

/** The severity of a drifted field of a resource kind, and why. */
export function severityOf(kind: string, path: string): { severity: Severity; why: string } {
  const field = path.split(/[.[]/)[0] ?? path
  const rule =
    rules.find((r) => r.kind === kind && r.field === field) ??
    rules.find((r) => r.kind === '*' && r.field === field) ??
    rules.find((r) => r.kind === kind && r.field === '*')
  return rule ?? { severity: 'medium', why: 'a managed setting' }
}

/** A resource deleted by hand: everything it held is gone. */
export const goneSeverity = { severity: 'high' as Severity, why: 'the object was deleted' }
