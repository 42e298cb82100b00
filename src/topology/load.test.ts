import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { after, describe, it } from 'node:test'
import { loadTopologyFile, parseTopologyText } from './load'

const text = `organization: Contoso
tenants:
  contoso: { tenantId: 00000000-0000-4000-8000-00000000c0c0 }
  a/b~c:
    tenantId: x
sync:
  scope:
    emea:
      groups:
        - one
        - "two"
`

describe('loading a topology text', () => {
  const loaded = parseTopologyText(text, 'stacks/demo.topology.yaml')

  it('reads the YAML as plain data, without diagnostics', () => {
    assert.deepEqual(loaded.diagnostics, [])
    assert.deepEqual((loaded.data as { sync: unknown }).sync, { scope: { emea: { groups: ['one', 'two'] } } })
  })

  it('locates a value by its JSON pointer, nested in block and flow collections', () => {
    assert.deepEqual(loaded.locate('/organization'), { line: 1, column: 15 })
    assert.deepEqual(loaded.locate('/tenants/contoso/tenantId'), { line: 3, column: 24 })
    assert.deepEqual(loaded.locate('/sync/scope/emea/groups/0'), { line: 10, column: 11 })
    assert.deepEqual(loaded.locate('/sync/scope/emea/groups/1'), { line: 11, column: 11 })
  })

  it('locates the key instead of the value when asked (unknown properties, bad names)', () => {
    assert.deepEqual(loaded.locate('/organization', true), { line: 1, column: 1 })
    assert.deepEqual(loaded.locate('/tenants/contoso/tenantId', true), { line: 3, column: 14 })
    assert.deepEqual(loaded.locate('/tenants/contoso', true), { line: 3, column: 3 })
    assert.deepEqual(loaded.locate('/tenants/contoso', false), { line: 3, column: 12 })
  })

  it('unescapes ~1 and ~0 in pointer segments (RFC 6901)', () => {
    assert.deepEqual(loaded.locate('/tenants/a~1b~0c/tenantId'), { line: 5, column: 15 })
  })

  it('falls back to the nearest existing ancestor for something absent', () => {
    assert.deepEqual(loaded.locate('/sync/scope/emea/users'), { line: 9, column: 7 })
    assert.deepEqual(loaded.locate('/sync/scope/emea/groups/7'), { line: 10, column: 9 })
    assert.deepEqual(loaded.locate('/organization/deeper'), { line: 1, column: 15 })
    assert.deepEqual(loaded.locate('/nothing/here'), { line: 1, column: 1 })
    assert.deepEqual(loaded.locate(''), { line: 1, column: 1 })
  })
})

describe('YAML problems', () => {
  it('reports a syntax error with its position and no data', () => {
    const loaded = parseTopologyText('organization: Contoso\ntenants:\n\tcontoso: {}\n', 'f.yaml')
    assert.equal(loaded.data, undefined)
    assert.deepEqual(
      loaded.diagnostics.map((d) => [d.ruleId, d.severity, d.line, d.column, d.pointer, d.message]),
      [['TOPO-YAML', 'error', 3, 1, '', 'Tabs are not allowed as indentation']],
    )
    assert.match(loaded.diagnostics[0]!.fix!, /indentation/)
  })

  it('reports a duplicated key where it repeats', () => {
    const loaded = parseTopologyText(
      'organization: Contoso\ntenants:\n  a: { tenantId: x, tenantId: y }\n',
      'f.yaml',
    )
    assert.deepEqual(
      loaded.diagnostics.map((d) => [d.line, d.column, d.message]),
      [[3, 21, "the key 'tenantId' appears twice in the same map; YAML keys must be unique"]],
    )
  })

  it('reports several syntax errors at once, in file order', () => {
    const loaded = parseTopologyText(
      'organization: Contoso\norganization: X\ntenants:\n  a: [1, 2\n  b: "open\n',
      'f.yaml',
    )
    assert.deepEqual(
      loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`),
      [
        "2:1 the key 'organization' appears twice in the same map; YAML keys must be unique",
        '5:3 Flow sequence in block collection must be sufficiently indented and end with a ]',
        '6:1 Missing closing "quote',
      ],
    )
  })

  it('refuses an alias inside the node its anchor names, at the alias', () => {
    const loaded = parseTopologyText('organization: X\ngroups: &g\n  a: { g: { members: *g } }\n', 'f.yaml')
    assert.equal(loaded.data, undefined)
    assert.deepEqual(
      loaded.diagnostics.map((d) => [d.line, d.column, d.message]),
      [[3, 22, 'the alias *g is inside the node &g names']],
    )
    assert.match(loaded.diagnostics[0]!.fix!, /write the values out instead of \*g/)
  })

  it('accepts anchors and aliases that do not loop', () => {
    const loaded = parseTopologyText('a: &m [x@y.example]\nb: *m\n', 'f.yaml')
    assert.deepEqual(loaded.diagnostics, [])
    assert.deepEqual(loaded.data, { a: ['x@y.example'], b: ['x@y.example'] })
  })

  it('reports an alias to an anchor never set', () => {
    const loaded = parseTopologyText('a: *nowhere\n', 'f.yaml')
    assert.equal(loaded.diagnostics.length, 1)
    assert.match(loaded.diagnostics[0]!.message, /nowhere/)
  })

  it('refuses a second document in the file', () => {
    const loaded = parseTopologyText('organization: X\n---\norganization: Y\n', 'f.yaml')
    assert.deepEqual(
      loaded.diagnostics.map((d) => [d.line, d.column]),
      [[2, 1]],
    )
  })
})

describe('loading a file', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'topology-load-'))
  after(() => fs.rmSync(scratch, { recursive: true, force: true }))

  it('names the file in every diagnostic', () => {
    const file = path.join(scratch, 'bad.yaml')
    fs.writeFileSync(file, 'a: [\n')
    const loaded = loadTopologyFile(file)
    assert.ok(loaded.diagnostics.length > 0)
    assert.ok(loaded.diagnostics.every((d) => d.file === file))
  })

  it('turns a missing file into a TOPO-FILE diagnostic instead of throwing', () => {
    const file = path.join(scratch, 'absent.yaml')
    const loaded = loadTopologyFile(file)
    assert.deepEqual(
      loaded.diagnostics.map((d) => [d.ruleId, d.file, d.line, d.column, d.message]),
      [['TOPO-FILE', file, 1, 1, 'cannot read the file (ENOENT)']],
    )
    assert.deepEqual(loaded.locate('/tenants'), { line: 1, column: 1 })
  })
})
