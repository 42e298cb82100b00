import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'
import type { Diagnostic } from '../topology/diagnostics'
import { ParsedArgs } from './args'
import { main } from './main'
import {
  renderValidation,
  runValidateCommand,
  type CommandOutput,
  type ValidationReport,
} from './validateCommand'

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-command-'))
after(() => fs.rmSync(scratch, { recursive: true, force: true }))

function file(name: string, text: string): string {
  const full = path.join(scratch, name)
  fs.writeFileSync(full, text)
  return full
}

const validFile = file(
  'valid.topology.yaml',
  `organization: Contoso
tenants:
  contoso: { tenantId: 00000000-0000-4000-8000-00000000c0c0 }
  fabrikam: { tenantId: 00000000-0000-4000-8000-00000000fabc }
sync:
  topology: mesh
  scope:
    contoso: { groups: [sync-out] }
    fabrikam: { groups: [sync-out] }
groups:
  contoso:
    sync-out: { members: [annie@contoso.example] }
  fabrikam:
    sync-out: { members: [bob@fabrikam.example] }
`,
)

// Three shape errors on lines 3 and 4, reported together.
const invalidFile = file(
  'invalid.topology.yaml',
  `organization: Contoso
tenants:
  contoso: { tenantId: not-a-guid, cloud: mars }
  fabrikam: { tenantID: 00000000-0000-4000-8000-00000000fabc }
`,
)

const missingFile = path.join(scratch, 'absent.topology.yaml')

function capture(): CommandOutput & { out: string; err: string } {
  const captured = {
    out: '',
    err: '',
    stdout: (text: string) => void (captured.out += text),
    stderr: (text: string) => void (captured.err += text),
  }
  return captured
}

async function validate(...argv: string[]) {
  const output = capture()
  const code = await main(['validate', ...argv], output)
  return { code, stdout: output.out, stderr: output.err }
}

const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '')

describe('entra-topology validate (text)', () => {
  it('exits 0 on a valid file and says so on stdout', async () => {
    const { code, stdout, stderr } = await validate(validFile)
    assert.equal(code, 0, stderr)
    assert.equal(stdout, `${validFile}: valid\n`)
    assert.doesNotMatch(stderr, / error /)
  })

  it('exits 1 on an invalid file, printing every diagnostic, errors first, then the count', async () => {
    const { code, stdout, stderr } = await validate(invalidFile)
    assert.equal(code, 1)
    assert.equal(stdout, '')
    const printed = lines(stderr)
    assert.deepEqual(
      printed.map((line) => line.replace(`${invalidFile}:`, '').split(': ').slice(0, 3).join(': ')),
      [
        '3:24: error tenant-id-invalid: /tenants/contoso/tenantId',
        '3:43: error schema-enum: /tenants/contoso/cloud',
        '4:13: error schema-required: /tenants/fabrikam',
        '4:15: error schema-unknown-property: /tenants/fabrikam/tenantID',
        '4 errors, 0 warnings',
      ],
    )
    assert.ok(printed.slice(0, -1).every((line) => line.startsWith(`${invalidFile}:`)))
    assert.match(printed[0]!, /found "not-a-guid"; allowed: .*GUID.*; fix: /)
    assert.match(printed[1]!, /found "mars"; allowed: "global", "usgov", "usgovdod", "china"/)
    assert.match(printed[3]!, /did you mean 'tenantId'\?/)
  })

  it('exits 1 on a file it cannot read, with a TOPO-FILE diagnostic', async () => {
    const { code, stderr } = await validate(missingFile)
    assert.equal(code, 1)
    assert.deepEqual(lines(stderr), [
      `${missingFile}:1:1: error TOPO-FILE: /: cannot read the file (ENOENT); fix: check the path; topology files live in stacks/<stack>.topology.yaml`,
      '1 error, 0 warnings',
    ])
  })

  it('prints warnings on stderr for a valid file, and still exits 0', () => {
    const warning: Diagnostic = {
      ruleId: 'inbound-mfa-trust-off',
      severity: 'warning',
      file: 'x.yaml',
      line: 7,
      column: 3,
      pointer: '/access/inboundTrust/mfa',
      message: 'synced users will be asked for MFA twice',
      value: false,
    }
    const rendered = renderValidation({ file: 'x.yaml', topology: undefined, diagnostics: [warning] }, 'text')
    assert.deepEqual(rendered, {
      code: 0,
      stdout: 'x.yaml: valid\n',
      stderr:
        'x.yaml:7:3: warning inbound-mfa-trust-off: /access/inboundTrust/mfa: synced users will be asked for MFA twice; found false\n' +
        '0 errors, 1 warning\n',
    })
  })
})

