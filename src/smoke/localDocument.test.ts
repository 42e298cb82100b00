// The provider's contract, called directly as the engine would (the e2e test covers the real engine).
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as pulumi from '@pulumi/pulumi'
import { after, beforeEach, describe, it } from 'node:test'
import { LocalDocumentProvider } from './localDocument'

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'local-document-'))
after(() => fs.rmSync(scratch, { recursive: true, force: true }))

function stackConfig(values: Record<string, string>): pulumi.dynamic.Config {
  const get = (key: string): string | undefined => values[key.includes(':') ? key : `entra-topology:${key}`]
  return {
    get,
    require: (key) => {
      const value = get(key)
      if (value === undefined) throw new Error(`missing ${key}`)
      return value
    },
  }
}

describe('LocalDocumentProvider', () => {
  let dir: string
  let provider: LocalDocumentProvider

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(scratch, 'docs-'))
    provider = new LocalDocumentProvider()
    await provider.configure({ config: stackConfig({ 'entra-topology:documentStore': dir }) })
  })

  it('creates the document in the folder named by stack config and returns it as outputs', async () => {
    const created = await provider.create({ name: 'a', content: { k: 'v' } })
    const file = path.join(dir, 'a.json')
    assert.deepEqual(created, { id: 'a', outs: { name: 'a', content: { k: 'v' }, path: file } })
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { k: 'v' })
  })

  it('refuses to overwrite a document that already exists, naming it, unless told to adopt', async () => {
    fs.writeFileSync(path.join(dir, 'b.json'), '{"old":true}')
    await assert.rejects(
      provider.create({ name: 'b', content: {} }),
      /creating document 'b': .*b\.json already exists\. Set adopt: true/,
    )
    const adopted = await provider.create({ name: 'b', content: { new: true }, adopt: true })
    assert.deepEqual(adopted.outs?.content, { new: true })
  })

  it('reads live values as outputs and as inputs, so refresh sees hand edits', async () => {
    await provider.create({ name: 'c', content: { v: 1 } })
    fs.writeFileSync(path.join(dir, 'c.json'), '{"v":2}')
    const read = await provider.read('c')
    assert.deepEqual(read.inputs, { name: 'c', content: { v: 2 } })
    assert.deepEqual(read.props, { name: 'c', content: { v: 2 }, path: path.join(dir, 'c.json') })
  })

  it('reads a deleted document as gone (no id)', async () => {
    assert.deepEqual(await provider.read('never-created'), {})
  })

  it('updates in place and deletes, tolerating a document already gone', async () => {
    await provider.create({ name: 'd', content: { v: 1 } })
    const outs = await provider.update(
      'd',
      { name: 'd', content: { v: 1 }, path: '' },
      { name: 'd', content: { v: 3 } },
    )
    assert.deepEqual(outs.outs?.content, { v: 3 })
    await provider.delete('d')
    await provider.delete('d')
    assert.ok(!fs.existsSync(path.join(dir, 'd.json')))
  })

  it('reports every input problem at once and lets unknown preview values through', async () => {
    const bad = await provider.check({} as never, { name: 'Bad Name', content: 'text' } as never)
    assert.deepEqual(
      bad.failures?.map((f) => f.property),
      ['name', 'content'],
    )
    const unknown = await provider.check({} as never, { name: pulumi.runtime.unknownValue, content: {} })
    assert.deepEqual(unknown.failures, [])
  })

  it('fails clearly when used before configure()', async () => {
    await assert.rejects(new LocalDocumentProvider().read('x'), /used before configure\(\)/)
  })
})
