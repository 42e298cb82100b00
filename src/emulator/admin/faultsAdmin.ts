// Admin API for the traffic controls (graph/faults.ts, graph/throttle.ts):
//   GET    /_emulator/faults               -> 200 the fault settings
//   PUT    /_emulator/faults               -> 200 the new settings. PUT replaces them all: a field left out
//                                             goes back to its default (no fault), so PUT {} clears faults.
//          {"latencyMs": 0-60000, "errorRate": 0-1, "errorStatus": 503 | 500 | 504,
//           "retryAfterSeconds": 0-3600 (default 1), "replicationLagMs": 0-600000,
//           "routes": ["METHOD /path/{pattern}", ...] or null (every Graph route), "seed": integer or null}
//   DELETE /_emulator/faults               -> 204, no faults
//   GET    /_emulator/throttling           -> 200 {"enabled", "scale", "batchThrottledStatus"}
//   PUT    /_emulator/throttling           -> 200 the new settings (replaced the same way; default
//                                             enabled true, scale 1, batchThrottledStatus 200). Refills
//                                             every bucket.
//   GET    /_emulator/throttling/buckets   -> 200 {"value":[{appId, tenantId, size, resourceUnits:{limit,
//                                             available, windowSeconds}, writes:{...}}]}, levels as of now
//   DELETE /_emulator/throttling/buckets   -> 204, every bucket full again
// Settings live in memory: a restart goes back to the defaults (throttling on, no faults).
import { defaultFaultSettings, routeKey, type FaultSettings } from '../graph/faults'
import type { GraphRoute } from '../graph/context'
import type { GraphRouter } from '../graph/router'
import { defaultThrottleSettings, type ThrottleSettings } from '../graph/throttle'
import { trafficControlsOf, type TrafficControls } from '../graph/traffic'
import { AdminError, type AdminExtension, type AdminReply } from './extensions'

const faultKeys = [
  'latencyMs',
  'errorRate',
  'errorStatus',
  'retryAfterSeconds',
  'replicationLagMs',
  'routes',
  'seed',
] as const
const throttleKeys = ['enabled', 'scale', 'batchThrottledStatus'] as const

function refuseUnknown(body: Record<string, unknown>, known: readonly string[], what: string): void {
  const unknown = Object.keys(body).filter((k) => !known.includes(k))
  if (unknown.length > 0)
    throw new AdminError(
      400,
      `unknown ${what} setting${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}; the settings are ${known.join(', ')}`,
    )
}

function wrong(name: string, value: unknown, allowed: string): never {
  throw new AdminError(400, `'${name}' is ${JSON.stringify(value)}; expected ${allowed}`)
}

function integer(body: Record<string, unknown>, name: string, max: number, fallback: number): number {
  const value = body[name]
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max)
    wrong(name, value, `a whole number from 0 to ${max}`)
  return value
}

/** A route pattern as the router knows it ("GET /users/{id}"), or a 400 saying what is wrong. */
function canonicalRoute(router: GraphRouter, value: unknown, index: number): string {
  const name = `routes[${index}]`
  const allowed = `"METHOD /path/pattern" as routes declare it, METHOD one of GET, POST, PATCH, PUT, DELETE and the path relative to the version root, e.g. "GET /users/{id}"`
  const match = typeof value === 'string' ? /^(GET|POST|PATCH|PUT|DELETE) (\/\S*)$/i.exec(value) : null
  if (match === null || /^\/(v1\.0|beta)(\/|$)/i.test(match[2]!)) wrong(name, value, allowed)
  const method = match[1]!.toUpperCase() as GraphRoute['method']
  let route: GraphRoute | undefined
  for (const version of ['v1.0', 'beta'] as const) {
    try {
      route = router.match(method, version, match[2]!).route
      break
    } catch {
      // not in this version; try the next
    }
  }
  if (route === undefined) wrong(name, value, `a Graph route the emulator serves: ${allowed}`)
  if (routeKey(route.method, route.path) !== routeKey(method, match[2]!))
    wrong(name, value, `a route pattern, not a request path: "${route.method} ${route.path}"`)
  return `${route.method} ${route.path}`
}

