import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { after, describe, it } from 'node:test'
import { DocumentStore, documentNameProblem } from './documentStore'

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'document-store-'))
after(() => fs.rmSync(scratch, { recursive: true, force: true }))

describe('DocumentStore', () => {
  it('writes a document and reads it back, creating the folder', async () => {
    const store = new DocumentStore(path.join(scratch, 'nested', 'docs'))
    await store.put('a', { x: 1 })
    assert.deepEqual(await store.tryGet('a'), { name: 'a', content: { x: 1 }, path: store.pathOf('a') })
  })

  it('reads a missing document as undefined', async () => {
    assert.equal(await new DocumentStore(scratch).tryGet('nope'), undefined)
  })

  it('refuses a file that is not a JSON object, naming the file', async () => {
    const store = new DocumentStore(scratch)
    fs.writeFileSync(store.pathOf('list'), '[1,2]')
    await assert.rejects(store.tryGet('list'), /list\.json: expected a JSON object/)
  })

  it('removes a document, and removing it again is not an error', async () => {
    const store = new DocumentStore(scratch)
    await store.put('gone', {})
    await store.remove('gone')
    await store.remove('gone')
    assert.equal(await store.tryGet('gone'), undefined)
  })

  it('accepts lowercase names with dashes and explains what else is allowed', () => {
    assert.equal(documentNameProblem('engine-check'), undefined)
    assert.match(documentNameProblem('../escape') ?? '', /'\.\.\/escape' is not allowed: use 1-63 lowercase/)
    assert.match(documentNameProblem(42) ?? '', /expected a string, got number/)
  })
})
