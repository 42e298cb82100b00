// One tenant's Graph client: @microsoft/microsoft-graph-client over the tenant's credential and cloud,
// with the SDK's retry handler (429, 503, 504, honouring Retry-After), a request counter (benchmarks
// report Graph requests per resource), paging by following @odata.nextLink verbatim, and every failure
// turned into a GraphRequestError that names the tenant, the operation and, on a 403, the permission.
import type { TokenCredential } from '@azure/identity'
import {
  AuthenticationHandler,
  Client,
  GraphError,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client'
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials'
import { graphHost, type CloudEndpoints } from './clouds'
import { GraphRequestError, type GraphOperation } from './errors'

export type GraphMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
export type Json = Record<string, unknown>
/** One page of a Graph collection. */
export interface Page<T> {
  readonly value?: T[]
  readonly '@odata.nextLink'?: string
}

export interface TenantGraphOptions {
  /** How messages name the tenant: its alias and id ("emea (7f3c…)"). */
  readonly tenant: string
  readonly credential: TokenCredential
  readonly endpoints: CloudEndpoints
  /** Retries of 429/503/504 (the SDK caps it at 10). @default 6 */
  readonly maxRetries?: number
}

export interface RequestOptions {
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
  readonly version?: 'v1.0' | 'beta'
}

/** Counts the HTTP requests that really go out, retries included. */
class CountingHandler implements Middleware {
  private next: Middleware | undefined
  count = 0
  async execute(context: Context): Promise<void> {
    this.count++
    await this.next!.execute(context)
  }
  setNext(next: Middleware): void {
    this.next = next
  }
}

export class TenantGraph {
  readonly tenant: string
  private readonly client: Client
  private readonly counter = new CountingHandler()

  constructor(private readonly options: TenantGraphOptions) {
    this.tenant = options.tenant
    const auth = new TokenCredentialAuthenticationProvider(options.credential, {
      scopes: [options.endpoints.scope],
    })
    const chain: Middleware[] = [
      new AuthenticationHandler(auth),
      new RetryHandler(new RetryHandlerOptions(1, options.maxRetries ?? 6)),
      this.counter,
      new HTTPMessageHandler(),
    ]
    for (let i = 0; i < chain.length - 1; i++) chain[i]!.setNext!(chain[i + 1]!)
    this.client = Client.initWithMiddleware({
      middleware: chain[0]!,
      baseUrl: `${options.endpoints.graphRoot}/`,
      defaultVersion: 'v1.0',
      // The SDK attaches tokens only to Microsoft's Graph hosts unless told about others (graph-api.md §8.4).
      customHosts: new Set([graphHost(options.endpoints)]),
    })
  }

  /** HTTP requests sent so far (retries included). */
  get requestCount(): number {
    return this.counter.count
  }

  /**
   * The calling app's service principal object id in this tenant: the `oid` claim of its app-only
   * access token (Entra puts the service principal there), so no directory read or extra permission
   * is needed. The credential caches the token, so this rarely costs a request.
   */
  async callerPrincipalId(): Promise<string> {
    const token = await this.options.credential.getToken(this.options.endpoints.scope)
    const payload = token?.token.split('.')[1]
    const oid: unknown =
      payload === undefined
        ? undefined
        : (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>).oid
    if (typeof oid !== 'string' || oid === '')
      throw new Error(
        `tenant ${this.tenant}: the access token has no oid claim, so the app's service principal is unknown`,
      )
    return oid
  }

  get graphRoot(): string {
    return this.options.endpoints.graphRoot
  }

  /** One request; the parsed JSON body, or undefined for 204. Throws GraphRequestError. */
  async request<T = Json>(
    op: GraphOperation,
    method: GraphMethod,
    path: string,
    options: RequestOptions = {},
  ): Promise<T | undefined> {
    let call = this.client.api(path).version(options.version ?? 'v1.0')
    if (options.headers !== undefined) call = call.headers(options.headers)
    try {
      switch (method) {
        case 'GET':
          return (await call.get()) as T
        case 'POST':
          // Actions such as resetToSystemDefault, restore, start and pause take no body at all.
          return (await call.post(options.body)) as T | undefined
        case 'PATCH':
          return (await call.patch(options.body ?? {})) as T | undefined
        case 'PUT':
          return (await call.put(options.body ?? {})) as T | undefined
        case 'DELETE':
          return (await call.delete()) as T | undefined
      }
    } catch (error) {
      throw this.wrap(error, op, method, path, options.version)
    }
  }

  /** GET that answers undefined for 404 (an object that is not there). */
  async find<T = Json>(op: GraphOperation, path: string, version?: 'v1.0' | 'beta'): Promise<T | undefined> {
    try {
      return await this.request<T>(op, 'GET', path, version === undefined ? {} : { version })
    } catch (error) {
      if (error instanceof GraphRequestError && error.isNotFound) return undefined
      throw error
    }
  }

  /** Every item of a collection, following @odata.nextLink verbatim until the last page. */
  async list<T = Json>(op: GraphOperation, path: string, version?: 'v1.0' | 'beta'): Promise<T[]> {
    const first = await this.request<Page<T>>(op, 'GET', path, version === undefined ? {} : { version })
    return this.allPages(op, first ?? {})
  }

  /**
   * The items of a collection page already in hand (from a $batch, say) plus every page after it,
   * following @odata.nextLink verbatim.
   */
  async allPages<T = Json>(op: GraphOperation, first: Page<T> | Json): Promise<T[]> {
    const page = first as Page<T>
    const items = [...(page.value ?? [])]
    let next = page['@odata.nextLink']
    while (next !== undefined) {
      const more: Page<T> | undefined = await this.request(op, 'GET', next)
      items.push(...(more?.value ?? []))
      next = more?.['@odata.nextLink']
    }
    return items
  }

  private wrap(error: unknown, op: GraphOperation, method: string, path: string, version?: string): Error {
    const url = path.startsWith('https://') ? path : `${this.graphRoot}/${version ?? 'v1.0'}${path}`
    // The SDK wraps failures that never reached Graph (a token refused by the authority, the network) in
    // a GraphError too, with statusCode -1: those are not Graph answers.
    if (error instanceof GraphError && error.statusCode > 0)
      return new GraphRequestError(
        {
          ...op,
          tenant: this.tenant,
          method,
          url,
          status: error.statusCode,
          code: error.code ?? 'unknown',
          graphMessage: error.message,
          requestId: error.requestId ?? undefined,
        },
        { cause: error },
      )
    // Token failures (AADSTS...) and network errors: keep the cause, name where it happened.
    const message =
      error instanceof GraphError && error.code !== null
        ? `${error.code}: ${error.message}`
        : error instanceof Error
          ? error.message
          : String(error)
    return new Error(`tenant ${this.tenant}: ${op.operation} failed (${method} ${url}): ${message}`, {
      cause: error,
    })
  }
}
