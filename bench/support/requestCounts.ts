// Counting the requests an in-process emulator serves, two ways, for benchmarks:
// - the emulator's own counters (GET /_emulator/counters): every Graph operation it ran, by route
//   template and status. A $batch call shows up once as its envelope and once per item under the
//   item's own route (each item goes through the same pipeline as a standalone request, and Graph
//   charges its throttling budget per item too);
// - HTTP requests on the wire, from node's `http.server.request.start` diagnostics channel in this
//   process, where the emulator listens: a $batch call is one request there. The emulator keeps no
//   wire count of its own, and src/emulator is not the benchmark's to change.
// Token requests (the authority's /oauth2/v2.0/token, discovery and keys) are a different endpoint from
// Graph on the same port; they are counted apart and never added to Graph's figures.
import * as diagnostics from 'node:diagnostics_channel'
import type { IncomingMessage } from 'node:http'

export interface WireCounts {
  /** HTTP requests to /v1.0 and /beta, $batch calls included (each counts once). */
  graph: number
  /** Of those, $batch calls. */
  batches: number
  /** Token endpoint, OpenID discovery and signing keys. */
  token: number
  /** The admin API (the benchmark's own calls). */
  admin: number
}

export interface WireCounter {
  reset(): void
  snapshot(): WireCounts
}

const zero = (): WireCounts => ({ graph: 0, batches: 0, token: 0, admin: 0 })

/** Counts every HTTP request an HTTP(S) server of this process receives, from now on. */
export function countWireRequests(): WireCounter {
  let counts = zero()
  diagnostics.subscribe('http.server.request.start', (message) => {
    const url = (message as { request: IncomingMessage }).request.url ?? '/'
    const pathname = url.split('?')[0]!
    if (/^\/(v1\.0|beta)(\/|$)/.test(pathname)) {
      counts.graph++
      if (/\/(\$|%24)batch\/?$/i.test(pathname)) counts.batches++
    } else if (pathname.startsWith('/_emulator')) counts.admin++
    else counts.token++
  })
  return {
    reset: () => void (counts = zero()),
    snapshot: () => ({ ...counts }),
  }
}

export interface CounterRow {
  readonly route: string
  readonly status: number
  readonly count: number
}

export interface EmulatorCounts {
  /** Graph operations the emulator ran: standalone requests and $batch items, envelopes left out. */
  operations: number
  /** $batch envelopes. */
  batches: number
  /** Token endpoint, discovery and keys. */
  token: number
  /** Graph answers with status 429 (throttled), items included. */
  throttled: number
  /** Graph operations by route template ("GET /v1.0/groups/{id}"), statuses summed. */
  byRoute: Record<string, number>
}

/** Sorts the emulator's counter rows (GET /_emulator/counters) into Graph, $batch, token and admin. */
export function classifyCounters(rows: readonly CounterRow[]): EmulatorCounts {
  const counts: EmulatorCounts = { operations: 0, batches: 0, token: 0, throttled: 0, byRoute: {} }
  for (const { route, status, count } of rows) {
    const target = route.slice(route.indexOf(' ') + 1)
    if (target.startsWith('/_emulator')) continue
    if (!/^\/(v1\.0|beta)(\/|$)/.test(target)) {
      counts.token += count
      continue
    }
    if (status === 429) counts.throttled += count
    if (/\/\$batch$/.test(target)) {
      counts.batches += count
      continue
    }
    counts.operations += count
    counts.byRoute[route] = (counts.byRoute[route] ?? 0) + count
  }
  return counts
}
