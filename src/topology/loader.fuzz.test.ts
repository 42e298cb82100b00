// Fuzzing the loader: a valid topology, mutated at random (characters deleted, inserted and replaced,
// lines swapped and re-indented, YAML tokens such as anchors, aliases, tags and flow brackets dropped
// in, very long strings, unicode, NUL), must never make validation throw, and every diagnostic must
// still name a real position and a JSON pointer. The seed is fixed so a failure reproduces; fast-check
// prints the seed and the shrunk counterexample. TOPOLOGY_FUZZ_SEED and TOPOLOGY_FUZZ_RUNS explore more.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { formatDiagnostic, hasErrors } from './diagnostics'
import { validateTopologyText } from './validate'

const valid = `# yaml-language-server: $schema=../schemas/topology.schema.json
organization: Contoso
tenants:
  contoso: { tenantId: 00000000-0000-4000-8000-00000000c0c0, displayName: Contoso HQ }
  emea:
    tenantId: 00000000-0000-4000-8000-00000000e0e0
    cloud: global
  us: { tenantId: 00000000-0000-4000-8000-000000000005 }
multiTenantOrganization: { displayName: Contoso group, owner: contoso }
access:
  inboundTrust: { mfa: true, compliantDevice: true, hybridJoinedDevice: false }
  automaticRedemption: true
sync:
  topology: hub
  hub: contoso
  userType: Member
  showInAddressList: true
  deprovision: softDelete
  accidentalDeletionThreshold: 500
  scope:
    emea: { groups: [sync-out] }
    us:
      groups:
        - sync-out
      users: [carol@us.contoso.com]
groups:
  emea:
    sync-out: { members: [annie@emea.contoso.com, "bob@emea.contoso.com"], restrictedManagementUnit: true }
  us:
    sync-out:
      displayName: US sync scope
      members:
        - dan@us.contoso.com
invitations:
  contoso:
    - { email: sub@partner.example, userType: Guest, showInAddressList: true, attributes: { department: Legal } }
`

const tokens = [
  ':',
  ': ',
  '- ',
  '-',
  '{',
  '}',
  '[',
  ']',
  ',',
  '? ',
  '&a ',
  '*a',
  '&a',
  '*b ',
  '!!tag ',
  '!!str ',
  '!!map ',
  '!!binary ',
  '!local ',
  '|',
  '>-',
  '#',
  '"',
  "'",
  '\\',
  '\t',
  '\n',
  '\r\n',
  '  ',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '<<: ',
  '~',
  'null',
  '1e400',
  '0x1F',
  '\0',
  '\uFEFF',
  '\u2028',
  '😀',
  'é',
  '\uD800',
]

// Words that keep the YAML readable but change what it says, so the schema and the rules see mutants too.
const words = [
  'contoso',
  'emea',
  'us',
  'nobody',
  'Guest',
  'Member',
  'none',
  'disable',
  'mesh',
  'pairs',
  'usgov',
  'china',
  'microsoftonline.us',
  'true',
  'false',
  '0',
  '-1',
  '3.5',
  '""',
  '[]',
  '{}',
  'x@y',
  'eve@emea.contoso.com',
  '00000000-0000-4000-8000-00000000e0e0',
  'tenantID',
  'memebrs',
]

const text = fc.oneof(
  fc.constantFrom(...tokens),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.integer({ min: 1_000, max: 50_000 }).map((n) => 'x'.repeat(n)),
)

type Mutation = (source: string) => string
const at = (source: string, position: number): number => position % (source.length + 1)
const splitLines = (source: string): string[] => source.split('\n')

