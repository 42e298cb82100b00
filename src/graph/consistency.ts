// Entra's replication lag, handled in one place (graph-api.md §7.8, ten facts #9): a write is accepted
// and replicated asynchronously, so for a while after a create a read by id, or a write that references
// the new object, answers 404 Request_ResourceNotFound. Both helpers retry through that window with
// exponential back-off (0.25, 0.5, 1, 2, 4, 8, 8... s, each ±25 % jitter) until an explicit
// deadline, then throw a ConsistencyTimeoutError naming the tenant. No other code sleeps for this.
import { ConsistencyTimeoutError, GraphRequestError } from './errors'
import type { TenantGraph } from './tenantGraph'

export interface ConsistencyOptions {
  /** How long to keep trying, from the first attempt. @default 60_000 */
  readonly deadlineMs?: number
  /** The first wait; each next one doubles, up to maxDelayMs. @default 250 */
  readonly firstDelayMs?: number
  /** @default 8_000 */
  readonly maxDelayMs?: number
  readonly sleep?: (ms: number) => Promise<void>
  readonly now?: () => number
  readonly random?: () => number
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

const isNotFound = (error: unknown): boolean => error instanceof GraphRequestError && error.isNotFound

/** What one attempt gave: a value, or "not there yet" (a 404, kept as the timeout's cause, or undefined). */
type Attempt<T> =
  { readonly done: true; readonly value: T } | { readonly done: false; readonly cause?: unknown }

async function retryUntil<T>(
  graph: TenantGraph,
  what: string,
  attempt: () => Promise<Attempt<T>>,
  options: ConsistencyOptions,
): Promise<T> {
  const deadlineMs = options.deadlineMs ?? 60_000
  const maxDelayMs = options.maxDelayMs ?? 8_000
  const sleep = options.sleep ?? realSleep
  const now = options.now ?? Date.now
  const random = options.random ?? Math.random
  const start = now()
  let delay = options.firstDelayMs ?? 250
  for (;;) {
    const outcome = await attempt()
    if (outcome.done) return outcome.value
    const left = start + deadlineMs - now()
    if (left <= 0)
      throw new ConsistencyTimeoutError(
        graph.tenant,
        what,
        now() - start,
        outcome.cause === undefined ? undefined : { cause: outcome.cause },
      )
    // Jitter spreads the retries of many resources created together; the last wait ends at the deadline.
    await sleep(Math.min(left, delay * (0.75 + random() / 2)))
    delay = Math.min(maxDelayMs, delay * 2)
  }
}

/**
 * Reads an object created moments ago: retries `read` while it answers undefined or throws a 404
 * GraphRequestError, until the deadline. Use it where a create or update ends in a read.
 */
export function untilReadable<T>(
  graph: TenantGraph,
  what: string,
  read: () => Promise<T | undefined>,
  options: ConsistencyOptions = {},
): Promise<Exclude<T, undefined>> {
  return retryUntil<Exclude<T, undefined>>(
    graph,
    what,
    async () => {
      try {
        const value = await read()
        return value === undefined ? { done: false } : { done: true, value: value as Exclude<T, undefined> }
      } catch (error) {
        if (isNotFound(error)) return { done: false, cause: error }
        throw error
      }
    },
    options,
  )
}

/**
 * A write that references an object created moments ago (a member added to a new group, a policy for a
 * new partner): retries `action` while it throws a 404 GraphRequestError, until the deadline. The
 * action must be safe to repeat after a 404 (Graph did nothing).
 */
export function retryWhileNotFound<T>(
  graph: TenantGraph,
  what: string,
  action: () => Promise<T>,
  options: ConsistencyOptions = {},
): Promise<T> {
  return retryUntil<T>(
    graph,
    what,
    async () => {
      try {
        return { done: true, value: await action() }
      } catch (error) {
        if (isNotFound(error)) return { done: false, cause: error }
        throw error
      }
    },
    options,
  )
}
