// The no-op provider's contract, called directly as the engine would (the refresh benchmark drives it
// through the real engine): read hands back exactly what is stored, so a refresh never sees drift.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { declareNoops, NoopProvider, paddingText } from './noop'

describe('NoopProvider', () => {
  const provider = new NoopProvider()

  it('creates with an id naming the index and the inputs as outputs', async () => {
    assert.deepEqual(await provider.create({ index: 7 }), { id: 'noop-7', outs: { index: 7 } })
  })

  it('reads back the stored props unchanged, as outputs and as inputs', async () => {
    assert.deepEqual(await provider.read('noop-3', { index: 3 }), {
      id: 'noop-3',
      props: { index: 3 },
      inputs: { index: 3 },
    })
  })

  it('refuses an import (nothing stored to read back)', async () => {
    await assert.rejects(provider.read('noop-3'), /not importable/)
  })

  it('refuses a count or a padding that is not a whole number before declaring anything', () => {
    assert.throws(() => declareNoops(2.5), /noopCount is 2.5; set a whole number/)
    assert.throws(() => declareNoops(-1), /noopCount is -1/)
    assert.throws(() => declareNoops(1, 0.5), /noopProviderPadding is 0.5/)
  })

  it('pads with JavaScript text of exactly the length asked for, longer than one source file', () => {
    assert.equal(paddingText(0), '')
    const text = paddingText(300_000)
    assert.equal(text.length, 300_000)
    assert.match(text, /function /)
    assert.equal(new NoopProvider(text).padding, text)
  })
})
