// withLightStacks: no stack traces while declaring (what makes the SDK's per-promise traces free), the
// limit restored afterwards (also when declaring throws), and full traces when asked for.
import assert from 'node:assert/strict'
import { afterEach, describe, it } from 'node:test'
import { withLightStacks } from './lightStacks'

describe('withLightStacks', () => {
  const saved = { ...process.env }
  afterEach(() => {
    process.env = { ...saved }
  })

  it('declares with Error.stackTraceLimit 0 and restores the limit, even when declaring throws', () => {
    const before = Error.stackTraceLimit
    const stack = withLightStacks(() => new Error('x').stack!)
    assert.equal(stack.split('\n').length, 1, stack)
    assert.equal(Error.stackTraceLimit, before)
    assert.throws(() =>
      withLightStacks(() => {
        throw new Error('declaring failed')
      }),
    )
    assert.equal(Error.stackTraceLimit, before)
  })

  it('keeps full stack traces with ENTRA_TOPOLOGY_FULL_STACKS=1 or PULUMI_DEBUG_PROMISE_LEAKS', () => {
    for (const [key, value] of [
      ['ENTRA_TOPOLOGY_FULL_STACKS', '1'],
      ['PULUMI_DEBUG_PROMISE_LEAKS', 'true'],
    ] as const) {
      process.env = { ...saved, [key]: value }
      const stack = withLightStacks(() => new Error('x').stack!)
      assert.ok(stack.split('\n').length > 1, `${key}: ${stack}`)
    }
  })
})
