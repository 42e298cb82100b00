// The replication-lag policy on a fake clock: waits that double from firstDelayMs (with jitter) up to
// maxDelayMs, the last one cut at the deadline, undefined and 404 both meaning "not yet", anything else
// thrown at once. Over the wire against the emulator's lag: consistency.integ.test.ts.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cloudEndpoints } from './clouds'
import { retryWhileNotFound, untilReadable, type ConsistencyOptions } from './consistency'
import { createCredential } from './credentials'
import { ConsistencyTimeoutError, GraphRequestError } from './errors'
import { TenantGraph } from './tenantGraph'

// Sends nothing here: the helpers only name the tenant.
const endpoints = cloudEndpoints('global')
const graph = new TenantGraph({
  tenant: 'emea (7f3c2a10)',
  endpoints,
  credential: createCredential('7f3c2a10', endpoints, {
    kind: 'clientSecret',
    clientId: 'a',
    clientSecret: 's',
  }),
})

/** A clock that only moves when slept on; the waits it saw; random fixed at the jitter's middle. */
function fakeTime(extra: Partial<ConsistencyOptions> = {}): { waits: number[]; options: ConsistencyOptions } {
  let now = 0
  const waits: number[] = []
  return {
    waits,
    options: {
      now: () => now,
      sleep: (ms) => {
        waits.push(ms)
        now += ms
        return Promise.resolve()
      },
      random: () => 0.5,
      ...extra,
    },
  }
}

const graphError = (status: number, code: string): GraphRequestError =>
  new GraphRequestError({
    operation: 'read the partner configuration for apac',
    permissions: ['Policy.Read.All'],
    tenant: graph.tenant,
    method: 'GET',
    url: 'https://graph.microsoft.com/v1.0/policies/crossTenantAccessPolicy/partners/x',
    status,
    code,
    graphMessage: 'Resource does not exist.',
    requestId: 'r-1',
  })

describe('untilReadable', () => {
  it('retries undefined and 404 answers with doubling waits until the object reads', async () => {
    const { waits, options } = fakeTime()
    const answers: (() => string | undefined)[] = [
      () => undefined,
      () => {
        throw graphError(404, 'Request_ResourceNotFound')
      },
      () => undefined,
      () => 'the partner',
    ]
    let calls = 0
    const value = await untilReadable(
      graph,
      'the partner',
      () => Promise.resolve().then(answers[calls++]),
      options,
    )
    assert.equal(value, 'the partner')
    assert.deepEqual(waits, [250, 500, 1000])
  })

  it('spreads the waits with jitter (0.75x to 1.25x) and caps them at maxDelayMs', async () => {
    for (const [random, first] of [
      [0, 750],
      [0.999999, 1250],
    ] as const) {
      const { waits, options } = fakeTime({ random: () => random, firstDelayMs: 1000, maxDelayMs: 4000 })
      let calls = 0
      await untilReadable(
        graph,
        'the partner',
        () => Promise.resolve(++calls === 6 ? 'x' : undefined),
        options,
      )
      assert.equal(Math.round(waits[0]!), first)
      assert.deepEqual(
        waits.map((w) => Math.round(w / (first / 1000))),
        [1000, 2000, 4000, 4000, 4000],
      )
    }
  })

  it('gives up at the deadline with a ConsistencyTimeoutError naming the tenant, the last 404 as cause', async () => {
    const { waits, options } = fakeTime({ deadlineMs: 2000 })
    const notFound = graphError(404, 'Request_ResourceNotFound')
    const error = await untilReadable(
      graph,
      'the partner configuration for apac',
      () => Promise.reject(notFound),
      options,
    ).catch((e: unknown) => e)
    assert.ok(error instanceof ConsistencyTimeoutError)
    // 250 + 500 + 1000, then the last wait ends at the deadline (250 ms left) and one more read fails.
    assert.deepEqual(waits, [250, 500, 1000, 250])
    assert.equal(error.waitedMs, 2000)
    assert.equal(error.cause, notFound)
    assert.equal(
      error.message,
      "tenant emea (7f3c2a10): the partner configuration for apac was created but was still not readable after 2.0 s (Entra's replication lag); run again, the next run finds it",
    )
  })

  it('throws any other error at once', async () => {
    const { waits, options } = fakeTime()
    const denied = graphError(403, 'Authorization_RequestDenied')
    await assert.rejects(
      untilReadable(graph, 'the partner', () => Promise.reject(denied), options),
      (e) => e === denied,
    )
    assert.deepEqual(waits, [])
  })
})

describe('retryWhileNotFound', () => {
  it('repeats a write while it answers 404, and returns what it finally answers', async () => {
    const { waits, options } = fakeTime()
    let calls = 0
    const result = await retryWhileNotFound(
      graph,
      'the group emea-sales',
      () =>
        ++calls < 3
          ? Promise.reject(graphError(404, 'Request_ResourceNotFound'))
          : Promise.resolve(undefined),
      options,
    )
    // undefined is a write's normal answer (204), not "not yet".
    assert.equal(result, undefined)
    assert.equal(calls, 3)
    assert.deepEqual(waits, [250, 500])
  })
})
