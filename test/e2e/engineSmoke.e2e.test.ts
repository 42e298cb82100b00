// The real Pulumi engine, end to end, on the smoke program: up, a no-op second up, drift made out of
// band and caught by `preview --refresh --expect-no-changes` (exit 7), repair, and destroy.
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createPulumiWorkspace, type PulumiWorkspace } from './pulumiWorkspace'

const stack = 'e2e'
const secretValue = 'smoke-secret-value-1b0f9d'

describe('the real pulumi engine on the smoke program', { timeout: 600_000 }, () => {
  let ws: PulumiWorkspace
  let documentFile: string

  before(async () => {
    ws = await createPulumiWorkspace()
    documentFile = path.join(ws.dir, 'documents', 'engine-check.json')
    await ws.expect(['stack', 'init', stack])
    await ws.expect(['config', 'set', 'documentStore', path.join(ws.dir, 'documents')])
    // A secret in stack config reaches the provider's configure() in clear, and must stay encrypted in state.
    await ws.expect(['config', 'set', '--secret', 'apiToken', secretValue])
  })
  after(() => ws?.dispose())

  it('creates the document on the first up and reports its outputs', async () => {
    const up = await ws.expect(['up', '--yes', '--skip-preview'])
    assert.match(up.stdout, /\+ 2 created/)
    const content: unknown = JSON.parse(fs.readFileSync(documentFile, 'utf8'))
    assert.deepEqual(content, { project: 'entra-topology', stack, greeting: 'hello from entra-topology' })
    const outputs = JSON.parse((await ws.expect(['stack', 'output', '--json'])).stdout) as Record<
      string,
      unknown
    >
    assert.equal(outputs.documentPath, documentFile)
  })

  it('changes nothing on a second up', async () => {
    const up = await ws.expect(['up', '--yes', '--expect-no-changes'])
    assert.match(up.stdout, /2 unchanged/)
  })

  it('keeps a secret from stack config out of the state file', () => {
    const state = readState(ws.stateDir)
    assert.ok(!state.includes(secretValue), 'the secret config value appears in clear in the state file')
    // The engine hands the whole stack config to the dynamic provider (as the default provider's
    // inputs): the secret must be there encrypted, which is how configure() can read it.
    const checkpoint = JSON.parse(fs.readFileSync(stackFile(ws.stateDir), 'utf8')) as Checkpoint
    const provider = checkpoint.checkpoint.latest.resources.find(
      (r) => r.type === 'pulumi:providers:pulumi-nodejs',
    )
    const stored = provider?.inputs?.['entra-topology:apiToken'] as { ciphertext?: string } | undefined
    assert.match(stored?.ciphertext ?? '', /^v1:/, 'the provider does not hold the secret as ciphertext')
  })

  it('finds no drift before anything changes', async () => {
    await ws.expect(['preview', '--refresh', '--expect-no-changes'])
  })

  it('exits 7 from preview --refresh --expect-no-changes after an out-of-band edit, naming the field', async () => {
    const edited = { project: 'entra-topology', stack, greeting: 'edited by hand' }
    fs.writeFileSync(documentFile, JSON.stringify(edited))
    const preview = await ws.expect(['preview', '--refresh', '--expect-no-changes', '--diff'], 7)
    assert.match(preview.stdout, /greeting/)
    assert.match(preview.stdout, /edited by hand/)
    assert.match(preview.stdout + preview.stderr, /no changes were expected/)
  })

  it('repairs the drift with up --refresh, then reports none', async () => {
    await ws.expect(['up', '--yes', '--refresh'])
    assert.equal(
      (JSON.parse(fs.readFileSync(documentFile, 'utf8')) as { greeting: string }).greeting,
      'hello from entra-topology',
    )
    await ws.expect(['preview', '--refresh', '--expect-no-changes'])
  })

  it('exits 7 after the document is deleted out of band', async () => {
    fs.rmSync(documentFile)
    const preview = await ws.expect(['preview', '--refresh', '--expect-no-changes'], 7)
    assert.match(preview.stdout, /\+ 1 to create/)
  })

  it('destroys everything it created and leaves no document behind', async () => {
    await ws.expect(['up', '--yes', '--refresh'])
    assert.ok(fs.existsSync(documentFile))
    const destroy = await ws.expect(['destroy', '--yes'])
    assert.match(destroy.stdout, /2 deleted/)
    assert.ok(!fs.existsSync(documentFile), 'the document is still there after destroy')
    await ws.expect(['stack', 'rm', '--yes'])
  })
})

interface Checkpoint {
  checkpoint: { latest: { resources: { type: string; inputs?: Record<string, unknown> }[] } }
}

function stackFile(stateDir: string): string {
  return path.join(stateDir, '.pulumi', 'stacks', 'entra-topology', `${stack}.json`)
}

/** Every JSON file in the file backend (stack, history and backups), concatenated. */
function readState(stateDir: string): string {
  const texts: string[] = []
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.json')) texts.push(fs.readFileSync(full, 'utf8'))
    }
  }
  walk(stateDir)
  assert.ok(texts.length > 0, `no state files under ${stateDir}`)
  return texts.join('\n')
}
