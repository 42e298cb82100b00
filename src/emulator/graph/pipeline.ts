// One Graph request, from bearer token to response: authenticate, route, check the permission, parse
// the query and body, run the handler in a transaction, and answer in Graph's envelope with its headers.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Clock } from '../clock'
import type { RequestCounters } from '../counters'
import { errorBody, GraphError, graphErrors } from '../errors'
import type { Store } from '../store/store'
import type { TokenVerifier } from '../auth/tokens'
import { graphResourceByCloud } from '../auth/clouds'
import type { GraphContext, GraphVersion, HttpMethod, Reply } from './context'
import { parseQuery } from './odata'
import type { GraphRouter } from './router'

export interface GraphServices {
  readonly store: Store
  readonly router: GraphRouter
  readonly verifier: TokenVerifier
  readonly clock: Clock
  readonly counters: RequestCounters
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

const methods = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE'])

export function handleGraphRequest(services: GraphServices, request: GraphRequest): Reply {
  const requestId = randomUUID()
  const clientRequestIdHeader = request.headers['client-request-id']
  const clientRequestId = typeof clientRequestIdHeader === 'string' ? clientRequestIdHeader : requestId
  const now = services.clock.now()
  const baseHeaders: Record<string, string> = {
    'request-id': requestId,
    'client-request-id': clientRequestId,
    'x-ms-ags-diagnostic': JSON.stringify({
      ServerInfo: {
        DataCenter: 'Emulator',
        Slice: 'E',
        Ring: '0',
        ScaleUnit: '000',
        RoleInstance: 'emulator',
      },
    }),
    'Cache-Control': 'no-cache',
    'Strict-Transport-Security': 'max-age=31536000',
    'OData-Version': '4.0',
  }
  let routeKey = `${request.method} unmatched`
  try {
    const ctx = buildContext(services, request, requestId, now)
    routeKey = `${ctx.method} /${ctx.version}${ctx.routePath}`
    const reply = services.store.transaction(() => ctx.route.handle(ctx.context))
    services.counters.record(routeKey, reply.status)
    return { ...reply, headers: { ...baseHeaders, ...reply.headers } }
  } catch (error) {
    const graphError = error instanceof GraphError ? error : internalError(error)
    services.counters.record(routeKey, graphError.status)
    return {
      status: graphError.status,
      body: errorBody(graphError, requestId, clientRequestId, now),
      headers: { ...baseHeaders, ...graphError.headers },
    }
  }
}

function internalError(error: unknown): GraphError {
  process.stderr.write(`emulator: unexpected error: ${(error as Error).stack ?? String(error)}\n`)
  return graphErrors.internal()
}

function buildContext(services: GraphServices, request: GraphRequest, requestId: string, now: Date) {
  const authorization = request.headers.authorization
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
  if (!methods.has(request.method)) throw graphErrors.methodNotAllowed(request.method, request.path)
  const method = request.method as HttpMethod
  const { route, params } = services.router.match(method, request.version, request.path)
  const roles = check.claims.roles ?? []
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
      appId: check.claims.appid,
      appDisplayName: check.claims.app_displayname,
      servicePrincipalId: check.claims.oid,
      roles,
    },
    clock: services.clock,
    requestId,
    serviceRoot: `${request.origin}/${request.version}`,
  }
  return { route, routePath: route.path, context, method, version: request.version }
}
