// Throttling modelled on Graph's identity and access service limits (graph-api.md §7.5, §7.7): per app +
// tenant pair, a token bucket of resource units (RU) refilled over 10 s and sized by the tenant's tier
// (S 3,500 / M 5,000 / L 8,000 RU), and a write quota of 3,000 requests per 150 s. Both refill
// continuously on the emulator's clock, so tests advance the clock instead of sleeping.
//
// Cost of a call: the route's `cost` (default 1), $select -1, $expand +1, $top under 20 -1, minimum 1;
// every POST/PATCH/PUT/DELETE also takes 1 from the write quota. Every answer carries
// x-ms-resource-unit; above 80 % use, x-ms-throttle-limit-percentage; a 429 carries Retry-After (whole
// seconds until the request would pass), x-ms-throttle-scope and x-ms-throttle-information.
//
// LIMITATIONS (differences from Graph, and guesses):
// - Only the app + tenant limits are modelled. The global limit (130,000 requests / 10 s per app), the
//   per-application limits across tenants, the per-tenant write quota across apps, the reports limit
//   (5 requests / 10 s for directoryAudits), the applications write limits, the B2C create surcharge,
//   x-ms-throttle-priority and CPU-based throttling are not. Every Graph route counts in the same bucket.
// - Usage keeps being counted while throttled (documented), down to a debt of 80 % of the bucket, so
//   x-ms-throttle-limit-percentage stays within the documented 0.8-1.8. The debt cap is a guess.
// - x-ms-throttle-scope is Tenant_Application/ReadWrite/{appId}/{tenantId} when resource units ran out
//   and Tenant_Application/Write/... when the write quota did: which of Read/Write/ReadWrite Graph puts
//   there is UNCONFIRMED. The percentage header's exact rounding (here: down to one decimal) too.
// - The tier comes from the tenant's fixed `size`, else from its count of live users (S under 50, M 50-500,
//   L over 500), looked at again at most every 10 s of emulator time.
// - A request costing more than a whole bucket (possible with a small `scale`) waits for a full bucket.
// - State is in memory: a restart starts every bucket full. Changing the settings refills every bucket.
import type { Clock } from '../clock'
import { GraphError, graphErrors } from '../errors'
import type { TenantRecord, TenantSize } from '../store/store'
import type { GraphRoute, HttpMethod } from './context'
import type { ODataQuery } from './odata'

export const resourceUnitLimits: Readonly<Record<TenantSize, number>> = { S: 3500, M: 5000, L: 8000 }
const resourceUnitWindowMs = 10_000
const writeLimit = 3000
const writeWindowMs = 150_000
/** Throttled calls still count, down to this share of the bucket below zero. */
const maxDebt = 0.8
const tierRefreshMs = 10_000

export interface ThrottleSettings {
  readonly enabled: boolean
  /** Multiplies every limit (0.01 makes an S tenant 35 RU / 10 s; 10 makes it 35,000). */
  readonly scale: number
  /** The $batch envelope's status when an item was throttled: 200 (observed) or 424 (the throttling page's text). */
  readonly batchThrottledStatus: 200 | 424
}

export const defaultThrottleSettings: ThrottleSettings = {
  enabled: true,
  scale: 1,
  batchThrottledStatus: 200,
}

/** One continuously refilled budget. The level may go below zero: usage counts while throttled. */
class Bucket {
  private level: number
  private at: number

  constructor(
    readonly capacity: number,
    private readonly windowMs: number,
    now: number,
  ) {
    this.level = capacity
    this.at = now
  }

  available(now: number): number {
    if (now > this.at) {
      this.level = Math.min(this.capacity, this.level + ((now - this.at) * this.capacity) / this.windowMs)
      this.at = now
    }
    return this.level
  }

  take(amount: number, now: number): void {
    this.level = Math.max(-maxDebt * this.capacity, this.available(now) - amount)
  }

  /** Whole seconds (at least 1) until `amount` is available again. */
  secondsUntil(amount: number, now: number): number {
    const missing = amount - this.available(now)
    return Math.max(1, Math.ceil((missing * this.windowMs) / this.capacity / 1000))
  }

  /** Share of the bucket in use: 0 when full, 1 when empty, up to 1.8 in debt. */
  usage(now: number): number {
    return (this.capacity - this.available(now)) / this.capacity
  }
}

interface Pair {
  readonly appId: string
  readonly tenantId: string
  tier: TenantSize
  tierAt: number
  resourceUnits: Bucket
  writes: Bucket
}

export interface BucketLevels {
  readonly appId: string
  readonly tenantId: string
  readonly size: TenantSize
  readonly resourceUnits: {
    readonly limit: number
    readonly available: number
    readonly windowSeconds: number
  }
  readonly writes: { readonly limit: number; readonly available: number; readonly windowSeconds: number }
}

export interface ThrottleRequest {
  readonly appId: string
  readonly tenant: TenantRecord
  readonly method: HttpMethod
  readonly route: GraphRoute
  readonly query: ODataQuery
}

