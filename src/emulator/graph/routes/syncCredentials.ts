// validateCredentials, collection-bound (before a job exists) and job-bound (graph-api.md §3.4). For
// cross-tenant sync it checks what the real service checks across the two tenants: automatic
// redemption on both sides (source partner entry for the target: outboundAllowed; target partner entry
// for the source: inboundAllowed) and that the target allows inbound sync from the source.
//
// LIMITATIONS (UNCONFIRMED in the reference):
// - A failed policy check answers 400 with error.code AzureDirectoryB2BManagementPolicyCheckFailure and
//   the documented message "Policy permitting auto-redemption of invitations not configured."; the
//   status and envelope are guesses. error.details names each failed check (the emulator's own codes:
//   SourceOutboundAutoRedemptionNotAllowed, TargetInboundAutoRedemptionNotAllowed,
//   TargetInboundSyncNotAllowed, TargetTenantNotFound). The same error is used when the target does not
//   allow inbound sync or does not exist, which Graph may word differently.
// - Missing CompanyId, an AuthenticationType other than SyncPolicy, a templateId that is not the
//   service principal's (or the job's), and an applicationIdentifier other than the appId answer 400
//   Request_BadRequest with the emulator's messages.
// - An automaticUserConsentSettings member that is null inherits /default, which is always false, so
//   it fails the check.
import { GraphError, graphErrors, type ErrorDetail } from '../../errors'
import type { Store } from '../../store/store'
import type { Json } from '../../store/tenantStore'
import type { GraphContext, GraphRoute } from '../context'
import { noContent } from '../replies'
import { checkBoolean, fail, onlyKnownProperties, requireObject } from '../validate'
import { checkSecretPairs } from './syncSecrets'
import {
  requireJob,
  requireSyncSp,
  storedSecrets,
  syncTemplates,
  syncWritePermissions,
  type SecretPair,
} from './syncShapes'
import { identitySyncKind, partnerKind } from './xtapShapes'

export const policyCheckFailureCode = 'AzureDirectoryB2BManagementPolicyCheckFailure'
export const policyCheckFailureMessage = 'Policy permitting auto-redemption of invitations not configured.'

const consent = (partner: Json | undefined, member: 'inboundAllowed' | 'outboundAllowed'): boolean =>
  (partner?.automaticUserConsentSettings as Json | null | undefined)?.[member] === true

/**
 * The failed cross-tenant checks between a source tenant and the target, empty when all pass. The
 * provisioning engine runs the same checks before every cycle (provisioning/preconditions.ts).
 */
export function crossTenantSyncPolicyFailures(
  tenants: Store,
  sourceTenantId: string,
  targetTenantId: string,
): ErrorDetail[] {
  const sourceId = sourceTenantId.toLowerCase()
  const targetId = targetTenantId.toLowerCase()
  const failures: ErrorDetail[] = []
  if (!consent(tenants.tenant(sourceId).get<Json>(partnerKind, targetId), 'outboundAllowed'))
    failures.push({
      code: 'SourceOutboundAutoRedemptionNotAllowed',
      message: `The source tenant's partner configuration for ${targetId} does not set automaticUserConsentSettings.outboundAllowed to true.`,
      target: sourceId,
    })
  if (tenants.getTenant(targetId) === undefined) {
    failures.push({
      code: 'TargetTenantNotFound',
      message: `No tenant ${targetId} exists.`,
      target: targetId,
    })
    return failures
  }
  const target = tenants.tenant(targetId)
  if (!consent(target.get<Json>(partnerKind, sourceId), 'inboundAllowed'))
    failures.push({
      code: 'TargetInboundAutoRedemptionNotAllowed',
      message: `The target tenant's partner configuration for ${sourceId} does not set automaticUserConsentSettings.inboundAllowed to true.`,
      target: targetId,
    })
  const sync = target.get<Json>(identitySyncKind, sourceId)
  if ((sync?.userSyncInbound as Json | null | undefined)?.isSyncAllowed !== true)
    failures.push({
      code: 'TargetInboundSyncNotAllowed',
      message: `The target tenant does not allow inbound user sync from ${sourceId} (identitySynchronization.userSyncInbound.isSyncAllowed).`,
      target: targetId,
    })
  return failures
}

function validate(ctx: GraphContext, sp: Json, expectedTemplate: string | undefined): void {
  const body = requireObject(ctx.body, 'validateCredentials')
  onlyKnownProperties(
    body,
    ['applicationIdentifier', 'templateId', 'useSavedCredentials', 'credentials'],
    'validateCredentials',
  )
  if (body.useSavedCredentials !== undefined) checkBoolean(body.useSavedCredentials, 'useSavedCredentials')
  const appIdentifier = body.applicationIdentifier
  if (appIdentifier !== undefined) {
    if (typeof appIdentifier !== 'string') fail('applicationIdentifier', appIdentifier, 'a string')
    if (appIdentifier.toLowerCase() !== String(sp.appId).toLowerCase())
      throw graphErrors.badRequest(
        `The applicationIdentifier must be this service principal's appId ('${String(sp.appId)}').`,
      )
  }
  const templates = syncTemplates(sp).map((t) => String(t.id))
  if (expectedTemplate === undefined && body.templateId === undefined)
    throw graphErrors.badRequest("The parameter 'templateId' is required before a job exists.")
  const templateId = body.templateId
  if (templateId !== undefined) {
    if (typeof templateId !== 'string') fail('templateId', templateId, 'a string')
    const allowed = expectedTemplate === undefined ? templates : [expectedTemplate]
    if (!allowed.includes(templateId))
      throw graphErrors.badRequest(
        `The template '${templateId}' is not one of ${allowed.join(', ') || 'no templates'}.`,
      )
  }
  let pairs: SecretPair[]
  if (body.useSavedCredentials === true) pairs = storedSecrets(ctx, String(sp.id))
  else {
    if (body.credentials === undefined)
      throw graphErrors.badRequest(
        "The parameter 'credentials' is required unless useSavedCredentials is true.",
      )
    pairs = checkSecretPairs(body.credentials, 'credentials')
  }
  const find = (key: string): string | undefined => pairs.find((p) => p.key === key)?.value
  const companyId = find('CompanyId')
  if (companyId === undefined)
    throw graphErrors.badRequest('The credentials must include CompanyId, the target tenant id.')
  if (find('AuthenticationType') !== 'SyncPolicy')
    throw graphErrors.badRequest(
      "Cross-tenant synchronization credentials must include AuthenticationType 'SyncPolicy'.",
    )
  const failures = crossTenantSyncPolicyFailures(ctx.allTenants, ctx.tenant.id, companyId)
  if (failures.length > 0)
    throw new GraphError(400, policyCheckFailureCode, policyCheckFailureMessage, failures)
}

const jobs = '/servicePrincipals/{id}/synchronization/jobs'

export const syncCredentialRoutes: GraphRoute[] = [
  {
    method: 'POST',
    path: `${jobs}/validateCredentials`,
    permissions: syncWritePermissions,
    handle: (ctx) => {
      validate(ctx, requireSyncSp(ctx, syncWritePermissions), undefined)
      return noContent()
    },
  },
  {
    method: 'POST',
    path: `${jobs}/{jobId}/validateCredentials`,
    permissions: syncWritePermissions,
    handle: (ctx) => {
      const sp = requireSyncSp(ctx, syncWritePermissions)
      const record = requireJob(ctx, String(sp.id))
      validate(ctx, sp, String(record.job.templateId))
      return noContent()
    },
  },
]
