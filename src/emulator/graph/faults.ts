// Injectable faults, so clients prove they cope (DESIGN.md §6; graph-api.md §7.5, §7.8, fact 9):
// latency, a rate of 5xx answers with Retry-After, and replication lag. Set through the admin API
// (admin/faultsAdmin.ts); nothing is injected by default.
//
// - latencyMs delays the response of every matching request. The delay happens in server.ts after the
//   synchronous pipeline has answered, never inside a transaction; a $batch is delayed once.
// - errorRate (0..1) answers that share of matching requests with errorStatus (503 by default) and
//   Retry-After: retryAfterSeconds, before throttling and before the handler runs (nothing changes).
//   With a seed, the sequence of draws is deterministic (it restarts at every PUT).
// - replicationLagMs makes an object created less than that long ago (emulator clock) invisible by id:
//   a route parameter, a $ref body's @odata.id or an @odata.bind value naming it gets 404
//   Request_ResourceNotFound with Graph's message, as a read right after a create does in Graph.
// - routes limits all three to the listed "METHOD /path/pattern" routes (default: every Graph route).
//
// LIMITATIONS:
// - Collections (lists, $filter, delta) show a lagging object at once; only access by id lags. Property
//   updates are visible at once (Graph may read stale values for a while).
// - Only @odata.id and *@odata.bind references are checked; ids inside other body properties (an app role
//   assignment's principalId, for instance) are not.
// - Creation times are kept in memory while a lag is set: objects created before the lag was set, or
//   before a restart, are visible at once. Objects created through the admin API lag like the rest.
// - The codes for injected 500 (generalException) and 504 (gatewayTimeout) are UNCONFIRMED; 503 uses
//   serviceNotAvailable. Injected errors carry the header x-emulator-fault, which Graph does not send.
import type { Clock } from '../clock'
import { GraphError, graphErrors } from '../errors'
import type { CreationTimes } from '../store/tenantStore'
import type { GraphContext, GraphRoute } from './context'

export type FaultStatus = 500 | 503 | 504

export interface FaultSettings {
  readonly latencyMs: number
  readonly errorRate: number
  readonly errorStatus: FaultStatus
  /** The Retry-After of injected errors, in seconds (0 lets SDK retry handlers retry at once). */
  readonly retryAfterSeconds: number
  readonly replicationLagMs: number
  /** "METHOD /path/pattern" keys as routes declare them; undefined means every Graph route. */
  readonly routes?: readonly string[]
  readonly seed?: number
}

export const defaultFaultSettings: FaultSettings = {
  latencyMs: 0,
  errorRate: 0,
  errorStatus: 503,
  retryAfterSeconds: 1,
  replicationLagMs: 0,
}

/** The canonical form of a route key: upper-case method, lower-case path, parameters as {}. */
export function routeKey(method: string, path: string): string {
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => (s.startsWith('{') && s.endsWith('}') ? '{}' : s.toLowerCase()))
  return `${method.toUpperCase()} /${segments.join('/')}`
}

/** mulberry32: a small seeded generator, enough for a reproducible sequence of draws. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const keys = new WeakMap<GraphRoute, string>()
function keyOf(route: GraphRoute): string {
  let key = keys.get(route)
  if (key === undefined) {
    key = routeKey(route.method, route.path)
    keys.set(route, key)
  }
  return key
}

/** The id at the end of a reference URL: .../directoryObjects/{id} or .../directoryObjects('{id}'). */
function referencedId(reference: string): string {
  const path = reference.split('?')[0]!.replace(/\/+$/, '')
  const last = path.slice(path.lastIndexOf('/') + 1)
  const quoted = /\('([^']*)'\)$/.exec(last) ?? /\(([^)]*)\)$/.exec(last)
  const id = quoted ? quoted[1]! : last
  try {
    return decodeURIComponent(id)
  } catch {
    return id
  }
}

function referencedIds(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return []
  const ids: string[] = []
  for (const [name, value] of Object.entries(body)) {
    if (name !== '@odata.id' && !name.endsWith('@odata.bind')) continue
    for (const reference of Array.isArray(value) ? value : [value])
      if (typeof reference === 'string') ids.push(referencedId(reference))
  }
  return ids
}

export class Faults {
  private current: FaultSettings = defaultFaultSettings
  private routeSet: ReadonlySet<string> | undefined
  private random: () => number = Math.random

  constructor(
    private readonly clock: Clock,
    private readonly creationTimes: CreationTimes,
  ) {}

  get settings(): FaultSettings {
    return this.current
  }

  configure(settings: FaultSettings): void {
    this.current = settings
    this.routeSet = settings.routes
      ? new Set(settings.routes.map((r) => r.split(' ')).map(([m, p]) => routeKey(m!, p!)))
      : undefined
    this.random = settings.seed === undefined ? Math.random : seeded(settings.seed)
    this.creationTimes.retainMs = settings.replicationLagMs
  }

  /** Whether faults apply to a request on `route` (undefined: the request matched no route). */
  applies(route: GraphRoute | undefined): boolean {
    if (this.routeSet === undefined) return true
    return route !== undefined && this.routeSet.has(keyOf(route))
  }

  latencyFor(route: GraphRoute | undefined): number {
    return this.current.latencyMs > 0 && this.applies(route) ? this.current.latencyMs : 0
  }

  /** An injected 5xx for this request, or undefined. Draws one number per matching request. */
  injectedError(route: GraphRoute): GraphError | undefined {
    const { errorRate, errorStatus, retryAfterSeconds } = this.current
    if (errorRate <= 0 || !this.applies(route) || this.random() >= errorRate) return undefined
    const headers = { 'Retry-After': String(retryAfterSeconds), 'x-emulator-fault': 'errorRate' }
    if (errorStatus === 503) {
      const base = graphErrors.serviceUnavailable()
      return new GraphError(503, base.code, base.message, undefined, headers)
    }
    if (errorStatus === 504)
      return new GraphError(
        504,
        'gatewayTimeout',
        'The gateway did not receive a response in time.',
        undefined,
        headers,
      )
    return new GraphError(500, 'generalException', 'An internal server error occurred.', undefined, headers)
  }

  /** The 404 for a request naming an object created within the replication lag, or undefined. */
  lagged(route: GraphRoute, ctx: GraphContext): GraphError | undefined {
    const lag = this.current.replicationLagMs
    if (lag <= 0 || !this.applies(route)) return undefined
    const now = this.clock.now().getTime()
    for (const id of [...Object.values(ctx.params), ...referencedIds(ctx.body)]) {
      const created = ctx.store.createdAt(id)
      if (created !== undefined && now - created < lag) return graphErrors.notFound(id)
    }
    return undefined
  }
}
