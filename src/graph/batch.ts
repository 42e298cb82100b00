// JSON batching (graph-api.md §7.4): many small requests to one tenant in POST /$batch calls of at most
// 20, answered in the caller's order. Graph evaluates (and throttles) every item on its own and the SDKs
// do not retry throttled items, so this does: items answered 429, 503 or 504 are sent again (only
// those, filling the next batch call) after the largest Retry-After among them, or a jittered
// exponential back-off when none says, a bounded number of times. An item that still fails carries a
// GraphRequestError in its result (returned, so callers decide: a 404 on a delete is fine); a failure of
// the batch call itself (token, 400 envelope, network) throws. batchOrThrow throws the first item error.
import { GraphRequestError, type GraphOperation } from './errors'
import type { GraphMethod, Json, TenantGraph } from './tenantGraph'

export const maxBatchSize = 20

export interface BatchItem {
  readonly method: GraphMethod
  /** Relative to the version root, as in a batch: '/users/{id}', never '/v1.0/users' or an absolute URL. */
  readonly url: string
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
  /** This item's part of the work, for its error ("add emea's group member ada"); default: the batch's. */
  readonly operation?: string
}

export interface BatchResult<T = Json> {
  readonly status: number
  /** The item's answer; undefined for 204 and for a failed item (its error has the details). */
  readonly body: T | undefined
  readonly headers: Readonly<Record<string, string>>
  /** Set when the item failed (status outside 2xx), after its retries. */
  readonly error?: GraphRequestError
}

export interface BatchOptions {
  readonly version?: 'v1.0' | 'beta'
  /** Times one item is sent again after a 429/503/504. @default 6 */
  readonly maxRetries?: number
  /** Back-off when no throttled item says Retry-After: this, doubled per attempt, plus jitter. @default 1000 */
  readonly firstDelayMs?: number
  /** The longest wait between two batch calls, whatever Retry-After says. @default 180_000 */
  readonly maxDelayMs?: number
  readonly sleep?: (ms: number) => Promise<void>
  readonly random?: () => number
}

interface ItemResponse {
  readonly id: string
  readonly status: number
  readonly headers?: Record<string, string>
  readonly body?: unknown
}

// An array, not a Set: Pulumi's closure serializer ships module-level values into the provider, and a
// Set does not survive it (closureSafety.test.ts).
const retryable: readonly number[] = [429, 503, 504]
const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function checkUrl(item: BatchItem, index: number): void {
  if (!item.url.startsWith('/') || /^\/(v1\.0|beta)(\/|\?|$)/i.test(item.url))
    throw new Error(
      `batch request ${index} (${item.method} ${item.url}): the url must be relative to the version root, such as /users/{id}`,
    )
}

function header(headers: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === name) return value
  return undefined
}