export interface ThrottleOutcome {
  /** x-ms-resource-unit and, above 80 % use, x-ms-throttle-limit-percentage. */
  readonly headers: Record<string, string>
  /** Set when the call is refused: throw it. */
  readonly refusal?: GraphError
}

/** The call's resource units (graph-api.md §7.5 modifiers; the minimum is 1). */
export function requestCost(route: GraphRoute, query: ODataQuery): number {
  let cost = route.cost ?? 1
  if (query.select !== undefined) cost -= 1
  if (query.expand !== undefined) cost += 1
  if (query.top !== undefined && query.top < 20) cost -= 1
  return Math.max(1, cost)
}

export function tierForUserCount(users: number): TenantSize {
  return users < 50 ? 'S' : users <= 500 ? 'M' : 'L'
}

const round = (n: number): number => Math.round(n * 1000) / 1000

export class Throttle {
  private current: ThrottleSettings = defaultThrottleSettings
  private readonly pairs = new Map<string, Pair>()

  constructor(
    private readonly clock: Clock,
    /** Live users in a tenant, for tenants without a fixed size. */
    private readonly userCount: (tenantId: string) => number,
  ) {}

  get settings(): ThrottleSettings {
    return this.current
  }

  /** New settings; every bucket starts full again under them. */
  configure(settings: ThrottleSettings): void {
    this.current = settings
    this.pairs.clear()
  }

  /** Refills every bucket. */
  refill(): void {
    this.pairs.clear()
  }

  charge(request: ThrottleRequest): ThrottleOutcome {
    const cost = requestCost(request.route, request.query)
    const headers: Record<string, string> = { 'x-ms-resource-unit': String(cost) }
    if (!this.current.enabled) return { headers }
    const now = this.clock.now().getTime()
    const pair = this.pair(request.appId, request.tenant, now)
    const isWrite = request.method !== 'GET'
    const needed = Math.min(cost, pair.resourceUnits.capacity)
    const outOfUnits = pair.resourceUnits.available(now) < needed
    const outOfWrites = isWrite && pair.writes.available(now) < Math.min(1, pair.writes.capacity)
    pair.resourceUnits.take(cost, now)
    if (isWrite) pair.writes.take(1, now)
    const usage = pair.resourceUnits.usage(now)
    if (usage > 0.8) headers['x-ms-throttle-limit-percentage'] = (Math.floor(usage * 10) / 10).toFixed(1)
    if (!outOfUnits && !outOfWrites) return { headers }
    const retryAfter = Math.max(
      outOfUnits ? pair.resourceUnits.secondsUntil(needed, now) : 0,
      outOfWrites ? pair.writes.secondsUntil(1, now) : 0,
    )
    const scope = `Tenant_Application/${outOfUnits ? 'ReadWrite' : 'Write'}/${pair.appId}/${pair.tenantId}`
    const information = outOfUnits ? 'ResourceUnitLimitExceeded' : 'WriteLimitExceeded'
    return { headers, refusal: graphErrors.tooManyRequests(retryAfter, scope, information) }
  }

  /** Every app + tenant pair seen since the last (re)configuration, refilled to now. */
  levels(): BucketLevels[] {
    const now = this.clock.now().getTime()
    return [...this.pairs.values()].map((pair) => ({
      appId: pair.appId,
      tenantId: pair.tenantId,
      size: pair.tier,
      resourceUnits: {
        limit: round(pair.resourceUnits.capacity),
        available: round(pair.resourceUnits.available(now)),
        windowSeconds: resourceUnitWindowMs / 1000,
      },
      writes: {
        limit: round(pair.writes.capacity),
        available: round(pair.writes.available(now)),
        windowSeconds: writeWindowMs / 1000,
      },
    }))
  }

  private pair(appId: string, tenant: TenantRecord, now: number): Pair {
    const key = `${appId}/${tenant.id}`
    let pair = this.pairs.get(key)
    if (pair === undefined) {
      const tier = this.tierOf(tenant)
      pair = {
        appId,
        tenantId: tenant.id,
        tier,
        tierAt: now,
        resourceUnits: new Bucket(this.limit(resourceUnitLimits[tier]), resourceUnitWindowMs, now),
        writes: new Bucket(this.limit(writeLimit), writeWindowMs, now),
      }
      this.pairs.set(key, pair)
    } else if (now - pair.tierAt >= tierRefreshMs) {
      pair.tierAt = now
      const tier = this.tierOf(tenant)
      if (tier !== pair.tier) {
        // A tenant that grew (or shrank) past a tier boundary gets the new bucket size, keeping its use.
        const used = pair.resourceUnits.capacity - pair.resourceUnits.available(now)
        pair.tier = tier
        pair.resourceUnits = new Bucket(this.limit(resourceUnitLimits[tier]), resourceUnitWindowMs, now)
        pair.resourceUnits.take(Math.max(0, used), now)
      }
    }
    return pair
  }

  private tierOf(tenant: TenantRecord): TenantSize {
    return tenant.size ?? tierForUserCount(this.userCount(tenant.id))
  }

  private limit(base: number): number {
    return Math.max(1, base * this.current.scale)
  }
}
