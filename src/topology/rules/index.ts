// The one table of semantic rules (guardrails), in the order they run. Each rule lives in its own
// module with its test beside it; README "The topology file" lists them. ruleCatalog adds the ids
// the schema check reports itself, so the catalog names every id a diagnostic can carry besides
// the generic schema-* and TOPO-* ones.
import type { Severity } from '../diagnostics'
import { automaticRedemptionOff } from './automaticRedemptionOff'
import { crossCloudEndpoints } from './crossCloudEndpoints'
import { crossCloudSync } from './crossCloudSync'
import { deletionThresholdOff } from './deletionThresholdOff'
import { deprovisionNone } from './deprovisionNone'
import { duplicatePair } from './duplicatePair'
import { duplicateTenantId } from './duplicateTenantId'
import { groupMemberDomain } from './groupMemberDomain'
import { groupNotRestricted } from './groupNotRestricted'
import { guestInMto } from './guestInMto'
import { hubNotMember } from './hubNotMember'
import { invitationDuplicate } from './invitationDuplicate'
import { invitationSelf } from './invitationSelf'
import { mfaTrustOff } from './mfaTrustOff'
import { mtoCloud } from './mtoCloud'
import { mtoSize } from './mtoSize'
import { partnerPolicyNearLimit, partnerPolicySize } from './partnerPolicySize'
import type { Rule } from './rule'
import { scopeAllUsers } from './scopeAllUsers'
import { scopeEmpty } from './scopeEmpty'
import { scopeGroupUnknown } from './scopeGroupUnknown'
import { scopeMissing } from './scopeMissing'
import { scopeUnused } from './scopeUnused'
import { selfPair } from './selfPair'
import { syncAndInvitation } from './syncAndInvitation'
import { syncSettingIgnored } from './syncSettingIgnored'
import { syncUnsupportedCloud } from './syncUnsupportedCloud'
import { unknownTenant } from './unknownTenant'

export const rules: readonly Rule[] = [
  // references and identity
  unknownTenant,
  duplicateTenantId,
  // the shape of sync
  selfPair,
  duplicatePair,
  hubNotMember,
  syncSettingIgnored,
  // clouds
  crossCloudSync,
  syncUnsupportedCloud,
  crossCloudEndpoints,
  mtoCloud,
  mtoSize,
  // who is synced
  scopeMissing,
  scopeEmpty,
  scopeUnused,
  scopeGroupUnknown,
  scopeAllUsers,
  groupNotRestricted,
  groupMemberDomain,
  // how synced users land
  guestInMto,
  mfaTrustOff,
  automaticRedemptionOff,
  deprovisionNone,
  deletionThresholdOff,
  // invitations
  invitationDuplicate,
  invitationSelf,
  syncAndInvitation,
  // Graph limits
  partnerPolicySize,
  partnerPolicyNearLimit,
]

export interface CatalogEntry {
  readonly id: string
  readonly severity: Severity
  readonly title: string
  /** `rule`: a semantic rule of the table above; `schema`: reported by schemaCheck.ts. */
  readonly reportedBy: 'rule' | 'schema'
}

/** Every guardrail id with its severity and title, for the README and `validate --format json` readers. */
export const ruleCatalog: readonly CatalogEntry[] = [
  ...rules.map(({ id, severity, title }): CatalogEntry => ({ id, severity, title, reportedBy: 'rule' })),
  { id: 'tenant-id-invalid', severity: 'error', title: 'A tenantId is not a GUID', reportedBy: 'schema' },
  { id: 'email-invalid', severity: 'error', title: 'An e-mail address is malformed', reportedBy: 'schema' },
]
