// What must hold before a cycle exports anything (graph-api.md §3.4, §3.8; peers-and-pain-points.md
// §4, items 3-4): the job has credentials naming a target, the target exists in the same cloud, the
// target allows inbound sync from the source, and automatic redemption is allowed on both sides. A
// failure puts the job in quarantine with the code the real service reports.
//
// UNCONFIRMED: the codes for missing credentials (CredentialsMissing) and for a target that is not
// found or is in another cloud (ExternalTenantNotFound, which the reference only quotes from
// cross-cloud reports) are the emulator's choices; the two policy codes are documented.
import type { Store } from '../store/store'
import { crossTenantSyncPolicyFailures } from '../graph/routes/syncCredentials'
import type { JobConfig } from './jobConfig'

export interface SyncError {
  readonly code: string
  readonly message: string
  readonly tenantActionable: boolean
}

export const syncErrorCodes = {
  credentialsMissing: 'CredentialsMissing',
  tenantNotFound: 'ExternalTenantNotFound',
  inboundSyncNotAllowed: 'AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure',
  autoRedemptionNotAllowed: 'AzureDirectoryB2BManagementPolicyCheckFailure',
} as const

/** The first failed precondition of the job, or undefined when a cycle may run. */
export function checkPreconditions(store: Store, config: JobConfig): SyncError | undefined {
  const authentication = config.secrets.get('AuthenticationType')
  if (config.targetTenantId === undefined || authentication !== 'SyncPolicy')
    return {
      code: syncErrorCodes.credentialsMissing,
      message:
        config.secrets.size === 0
          ? 'The provisioning configuration has no credentials: PUT the synchronization secrets (AuthenticationType SyncPolicy and CompanyId, the target tenant id).'
          : `The credentials must hold AuthenticationType 'SyncPolicy' and CompanyId, the target tenant id; they hold ${[...config.secrets.keys()].join(', ')}.`,
      tenantActionable: true,
    }
  const source = store.getTenant(config.sourceTenantId)
  const target = store.getTenant(config.targetTenantId)
  if (target === undefined || source === undefined || target.cloud !== source.cloud)
    return {
      code: syncErrorCodes.tenantNotFound,
      message:
        target === undefined
          ? `The target tenant ${config.targetTenantId} was not found.`
          : `The target tenant ${target.id} is in the ${target.cloud} cloud and the source in ${String(source?.cloud)}: cross-cloud synchronization is not supported here; invite users across clouds instead.`,
      tenantActionable: true,
    }
  const failures = crossTenantSyncPolicyFailures(store, config.sourceTenantId, config.targetTenantId)
  const inbound = failures.find((f) => f.code === 'TargetInboundSyncNotAllowed')
  if (inbound !== undefined)
    return {
      code: syncErrorCodes.inboundSyncNotAllowed,
      message: `The target tenant's cross-tenant access policy does not allow user synchronization from this tenant. ${inbound.message}`,
      tenantActionable: true,
    }
  if (failures.length > 0)
    return {
      code: syncErrorCodes.autoRedemptionNotAllowed,
      message: `Policy permitting auto-redemption of invitations not configured. ${failures.map((f) => f.message).join(' ')}`,
      tenantActionable: true,
    }
  return undefined
}