const edits = {
  remove: fc.record({ p: fc.nat(), n: fc.integer({ min: 1, max: 40 }) }).map(
    ({ p, n }): Mutation =>
      (s) =>
        s.slice(0, at(s, p)) + s.slice(at(s, p) + n),
  ),
  insert: fc.record({ p: fc.nat(), t: text }).map(
    ({ p, t }): Mutation =>
      (s) =>
        s.slice(0, at(s, p)) + t + s.slice(at(s, p)),
  ),
  replace: fc.record({ p: fc.nat(), n: fc.integer({ min: 1, max: 10 }), t: text }).map(
    ({ p, n, t }): Mutation =>
      (s) =>
        s.slice(0, at(s, p)) + t + s.slice(at(s, p) + n),
  ),
  replaceWord: fc
    .record({ i: fc.nat(), w: fc.oneof(fc.constantFrom(...words), text) })
    .map(({ i, w }): Mutation => (s) => {
      const found = [...s.matchAll(/[\w@.-]+/g)]
      const word = found[i % Math.max(1, found.length)]
      return word === undefined ? s : s.slice(0, word.index) + w + s.slice(word.index + word[0].length)
    }),
  // An anchor on some value and an alias to it further on: sometimes inside the anchored node (a cycle).
  anchorThenAlias: fc.record({ i: fc.nat(), j: fc.nat() }).map(({ i, j }): Mutation => (s) => {
    const colons = [...s.matchAll(/:(?=\s)/g)]
    const colon = colons[i % Math.max(1, colons.length)]
    if (colon === undefined) return s
    const anchored = `${s.slice(0, colon.index + 1)} &a${s.slice(colon.index + 1)}`
    const later = [...anchored.slice(colon.index + 4).matchAll(/[\w@.-]+/g)]
    const word = later[j % Math.max(1, later.length)]
    if (word === undefined) return anchored
    const from = colon.index + 4 + word.index
    return `${anchored.slice(0, from)}*a${anchored.slice(from + word[0].length)}`
  }),
  swapLines: fc.record({ i: fc.nat(), j: fc.nat() }).map(({ i, j }): Mutation => (s) => {
    const lines = splitLines(s)
    const [a, b] = [i % lines.length, j % lines.length]
    ;[lines[a], lines[b]] = [lines[b]!, lines[a]!]
    return lines.join('\n')
  }),
  indent: fc
    .record({ i: fc.nat(), by: fc.integer({ min: -4, max: 6 }) })
    .map(({ i, by }): Mutation => (s) => {
      const lines = splitLines(s)
      const k = i % lines.length
      const line = lines[k]!
      lines[k] = by >= 0 ? ' '.repeat(by) + line : line.slice(Math.min(-by, line.search(/\S|$/)))
      return lines.join('\n')
    }),
  duplicateLine: fc.nat().map((i): Mutation => (s) => {
    const lines = splitLines(s)
    lines.splice(i % lines.length, 0, lines[i % lines.length]!)
    return lines.join('\n')
  }),
}

// Most character edits break the YAML; word replacements mostly keep it, so they weigh more and the
// schema check and the rules get their share of mutants.
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  ...Object.entries(edits).map(([name, arbitrary]) => ({
    arbitrary,
    weight: name === 'replaceWord' ? 6 : 1,
  })),
)

const mutated = fc
  .array(mutation, { minLength: 1, maxLength: 4 })
  .map((mutations) => mutations.reduce((s, m) => m(s), valid))

const seed = Number(process.env.TOPOLOGY_FUZZ_SEED ?? 20_261_201)
const numRuns = Number(process.env.TOPOLOGY_FUZZ_RUNS ?? 1000)

describe('the loader under random mutations', () => {
  it('starts from a valid topology', () => {
    const result = validateTopologyText(valid, 'fuzz.topology.yaml')
    assert.deepEqual(
      result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic),
      [],
      'the unmutated text is a valid topology',
    )
    assert.ok(result.topology)
  })

  it('never throws, and every diagnostic names a real position, a pointer and a printable value', () => {
    fc.assert(
      fc.property(mutated, (source) => {
        const result = validateTopologyText(source, 'fuzz.topology.yaml')
        const lineCount = splitLines(source).length
        for (const d of result.diagnostics) {
          assert.ok(Number.isInteger(d.line) && d.line >= 1 && d.line <= lineCount + 1, `line ${d.line}`)
          assert.ok(Number.isInteger(d.column) && d.column >= 1, `column ${d.column}`)
          assert.equal(typeof d.pointer, 'string')
          assert.ok(d.pointer === '' || d.pointer.startsWith('/'), `pointer ${d.pointer}`)
          assert.ok(d.ruleId.length > 0 && d.message.length > 0)
          assert.ok(d.severity === 'error' || d.severity === 'warning')
          assert.ok(formatDiagnostic(d).startsWith(`fuzz.topology.yaml:${d.line}:${d.column}: `))
        }
        assert.doesNotThrow(() => JSON.stringify(result.diagnostics), 'the diagnostics serialize to JSON')
        assert.equal(
          result.topology === undefined,
          hasErrors(result.diagnostics),
          'a topology exactly when there is no error',
        )
      }),
      { seed, numRuns },
    )
  })
})
