// What a Graph handler receives and returns. Handlers see one tenant's store only (the token's tid).
import type { Store, TenantRecord } from '../store/store'
import type { TenantStore } from '../store/tenantStore'
import type { ODataQuery } from './odata'
import type { Clock } from '../clock'

export type GraphVersion = 'v1.0' | 'beta'
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

export interface Caller {
  readonly appId: string
  readonly appDisplayName: string
  readonly servicePrincipalId: string
  readonly roles: readonly string[]
}

export interface GraphContext {
  readonly method: HttpMethod
  readonly version: GraphVersion
  /** The path after the version, as requested (e.g. /policies/crossTenantAccessPolicy/partners/abc). */
  readonly path: string
  readonly params: Readonly<Record<string, string>>
  readonly query: ODataQuery
  readonly body: unknown
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly tenant: TenantRecord
  readonly store: TenantStore
  /** Every tenant, for the few cross-tenant facts (a partner's display name, the MTO). */
  readonly allTenants: Store
  readonly caller: Caller
  readonly clock: Clock
  readonly requestId: string
  /** https://host:port/{version}, what @odata.context and nextLink URLs start with. */
  readonly serviceRoot: string
}

export interface Reply {
  readonly status: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
}

export interface GraphRoute {
  readonly method: HttpMethod
  /** Segments; `{name}` captures one segment (URL-decoded). */
  readonly path: string
  /** Where the route exists. @default both */
  readonly versions?: readonly GraphVersion[]
  /** Any one of these application permissions allows the call (least privileged first). */
  readonly permissions: readonly string[]
  /** OData system query options this route supports; any other is refused. @default none */
  readonly query?: readonly string[]
  /** Resource units this call costs before modifiers (graph-api.md §7.5). @default 1 */
  readonly cost?: number
  /** Runs inside one database transaction, so it is synchronous: a failure leaves nothing half-written. */
  handle(ctx: GraphContext): Reply
}