describe('entra-topology validate --format json', () => {
  it('prints one JSON object with the counts and every diagnostic, exit 1 when invalid', async () => {
    const { code, stdout, stderr } = await validate('--format', 'json', invalidFile)
    assert.equal(code, 1)
    assert.equal(stderr, '')
    const report = JSON.parse(stdout) as ValidationReport
    assert.deepEqual(Object.keys(report), ['file', 'valid', 'errors', 'warnings', 'diagnostics'])
    assert.deepEqual([report.file, report.valid, report.errors, report.warnings], [invalidFile, false, 4, 0])
    assert.deepEqual(report.diagnostics[0], {
      ruleId: 'tenant-id-invalid',
      pointer: '/tenants/contoso/tenantId',
      message: 'this is not a tenant id',
      value: 'not-a-guid',
      allowed: "The tenant's id (directory id), a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47.",
      fix: "use the tenant's directory id, a GUID (Entra admin center > Overview > Tenant ID)",
      severity: 'error',
      file: invalidFile,
      line: 3,
      column: 24,
    })
  })

  it('reports a valid file as valid, exit 0, nothing on stderr', async () => {
    const { code, stdout, stderr } = await validate(`--format=json`, validFile)
    assert.equal(code, 0)
    assert.equal(stderr, '')
    const report = JSON.parse(stdout) as ValidationReport
    assert.equal(report.valid, true)
    assert.equal(report.errors, 0)
    assert.equal(report.warnings, report.diagnostics.length)
  })

  it('reports an unreadable file as JSON too', async () => {
    const { code, stdout } = await validate('--format', 'json', missingFile)
    assert.equal(code, 1)
    const report = JSON.parse(stdout) as ValidationReport
    assert.deepEqual(
      report.diagnostics.map((d) => d.ruleId),
      ['TOPO-FILE'],
    )
  })
})

describe('entra-topology validate: usage errors exit 2 and show the command usage', () => {
  for (const [title, argv, message] of [
    ['no file', [], 'validate needs the topology file to check'],
    ['two files', ['a.yaml', 'b.yaml'], 'validate checks one file at a time; got 2: a.yaml, b.yaml'],
    ['an unknown option', ['--strict', 'yes', 'a.yaml'], 'unknown option: --strict'],
    ['an unknown format', ['--format', 'yaml', 'a.yaml'], "--format is 'yaml'; expected text or json"],
    ['--format without a value', ['a.yaml', '--format'], '--format needs a value'],
  ] as const)
    it(title, async () => {
      const { code, stdout, stderr } = await validate(...argv)
      assert.equal(code, 2)
      assert.equal(stdout, '')
      assert.ok(
        stderr.startsWith(`entra-topology: ${message}\n\nUsage: entra-topology validate <file>`),
        stderr,
      )
    })

  it('--help prints the usage and exits 0', () => {
    const output = capture()
    assert.equal(runValidateCommand(new ParsedArgs(['--help'], ['help']), output), 0)
    assert.match(output.out, /^Usage: entra-topology validate <file> \[--format text\|json\]/)
  })

  it('the top-level usage lists validate', async () => {
    const output = capture()
    assert.equal(await main(['--help'], output), 0)
    assert.match(output.out, /\n {2}validate {3}check a topology file/)
  })
})

describe('the entra-topology binary', () => {
  const repo = path.join(__dirname, '..', '..')
  const run = async (...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    const env = {
      ...process.env,
      PATH: `${path.join(repo, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`,
    }
    try {
      const { stdout, stderr } = await promisify(execFile)('node', ['bin/entra-topology', ...argv], {
        cwd: repo,
        env,
      })
      return { code: 0, stdout, stderr }
    } catch (error) {
      const failed = error as { code?: unknown; stdout: string; stderr: string }
      if (typeof failed.code !== 'number') throw error
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
    }
  }

  it('exits 0, 1 and 2 for a valid file, an invalid one and a usage error', async () => {
    const [valid, invalid, usage] = await Promise.all([
      run('validate', validFile),
      run('validate', invalidFile),
      run('validate'),
    ])
    assert.deepEqual([valid.code, valid.stdout], [0, `${validFile}: valid\n`], valid.stderr)
    assert.equal(invalid.code, 1, invalid.stderr)
    assert.match(invalid.stderr, /\n4 errors, 0 warnings\n$/)
    assert.equal(usage.code, 2, usage.stderr)
    assert.match(usage.stderr, /^entra-topology: validate needs the topology file to check/)
  })
})