function faultSettings(body: Record<string, unknown>, router: GraphRouter): FaultSettings {
  refuseUnknown(body, faultKeys, 'fault')
  const d = defaultFaultSettings
  const errorRate = body.errorRate ?? d.errorRate
  if (typeof errorRate !== 'number' || !(errorRate >= 0 && errorRate <= 1))
    wrong('errorRate', errorRate, 'a number from 0 (never) to 1 (always)')
  const errorStatus = body.errorStatus ?? d.errorStatus
  if (errorStatus !== 503 && errorStatus !== 500 && errorStatus !== 504)
    wrong('errorStatus', errorStatus, '503, 500 or 504')
  const routes = body.routes ?? null
  if (routes !== null && (!Array.isArray(routes) || routes.length === 0))
    wrong('routes', routes, 'a non-empty array of "METHOD /path/pattern", or null for every Graph route')
  const seed = body.seed ?? null
  if (seed !== null && (typeof seed !== 'number' || !Number.isSafeInteger(seed)))
    wrong('seed', seed, 'an integer, or null for a different random sequence every time')
  return {
    latencyMs: integer(body, 'latencyMs', 60_000, d.latencyMs),
    errorRate,
    errorStatus,
    retryAfterSeconds: integer(body, 'retryAfterSeconds', 3600, d.retryAfterSeconds),
    replicationLagMs: integer(body, 'replicationLagMs', 600_000, d.replicationLagMs),
    ...(routes === null ? {} : { routes: routes.map((r, i) => canonicalRoute(router, r, i)) }),
    ...(seed === null ? {} : { seed }),
  }
}

function throttleSettings(body: Record<string, unknown>): ThrottleSettings {
  refuseUnknown(body, throttleKeys, 'throttling')
  const d = defaultThrottleSettings
  const enabled = body.enabled ?? d.enabled
  if (typeof enabled !== 'boolean') wrong('enabled', enabled, 'true or false')
  const scale = body.scale ?? d.scale
  if (typeof scale !== 'number' || !(scale > 0 && scale <= 1000))
    wrong('scale', scale, 'a number above 0 and at most 1000 that multiplies every limit (1: Graph’s limits)')
  const batchThrottledStatus = body.batchThrottledStatus ?? d.batchThrottledStatus
  if (batchThrottledStatus !== 200 && batchThrottledStatus !== 424)
    wrong(
      'batchThrottledStatus',
      batchThrottledStatus,
      '200 (observed behaviour) or 424 (the documented wording)',
    )
  return { enabled, scale, batchThrottledStatus }
}

const viewFaults = (s: FaultSettings) => ({ ...s, routes: s.routes ?? null, seed: s.seed ?? null })

function route(
  controls: TrafficControls,
  method: string,
  path: string,
  body: Record<string, unknown>,
): AdminReply {
  const { faults, throttle } = controls
  switch (`${method} ${path}`) {
    case 'GET faults':
      return { status: 200, body: viewFaults(faults.settings) }
    case 'PUT faults':
      faults.configure(faultSettings(body, controls.router))
      return { status: 200, body: viewFaults(faults.settings) }
    case 'DELETE faults':
      faults.configure(defaultFaultSettings)
      return { status: 204 }
    case 'GET throttling':
      return { status: 200, body: throttle.settings }
    case 'PUT throttling':
      throttle.configure(throttleSettings(body))
      return { status: 200, body: throttle.settings }
    case 'GET throttling/buckets':
      return { status: 200, body: { value: throttle.levels() } }
    case 'DELETE throttling/buckets':
      throttle.refill()
      return { status: 204 }
    default: {
      const allowed =
        path === 'faults' ? 'GET, PUT or DELETE' : path === 'throttling' ? 'GET or PUT' : 'GET or DELETE'
      throw new AdminError(405, `${method} is not supported on /${path}; use ${allowed}`)
    }
  }
}

export const faultsAdmin: AdminExtension = (request) => {
  const path = request.segments.join('/')
  if (path !== 'faults' && path !== 'throttling' && path !== 'throttling/buckets') return undefined
  const controls = trafficControlsOf(request.store)
  if (controls === undefined)
    throw new AdminError(404, 'this emulator has no traffic controls (they come with startEmulator)')
  return route(controls, request.method, path, request.body)
}