/** Retry-After in ms (Graph sends seconds; an HTTP date is allowed too), or undefined. */
function retryAfterMs(headers: Readonly<Record<string, string>> | undefined): number | undefined {
  const value = header(headers, 'retry-after')
  if (value === undefined) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

function requestBody(item: BatchItem, id: string): Json {
  const headers: Record<string, string> = { ...item.headers }
  if (item.body !== undefined && header(headers, 'content-type') === undefined)
    headers['Content-Type'] = 'application/json'
  return {
    id,
    method: item.method,
    url: item.url,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(item.body !== undefined ? { body: item.body } : {}),
  }
}

/** The responses of one batch call; a 424 envelope (throttling's documented wording) still carries them. */
async function send(
  graph: TenantGraph,
  op: GraphOperation,
  requests: Json[],
  version: 'v1.0' | 'beta',
): Promise<ItemResponse[]> {
  let reply: { responses?: ItemResponse[] } | undefined
  try {
    reply = await graph.request(op, 'POST', '/$batch', { body: { requests }, version })
  } catch (error) {
    const cause = error instanceof GraphRequestError ? (error.cause as { body?: unknown }) : undefined
    const body = cause?.body as { responses?: ItemResponse[] } | undefined
    if (!(error instanceof GraphRequestError && error.status === 424 && Array.isArray(body?.responses)))
      throw error
    reply = body
  }
  if (!Array.isArray(reply?.responses))
    throw new Error(`tenant ${graph.tenant}: ${op.operation}: the $batch answer has no responses array`)
  return reply.responses
}

function itemError(
  graph: TenantGraph,
  op: GraphOperation,
  item: BatchItem,
  version: string,
  response: ItemResponse,
): GraphRequestError {
  const error = (response.body as { error?: Json } | undefined)?.error ?? {}
  const inner = (error.innerError ?? error.innererror) as Json | undefined
  const requestId = inner?.['request-id'] ?? header(response.headers, 'request-id')
  return new GraphRequestError({
    ...op,
    ...(item.operation === undefined ? {} : { operation: item.operation }),
    tenant: graph.tenant,
    method: item.method,
    url: `${graph.graphRoot}/${version}${item.url}`,
    status: response.status,
    code: typeof error.code === 'string' ? error.code : 'unknown',
    graphMessage: typeof error.message === 'string' ? error.message : JSON.stringify(response.body ?? null),
    requestId: typeof requestId === 'string' ? requestId : undefined,
  })
}

/** Sends `requests` in batch calls of at most 20 and answers one result per request, in their order. */
export async function batch<T = Json>(
  graph: TenantGraph,
  op: GraphOperation,
  requests: readonly BatchItem[],
  options: BatchOptions = {},
): Promise<BatchResult<T>[]> {
  requests.forEach(checkUrl)
  const version = options.version ?? 'v1.0'
  const maxRetries = options.maxRetries ?? 6
  const firstDelayMs = options.firstDelayMs ?? 1000
  const maxDelayMs = options.maxDelayMs ?? 180_000
  const sleep = options.sleep ?? realSleep
  const random = options.random ?? Math.random
  const results: BatchResult<T>[] = new Array<BatchResult<T>>(requests.length)
  const attempts = new Array<number>(requests.length).fill(0)
  const fresh = requests.map((_, index) => index)
  const again: number[] = []
  while (again.length > 0 || fresh.length > 0) {
    // Items waiting for a retry go first; new ones fill the call up to 20.
    const chunk = again.splice(0, maxBatchSize)
    chunk.push(...fresh.splice(0, maxBatchSize - chunk.length))
    const responses = await send(
      graph,
      op,
      chunk.map((index, n) => requestBody(requests[index]!, String(n + 1))),
      version,
    )
    const byId = new Map(responses.map((r) => [String(r.id), r]))
    let waitMs: number | undefined
    chunk.forEach((index, n) => {
      const item = requests[index]!
      const response: ItemResponse = byId.get(String(n + 1)) ?? {
        id: String(n + 1),
        status: 502,
        body: { error: { code: 'missingBatchResponse', message: 'the $batch answer left this request out' } },
      }
      if (retryable.includes(response.status) && attempts[index]! < maxRetries) {
        attempts[index]!++
        const backOff = firstDelayMs * 2 ** (attempts[index]! - 1) * (1 + random() / 2)
        waitMs = Math.max(waitMs ?? 0, retryAfterMs(response.headers) ?? backOff)
        again.push(index)
        return
      }
      const ok = response.status >= 200 && response.status < 300
      results[index] = {
        status: response.status,
        body: (ok ? response.body : undefined) as T | undefined,
        headers: response.headers ?? {},
        ...(ok ? {} : { error: itemError(graph, op, item, version, response) }),
      }
    })
    if (waitMs !== undefined) await sleep(Math.min(waitMs, maxDelayMs))
  }
  return results
}

/** batch, throwing the first item error (in request order) instead of returning it. */
export async function batchOrThrow<T = Json>(
  graph: TenantGraph,
  op: GraphOperation,
  requests: readonly BatchItem[],
  options: BatchOptions = {},
): Promise<BatchResult<T>[]> {
  const results = await batch<T>(graph, op, requests, options)
  const failed = results.find((r) => r.error !== undefined)
  if (failed?.error !== undefined) throw failed.error
  return results
}
