import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { after, describe, it } from 'node:test'
import { parseTopologyText } from './load'
import type { Rule, RuleContext } from './rules/rule'
import { validateLoaded, validateTopologyFile, validateTopologyText } from './validate'

const valid = `organization: Contoso
tenants:
  contoso: { tenantId: 00000000-0000-4000-8000-00000000C0C0 }
  emea: { tenantId: 00000000-0000-4000-8000-00000000e0e0 }
sync:
  topology: mesh
  scope:
    contoso: { groups: [sync-out] }
    emea: { groups: [sync-out] }
groups:
  contoso:
    sync-out: { members: [annie@contoso.example] }
  emea:
    sync-out: { members: [bob@emea.example] }
`

/** A rule that records what it was given and reports the findings it was made with. */
function spyRule(id: string, severity: 'error' | 'warning', findings: ReturnType<Rule['check']>) {
  const seen: RuleContext[] = []
  const rule: Rule = {
    id,
    severity,
    title: `test rule ${id}`,
    check: (context) => {
      seen.push(context)
      return findings
    },
  }
  return { rule, seen }
}

const run = (text: string, rules: readonly Rule[]) => validateLoaded(parseTopologyText(text, 'f.yaml'), rules)

describe('validation stages: YAML, then schema, then rules', () => {
  it('stops at YAML errors: no schema diagnostics and no rules, even for a wrong shape', () => {
    const spy = spyRule('spy', 'error', [])
    const result = run('organization: [\ncolour: red\n', [spy.rule])
    assert.ok(result.diagnostics.length > 0)
    assert.ok(result.diagnostics.every((d) => d.ruleId === 'TOPO-YAML'))
    assert.equal(result.topology, undefined)
    assert.equal(spy.seen.length, 0)
  })

  it('stops at schema errors: every shape error, no rules run', () => {
    const spy = spyRule('spy', 'error', [])
    const result = run('organization: Contoso\ntenants: { contoso: { tenantId: x } }\nsink: {}\n', [spy.rule])
    assert.deepEqual(result.diagnostics.map((d) => d.ruleId).sort(), [
      'schema-unknown-property',
      'tenant-id-invalid',
    ])
    assert.equal(result.topology, undefined)
    assert.equal(spy.seen.length, 0)
  })

  it('runs every rule on a schema-valid file, with the raw and the resolved topology', () => {
    const first = spyRule('first', 'warning', [])
    const second = spyRule('second', 'warning', [])
    const result = run(valid, [first.rule, second.rule])
    assert.deepEqual(result.diagnostics, [])
    assert.equal(first.seen.length, 1)
    assert.equal(second.seen.length, 1)
    const context = first.seen[0]!
    assert.equal(context.raw.tenants.contoso!.tenantId, '00000000-0000-4000-8000-00000000C0C0')
    assert.equal(context.topology.tenants.contoso!.tenantId, '00000000-0000-4000-8000-00000000c0c0')
    assert.equal(context.topology.sync!.pairs.length, 2)
    assert.deepEqual(result.topology, context.topology)
  })
})

describe('rule findings as diagnostics', () => {
  const warning = spyRule('mfa-trust', 'warning', [
    { pointer: '/sync/scope/emea', message: 'late', atKey: true },
    { pointer: '/tenants/contoso/tenantId', message: 'early', value: 'x', allowed: 'y', fix: 'z' },
  ])
  const error = spyRule('broken', 'error', [{ pointer: '/groups/emea/sync-out/members/0', message: 'bad' }])

  it('carry the rule id, severity, file and the position of the pointer (or of its key)', () => {
    const result = run(valid, [warning.rule])
    assert.deepEqual(
      result.diagnostics.map((d) => [d.ruleId, d.severity, d.file, d.line, d.column, d.message]),
      [
        ['mfa-trust', 'warning', 'f.yaml', 3, 24, 'early'],
        ['mfa-trust', 'warning', 'f.yaml', 9, 5, 'late'],
      ],
    )
    assert.deepEqual(
      [result.diagnostics[0]!.value, result.diagnostics[0]!.allowed, result.diagnostics[0]!.fix],
      ['x', 'y', 'z'],
    )
    assert.ok(!('atKey' in result.diagnostics[1]!), 'atKey is a rule detail, not part of a diagnostic')
  })

  it('a file with warnings only is valid: the topology is there', () => {
    const result = run(valid, [warning.rule])
    assert.ok(result.topology)
    assert.equal(result.topology.organization, 'Contoso')
  })

  it('one error from a rule makes the file invalid, and errors come before warnings', () => {
    const result = run(valid, [warning.rule, error.rule])
    assert.equal(result.topology, undefined)
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.severity} ${d.line}`),
      ['error 14', 'warning 3', 'warning 9'],
    )
  })
})

describe('validateTopologyText and validateTopologyFile (the real rule table)', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'topology-validate-'))
  after(() => fs.rmSync(scratch, { recursive: true, force: true }))

  it('reports a semantic error of the real table with its position', () => {
    const result = validateTopologyText(valid.replace('    emea: { groups', '    emae: { groups'), 'f.yaml')
    const unknown = result.diagnostics.filter((d) => d.ruleId === 'unknown-tenant')
    assert.deepEqual(
      unknown.map((d) => [d.pointer, d.line, d.column, d.fix]),
      [['/sync/scope/emae', 9, 5, "did you mean 'emea'?"]],
    )
    assert.equal(result.topology, undefined)
  })

  it('validates a file by its path, naming the path in each diagnostic', () => {
    const file = path.join(scratch, 'demo.topology.yaml')
    fs.writeFileSync(file, 'organization: Contoso\n')
    const result = validateTopologyFile(file)
    assert.equal(result.file, file)
    assert.deepEqual(
      result.diagnostics.map((d) => [d.file, d.ruleId, d.message]),
      [[file, 'schema-required', "the property 'tenants' is required here"]],
    )
  })

  it('a missing file is one TOPO-FILE error', () => {
    const result = validateTopologyFile(path.join(scratch, 'absent.yaml'))
    assert.deepEqual(
      result.diagnostics.map((d) => d.ruleId),
      ['TOPO-FILE'],
    )
    assert.equal(result.topology, undefined)
  })
})
