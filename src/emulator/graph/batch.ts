// JSON batching, POST /v1.0/$batch and /beta/$batch (graph-api.md §7.4, fact 10): up to 20 requests,
// each run through the same pipeline as a standalone request (the batch's bearer token, routing,
// permissions, faults, throttling, handler, audit) and answered as {id, status, headers, body} in a
// 200 envelope. dependsOn orders execution; an item whose dependency failed gets 424.
//
// LIMITATIONS (differences from Graph, and guesses):
// - The emulator is single-threaded: items run one after another, in request order, except that an item
//   runs after the items it depends on. Responses come back in that execution order. Each item is its
//   own transaction (Graph batches are not atomic either).
// - Whole-batch 400 (code BadRequest; the messages are the emulator's, Graph's are UNCONFIRMED): a body
//   that is not JSON, unknown properties, no requests or more than 20, an item without id/method/url,
//   ids repeated (case-insensitively), dependsOn naming an unknown id or making a cycle, and a body
//   without a Content-Type header.
// - Per-item 400 (BadRequest): a url that is absolute or starts with /v1.0 or /beta. Graph's answer to
//   those is UNCONFIRMED (it may fail the whole batch).
// - Per-item 501: bodies that are not JSON (base64, with a non-JSON Content-Type).
// - The 424 body (code FailedDependency) is UNCONFIRMED. A failure is any status outside 2xx.
// - A throttled item gets 429 with its own Retry-After and the envelope stays 200; PUT
//   /_emulator/throttling {"batchThrottledStatus": 424} makes the envelope 424 instead (the throttling
//   page's wording), still with every item's response in the body.
// - The items' Authorization is always the batch's; an item's own Authorization header is ignored.
import { GraphError, graphErrors } from '../errors'
import { graphJsonType } from '../http/io'
import type { Reply } from './context'
import {
  authenticate,
  errorReply,
  requestIds,
  responseHeaders,
  serveGraphRequest,
  type GraphOutcome,
  type GraphRequest,
  type GraphServices,
} from './pipeline'

export const maxBatchRequests = 20

interface BatchItem {
  readonly id: string
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
  readonly dependsOn: readonly string[]
}

interface ItemResponse {
  readonly id: string
  readonly status: number
  readonly headers: Record<string, string>
  readonly body?: unknown
}

const itemProperties = ['id', 'method', 'url', 'headers', 'body', 'dependsOn']
/** Envelope-level headers that say nothing about one item. */
const envelopeOnly = new Set(['strict-transport-security', 'x-ms-ags-diagnostic'])

export function isBatchPath(path: string): boolean {
  return /^\/(\$|%24)batch\/?$/i.test(path)
}

const invalid = (message: string): GraphError => new GraphError(400, 'BadRequest', message)

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function parseItem(value: unknown, index: number): BatchItem {
  const where = `requests[${index}]`
  if (!isObject(value)) throw invalid(`${where} must be a JSON object with id, method and url.`)
  const unknown = Object.keys(value).filter((k) => !itemProperties.includes(k))
  if (unknown.length > 0)
    throw invalid(
      `${where} has the unknown propert${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')}; a request has ${itemProperties.join(', ')}.`,
    )
  const { id, method, url, headers, body, dependsOn } = value
  if (typeof id !== 'string' || id === '') throw invalid(`${where}.id must be a non-empty string.`)
  if (typeof method !== 'string' || method === '')
    throw invalid(`${where}.method (request '${id}') must be an HTTP method such as GET.`)
  if (typeof url !== 'string' || url === '')
    throw invalid(
      `${where}.url (request '${id}') must be a URL relative to the version root, such as /users.`,
    )
  if (
    headers !== undefined &&
    (!isObject(headers) || !Object.values(headers).every((h) => typeof h === 'string'))
  )
    throw invalid(`${where}.headers (request '${id}') must be an object of header names to string values.`)
  const lowered: Record<string, string> = {}
  for (const [name, text] of Object.entries(headers ?? {})) lowered[name.toLowerCase()] = text as string
  if (body !== undefined && lowered['content-type'] === undefined)
    throw invalid(`Request '${id}' has a body, so its headers must include Content-Type.`)
  if (
    dependsOn !== undefined &&
    (!Array.isArray(dependsOn) || !dependsOn.every((d) => typeof d === 'string'))
  )
    throw invalid(`${where}.dependsOn (request '${id}') must be an array of request ids.`)
  return {
    id,
    method: method.toUpperCase(),
    url,
    headers: lowered,
    body,
    dependsOn: dependsOn ?? [],
  }
}

function parseBatch(bodyText: string): BatchItem[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(bodyText)
  } catch {
    throw invalid('Invalid batch payload format: the body is not JSON.')
  }
  if (!isObject(parsed) || !Array.isArray(parsed.requests))
    throw invalid('Invalid batch payload format: expected {"requests":[{"id","method","url",...}]}.')
  const extra = Object.keys(parsed).filter((k) => k !== 'requests')
  if (extra.length > 0)
    throw invalid(
      `Invalid batch payload format: unknown property ${extra.join(', ')}; the body has only "requests".`,
    )
  const count = parsed.requests.length
  if (count === 0) throw invalid('The batch has no requests; send 1 to 20.')
  if (count > maxBatchRequests)
    throw invalid(`The batch has ${count} requests; at most ${maxBatchRequests} are allowed in one batch.`)
  const items = parsed.requests.map(parseItem)
  const seen = new Set<string>()
  for (const item of items) {
    const key = item.id.toLowerCase()
    if (seen.has(key))
      throw invalid(
        `The request id '${item.id}' appears more than once (ids are compared case-insensitively).`,
      )
    seen.add(key)
  }
  for (const item of items)
    for (const dependency of item.dependsOn)
      if (!seen.has(dependency.toLowerCase()) || dependency.toLowerCase() === item.id.toLowerCase())
        throw invalid(
          `Request '${item.id}' depends on '${dependency}', which is not another request of this batch.`,
        )
  return items
}

