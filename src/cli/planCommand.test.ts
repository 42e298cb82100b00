// `entra-topology plan` through its entry point (main): options, the two ways to name the version
// before (a file, or a git ref of the same file in a real repository made for the test), the preview,
// and the errors that stop it with exit 1 or 2.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { after, describe, it } from 'node:test'
import { main } from './main'

const root = path.resolve(__dirname, '../..')
const conglomerate = path.join(root, 'stacks/conglomerate.topology.yaml')
const narrowed = path.join(root, 'test/fixtures/previews/conglomerate-narrowed.topology.yaml')
const preview = path.join(root, 'test/fixtures/previews/conglomerate-narrowed.preview.json')

async function run(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const previous = process.cwd()
  process.chdir(cwd)
  try {
    const code = await main(['plan', ...args], {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
    })
    return { code, stdout, stderr }
  } finally {
    process.chdir(previous)
  }
}

const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-command-'))
after(() => fs.rmSync(repo, { recursive: true, force: true }))
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repo })

describe('entra-topology plan', () => {
  it('reports a change between two files, with the preview, as Markdown', async () => {
    const r = await run([
      '--topology',
      narrowed,
      '--before',
      conglomerate,
      '--preview',
      preview,
      '--stack',
      'prod',
    ])
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^<!-- entra-topology plan stack=prod -->\n## Topology plan: Woodgrove/)
    assert.match(
      r.stdout,
      /insurance → shared stops synchronizing: 2 users the file lists will be soft-deleted/,
    )
    assert.match(
      r.stdout,
      /\| Resources \(preview\) \| 0 to create, 9 to update, 0 to replace, 6 to delete \|/,
    )
  })

  it('takes the version before from a git ref, and a file absent there as a new stack', async () => {
    fs.mkdirSync(path.join(repo, 'stacks'))
    const file = path.join(repo, 'stacks/prod.topology.yaml')
    fs.copyFileSync(conglomerate, file)
    git('init', '-q', '-b', 'main')
    git('add', '.')
    git('commit', '-qm', 'prod')
    fs.copyFileSync(narrowed, file)
    const r = await run(
      ['--topology', 'stacks/prod.topology.yaml', '--base', 'main', '--format', 'json'],
      repo,
    )
    assert.equal(r.code, 0, r.stderr)
    const report = JSON.parse(r.stdout) as { before: string; after: string; summary: { pairs: unknown } }
    assert.equal(report.before, 'main:stacks/prod.topology.yaml')
    assert.equal(report.after, 'stacks/prod.topology.yaml')
    assert.deepEqual(report.summary.pairs, { added: 0, removed: 1, changed: 1, kept: 0 })

    fs.copyFileSync(conglomerate, path.join(repo, 'stacks/new.topology.yaml'))
    const out = path.join(repo, 'plan.md')
    const added = await run(
      ['--topology', 'stacks/new.topology.yaml', '--base', 'main', '--output', out],
      repo,
    )
    assert.equal(added.code, 0, added.stderr)
    assert.equal(added.stdout, '')
    assert.match(
      fs.readFileSync(out, 'utf8'),
      /`main:stacks\/new.topology.yaml \(absent\)`.*\n[^]*2 added, 0 removed/,
    )

    const badRef = await run(['--topology', 'stacks/prod.topology.yaml', '--base', 'no-such-ref'], repo)
    assert.equal(badRef.code, 1)
    assert.match(badRef.stderr, /cannot read stacks\/prod.topology.yaml at no-such-ref with git/)
  })

  it('stops with exit 1 on a topology with errors or a file that is not a preview, naming them', async () => {
    const broken = path.join(repo, 'broken.topology.yaml')
    fs.writeFileSync(broken, fs.readFileSync(conglomerate, 'utf8').replace('hub: shared', 'hub: nowhere'))
    const invalid = await run(['--topology', broken, '--before', conglomerate])
    assert.equal(invalid.code, 1)
    assert.match(
      invalid.stderr,
      /broken\.topology\.yaml has errors, so there is no plan to report:\n.*broken\.topology\.yaml:\d+:\d+: error/,
    )
    const notPreview = await run([
      '--topology',
      narrowed,
      '--before',
      conglomerate,
      '--preview',
      conglomerate,
    ])
    assert.equal(notPreview.code, 1)
    assert.match(notPreview.stderr, /is not JSON .*pulumi preview --json >/)
  })

  it('refuses unclear options with exit 2 and its usage', async () => {
    for (const args of [
      [],
      ['--topology', narrowed],
      ['--topology', narrowed, '--base', 'main', '--before', conglomerate],
      ['--topology', narrowed, '--before', conglomerate, '--format', 'pdf'],
      ['--topology', narrowed, '--before', conglomerate, '--live'],
      ['stray', '--topology', narrowed, '--before', conglomerate],
    ]) {
      const r = await run(args)
      assert.equal(r.code, 2, args.join(' '))
      assert.match(r.stderr, /Usage: entra-topology plan --topology <file>/)
    }
    const help = await run(['--help'])
    assert.equal(help.code, 0)
    assert.match(help.stdout, /--base <git ref>/)
  })
})
