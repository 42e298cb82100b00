// Admin API routes contributed by Graph areas (bulk users, groups, ...). Each area exports one
// AdminExtension from its own module under admin/ and adds it to the list below.
import type { Store, TenantRecord } from '../store/store'
import type { Clock } from '../clock'
import { usersAdmin } from './usersAdmin'
import { mtoAdmin } from './mtoAdmin'
import { groupsAdmin } from './groupsAdmin'
import { faultsAdmin } from './faultsAdmin'
import { provisioningAdmin } from './provisioningAdmin'

export interface AdminRequest {
  readonly method: string
  /** Path segments after /_emulator, e.g. ['tenants', '<id>', 'users']. */
  readonly segments: readonly string[]
  readonly body: Record<string, unknown>
  readonly store: Store
  readonly clock: Clock
  /** The tenant named by segments[1] when segments[0] is 'tenants'; throws a 404 admin error if missing. */
  tenant(): TenantRecord
}

export interface AdminReply {
  readonly status: number
  readonly body?: unknown
}

/** Throw this from an extension for a 4xx answer with a message that says what is wrong and what is allowed. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** Returns a reply when it handles the request, undefined to let the next one try. */
export type AdminExtension = (request: AdminRequest) => AdminReply | undefined

export const adminExtensions: AdminExtension[] = [
  usersAdmin,
  mtoAdmin,
  groupsAdmin,
  faultsAdmin,
  provisioningAdmin,
  // (areas add their extension here, one per line)
]
