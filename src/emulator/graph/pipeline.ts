// One Graph request, from bearer token to response: authenticate, route, check the permission, parse
// the query and body, apply the traffic controls (injected faults, throttling, replication lag: see
// traffic.ts), run the handler in a transaction, and answer in Graph's envelope with its headers.
// $batch (batch.ts) runs each of its items through serveGraphRequest too.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Clock } from '../clock'
import type { RequestCounters } from '../counters'
import { errorBody, GraphError, graphErrors } from '../errors'
import type { Store, TenantRecord } from '../store/store'
import type { AccessTokenClaims, TokenVerifier } from '../auth/tokens'
import { graphResourceByCloud } from '../auth/clouds'
import type { GraphContext, GraphRoute, GraphVersion, HttpMethod, Reply } from './context'
import { parseQuery } from './odata'
import type { GraphRouter } from './router'
import type { TrafficControls } from './traffic'

export interface GraphServices {
  readonly store: Store
  readonly router: GraphRouter
  readonly verifier: TokenVerifier
  readonly clock: Clock
  readonly counters: RequestCounters
  /** Throttling and injected faults; without them every request goes straight to its handler. */
  readonly traffic?: TrafficControls
}

export interface GraphRequest {
  readonly method: string
  readonly version: GraphVersion
  readonly path: string
  readonly search: URLSearchParams
  readonly headers: IncomingMessage['headers']
  readonly bodyText: string
  readonly origin: string
}

/** A reply, and how long to hold it back (injected latency: the caller waits, outside any transaction). */
export interface GraphOutcome {
  readonly reply: Reply
  readonly latencyMs: number
}

export interface RequestIds {
  readonly requestId: string
  readonly clientRequestId: string
}

const methods = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE'])

export function requestIds(headers: IncomingMessage['headers']): RequestIds {
  const requestId = randomUUID()
  const header = headers['client-request-id']
  return { requestId, clientRequestId: typeof header === 'string' ? header : requestId }
}

// The same on every response (its shape is UNCONFIRMED in the reference), so built once.
const agsDiagnostic = JSON.stringify({
  ServerInfo: { DataCenter: 'Emulator', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'emulator' },
})

/** The headers Graph puts on every response (graph-api.md §7.1). */
export function responseHeaders(ids: RequestIds): Record<string, string> {
  return {
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId,
    'x-ms-ags-diagnostic': agsDiagnostic,
    'Cache-Control': 'no-cache',
    'Strict-Transport-Security': 'max-age=31536000',
    'OData-Version': '4.0',
  }
}

/** Graph's error envelope; a 429 also gets the inner fields of graph-api.md §7.5's example. */
export function errorReply(
  error: GraphError,
  ids: RequestIds,
  now: Date,
  headers: Record<string, string>,
): Reply {
  const body = errorBody(error, ids.requestId, ids.clientRequestId, now) as {
    error: { innerError: Record<string, string> }
  }
  if (error.status === 429) {
    const inner = body.error.innerError
    body.error.innerError = { code: '429', ...inner, message: 'Please retry after', status: '429' }
  }
  return { status: error.status, body, headers: { ...headers, ...error.headers } }
}

export function serveGraphRequest(services: GraphServices, request: GraphRequest): GraphOutcome {
  const ids = requestIds(request.headers)
  const now = services.clock.now()
  const traffic = services.traffic
  let headers = responseHeaders(ids)
  let routeKey = `${request.method} unmatched`
  let route: GraphRoute | undefined
  try {
    const built = buildContext(services, request, ids.requestId, now)
    route = built.route
    routeKey = `${built.method} /${built.version}${built.route.path}`
    if (traffic !== undefined) {
      const injected = traffic.faults.injectedError(built.route)
      if (injected !== undefined) throw injected
      const charge = traffic.throttle.charge({
        appId: built.context.caller.appId,
        tenant: built.context.tenant,
        method: built.method,
        route: built.route,
        query: built.context.query,
      })
      headers = { ...headers, ...charge.headers }
      if (charge.refusal !== undefined) throw charge.refusal
      const lagged = traffic.faults.lagged(built.route, built.context)
      if (lagged !== undefined) throw lagged
    }
    const reply = services.store.transaction(() => built.route.handle(built.context))
    services.counters.record(routeKey, reply.status)
    return {
      reply: { ...reply, headers: { ...headers, ...reply.headers } },
      latencyMs: traffic?.faults.latencyFor(route) ?? 0,
    }
  } catch (error) {
    const graphError = error instanceof GraphError ? error : internalError(error)
    services.counters.record(routeKey, graphError.status)
    return {
      reply: errorReply(graphError, ids, now, headers),
      latencyMs: traffic?.faults.latencyFor(route) ?? 0,
    }
  }
}

function internalError(error: unknown): GraphError {
  process.stderr.write(`emulator: unexpected error: ${(error as Error).stack ?? String(error)}\n`)
  return graphErrors.internal()
}

/** Checks the bearer token of a request (or of a $batch, for all its items). */
export function authenticate(
  services: GraphServices,
  headers: IncomingMessage['headers'],
  now: Date,
): { claims: AccessTokenClaims; tenant: TenantRecord } {
  const authorization = headers.authorization
  if (authorization === undefined || !/^Bearer /i.test(authorization)) {
    throw graphErrors.unauthenticated('Access token is empty.')
  }
  const token = authorization.slice(7).trim()
  const audiences = Object.values(graphResourceByCloud)
  const check = services.verifier.verify(token, audiences, Math.floor(now.getTime() / 1000))
  if (!check.ok) throw graphErrors.unauthenticated(check.reason)
  const tenant = services.store.getTenant(check.claims.tid)
  if (tenant === undefined)
    throw graphErrors.unauthenticated(
      `The tenant ${check.claims.tid} of this token no longer exists in the emulator.`,
    )
  if (check.claims.aud !== graphResourceByCloud[tenant.cloud] && check.claims.aud.startsWith('https://')) {
    throw graphErrors.unauthenticated(
      `Invalid audience: this tenant's Graph is ${graphResourceByCloud[tenant.cloud]}.`,
    )
  }
  return { claims: check.claims, tenant }
}

function buildContext(services: GraphServices, request: GraphRequest, requestId: string, now: Date) {
  const { claims, tenant } = authenticate(services, request.headers, now)
  if (!methods.has(request.method)) throw graphErrors.methodNotAllowed(request.method, request.path)
  const method = request.method as HttpMethod
  const { route, params } = services.router.match(method, request.version, request.path)
  const roles = claims.roles ?? []
  if (!route.permissions.some((permission) => roles.includes(permission))) throw graphErrors.forbidden()
  const query = parseQuery(request.search, route.query ?? [], request.path)
  let body: unknown = undefined
  if (request.bodyText.trim() !== '') {
    try {
      body = JSON.parse(request.bodyText)
    } catch {
      throw graphErrors.badRequest(
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
      )
    }
  }
  const context: GraphContext = {
    method,
    version: request.version,
    path: request.path,
    params,
    query,
    body,
    headers: request.headers,
    tenant,
    store: services.store.tenant(tenant.id),
    allTenants: services.store,
    caller: {
      appId: claims.appid,
      appDisplayName: claims.app_displayname,
      servicePrincipalId: claims.oid,
      roles,
    },
    clock: services.clock,
    requestId,
    serviceRoot: `${request.origin}/${request.version}`,
  }
  return { route, context, method, version: request.version }
}