/** Request order, except that an item comes after the items it depends on. */
function executionOrder(items: readonly BatchItem[]): BatchItem[] {
  const byId = new Map(items.map((item) => [item.id.toLowerCase(), item]))
  const order: BatchItem[] = []
  const state = new Map<BatchItem, 'visiting' | 'done'>()
  const visit = (item: BatchItem): void => {
    if (state.get(item) === 'done') return
    if (state.get(item) === 'visiting') throw invalid(`The dependsOn of request '${item.id}' makes a cycle.`)
    state.set(item, 'visiting')
    for (const dependency of item.dependsOn) visit(byId.get(dependency.toLowerCase())!)
    state.set(item, 'done')
    order.push(item)
  }
  items.forEach(visit)
  return order
}

function itemResponse(id: string, reply: Reply): ItemResponse {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(reply.headers ?? {}))
    if (!envelopeOnly.has(name.toLowerCase())) headers[name] = value
  if (reply.body === undefined || reply.status === 204) return { id, status: reply.status, headers }
  return {
    id,
    status: reply.status,
    headers: { ...headers, 'Content-Type': graphJsonType },
    body: reply.body,
  }
}

/** An item answered by the batch layer itself (bad url, non-JSON body, failed dependency). */
function itemError(services: GraphServices, item: BatchItem, error: GraphError): ItemResponse {
  const ids = requestIds(item.headers)
  return itemResponse(item.id, errorReply(error, ids, services.clock.now(), responseHeaders(ids)))
}

function runItem(services: GraphServices, batch: GraphRequest, item: BatchItem): GraphOutcome | GraphError {
  const url = item.url.startsWith('/') ? item.url : `/${item.url}`
  if (/^[a-z][a-z0-9+.-]*:/i.test(item.url) || /^\/(v1\.0|beta)(\/|\?|$)/i.test(url))
    return invalid(
      `The url '${item.url}' of request '${item.id}' must be relative to the version root, such as /users (not /${batch.version}/users or an absolute URL).`,
    )
  let bodyText = ''
  if (item.body !== undefined) {
    if (!/json/i.test(item.headers['content-type'] ?? ''))
      return graphErrors.notImplemented(
        `non-JSON (base64) bodies in $batch requests (request '${item.id}' has Content-Type ${item.headers['content-type']})`,
      )
    bodyText = JSON.stringify(item.body)
  }
  const parsed = new URL(url, 'https://batch.invalid')
  const headers: Record<string, string> = { ...item.headers }
  if (typeof batch.headers.authorization === 'string') headers.authorization = batch.headers.authorization
  else delete headers.authorization
  return serveGraphRequest(services, {
    method: item.method,
    version: batch.version,
    path: parsed.pathname,
    search: parsed.searchParams,
    headers,
    bodyText,
    origin: batch.origin,
  })
}

export function serveBatchRequest(services: GraphServices, request: GraphRequest): GraphOutcome {
  const ids = requestIds(request.headers)
  const now = services.clock.now()
  const routeKey = `POST /${request.version}/$batch`
  let latencyMs = services.traffic?.faults.latencyFor(undefined) ?? 0
  try {
    if (request.method !== 'POST') throw graphErrors.methodNotAllowed(request.method, request.path)
    authenticate(services, request.headers, now)
    const items = executionOrder(parseBatch(request.bodyText))
    const statuses = new Map<string, number>()
    const responses: ItemResponse[] = []
    latencyMs = 0
    for (const item of items) {
      const failed = item.dependsOn.find((d) => {
        const status = statuses.get(d.toLowerCase())!
        return status < 200 || status >= 300
      })
      let response: ItemResponse
      if (failed !== undefined) {
        const message = `Request '${item.id}' was not run: it depends on request '${failed}', which failed with status ${statuses.get(failed.toLowerCase())}.`
        response = itemError(services, item, new GraphError(424, 'FailedDependency', message))
      } else {
        const outcome = runItem(services, request, item)
        if (outcome instanceof GraphError) response = itemError(services, item, outcome)
        else {
          latencyMs = Math.max(latencyMs, outcome.latencyMs)
          response = itemResponse(item.id, outcome.reply)
        }
      }
      statuses.set(item.id.toLowerCase(), response.status)
      responses.push(response)
    }
    const throttled = responses.some((r) => r.status === 429)
    const status = throttled && services.traffic?.throttle.settings.batchThrottledStatus === 424 ? 424 : 200
    services.counters.record(routeKey, status)
    return { reply: { status, body: { responses }, headers: responseHeaders(ids) }, latencyMs }
  } catch (error) {
    if (!(error instanceof GraphError)) throw error
    services.counters.record(routeKey, error.status)
    return { reply: errorReply(error, ids, now, responseHeaders(ids)), latencyMs }
  }
}
