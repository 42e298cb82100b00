// `entra-topology drift` through its entry point: exit 3 with drift and 0 without, the report written
// either way, and the errors that stop it (1) or are usage (2).
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { main } from './main'

const fixtures = path.resolve(__dirname, '../../test/fixtures/previews')
const preview = path.join(fixtures, 'conglomerate-drift.preview.json')
const audit = path.join(fixtures, 'conglomerate-drift.audit.json')

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(['drift', ...args], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  })
  return { code, stdout, stderr }
}

describe('entra-topology drift', () => {
  it('exits 3 when there is drift, writing the report', async () => {
    const r = await run(['--preview', preview, '--audit', audit])
    assert.equal(r.code, 3, r.stderr)
    assert.match(
      r.stdout,
      /^<!-- entra-topology drift -->\n## Drift\n\n3 fields of 3 objects drifted: 2 high, 1 medium, 0 low\./,
    )
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drift-')), 'drift.json')
    const json = await run(['--preview', preview, '--no-audit', '--format', 'json', '--output', out])
    assert.equal(json.code, 3)
    assert.equal(json.stdout, '')
    assert.equal(
      (JSON.parse(fs.readFileSync(out, 'utf8')) as { summary: { drifted: number } }).summary.drifted,
      3,
    )
  })

  it('exits 0 when the refresh found no drift', async () => {
    const digest = JSON.parse(fs.readFileSync(preview, 'utf8')) as { steps: { op: string }[] }
    const quiet = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'drift-')), 'quiet.json')
    fs.writeFileSync(
      quiet,
      JSON.stringify({ ...digest, steps: digest.steps.filter((s) => s.op === 'refresh') }),
    )
    const r = await run(['--preview', quiet, '--no-audit'])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /No drift/)
  })

  it('exits 1 on a preview it cannot read, and 2 on unclear options', async () => {
    const missing = await run(['--preview', path.join(fixtures, 'nowhere.json')])
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /cannot read the preview .*nowhere\.json/)
    const notPreview = await run(['--preview', audit, '--no-audit'])
    assert.equal(notPreview.code, 1)
    assert.match(notPreview.stderr, /is not the output of `pulumi preview --json`/)
    for (const args of [
      [],
      ['--preview', preview, '--audit', audit, '--no-audit'],
      ['--preview', preview, '--audit-days', '45'],
      ['--preview', preview, '--format', 'pdf'],
    ]) {
      const r = await run(args)
      assert.equal(r.code, 2, args.join(' '))
      assert.match(r.stderr, /Usage: entra-topology drift --preview/)
    }
  })
})
