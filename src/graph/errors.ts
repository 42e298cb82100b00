// The access layer's small error family (DESIGN.md §5): a Graph request error that names the tenant,
// the operation, the method and URL, Graph's status, code and request-id, and, on a missing
// permission, the permission to grant; and a consistency timeout when an object created moments ago
// does not become readable within its deadline.

export interface GraphOperation {
  /** What we were doing, in the topology's words: "create the partner configuration for emea". */
  readonly operation: string
  /** Application permissions that allow it, least privileged first (the first is the one to grant). */
  readonly permissions: readonly string[]
}

export interface GraphRequestErrorDetails extends GraphOperation {
  readonly tenant: string
  readonly method: string
  readonly url: string
  readonly status: number
  readonly code: string
  readonly graphMessage: string
  readonly requestId: string | undefined
}

export class GraphRequestError extends Error {
  override readonly name = 'GraphRequestError'
  readonly status: number
  readonly code: string
  readonly requestId: string | undefined
  readonly tenant: string

  /** `cause`: what the Graph client threw (its body is kept there, e.g. a 424 $batch envelope's responses). */
  constructor(
    readonly details: GraphRequestErrorDetails,
    options?: ErrorOptions,
  ) {
    super(GraphRequestError.describe(details), options)
    // Pulumi ships this class to the provider as a function calling Error.call(this, ...), which sets no
    // message: set it here too (closureSafety.test.ts).
    this.message = GraphRequestError.describe(details)
    this.status = details.status
    this.code = details.code
    this.requestId = details.requestId
    this.tenant = details.tenant
  }

  /** A missing permission (403 Authorization_RequestDenied, or 401 with an insufficient token). */
  get isPermissionDenied(): boolean {
    return this.status === 403 && /Authorization_RequestDenied|Forbidden|accessDenied/i.test(this.code)
  }

  get isNotFound(): boolean {
    return this.status === 404
  }

  static describe(d: GraphRequestErrorDetails): string {
    const where = `tenant ${d.tenant}: ${d.operation} failed (${d.method} ${d.url}: ${d.status} ${d.code}: ${d.graphMessage}${d.requestId ? `; request-id ${d.requestId}` : ''})`
    if (d.status === 403 && d.permissions.length > 0)
      return `${where}. The app used for tenant ${d.tenant} lacks the permission: grant it the Microsoft Graph application permission ${d.permissions[0]}${d.permissions.length > 1 ? ` (or one of ${d.permissions.slice(1).join(', ')})` : ''} and admin consent.`
    return where
  }
}

export class ConsistencyTimeoutError extends Error {
  override readonly name = 'ConsistencyTimeoutError'
  constructor(
    readonly tenant: string,
    readonly what: string,
    readonly waitedMs: number,
    options?: ErrorOptions,
  ) {
    const message = `tenant ${tenant}: ${what} was created but was still not readable after ${(waitedMs / 1000).toFixed(1)} s (Entra's replication lag); run again, the next run finds it`
    super(message, options)
    // Pulumi ships this class to the provider as a function calling Error.call(this, ...), which sets no
    // message: set it here too (closureSafety.test.ts).
    this.message = message
  }
}
