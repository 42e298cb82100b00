// duplicate-pair: the same ordered pair twice in sync.pairs; the reverse pair is not a repeat.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

const document = (pairs: string): string => yaml`
  organization: Contoso
  tenants:
    contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
    emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
  sync:
    topology: pairs
    pairs: ${pairs}
    scope:
      emea: { users: [annie@emea.contoso.com] }
      contoso: { users: [carl@contoso.com] }
`

describe('duplicate-pair', () => {
  it('reports the second listing of a pair, naming the first', () => {
    const [d, ...rest] = findings(
      document('[{ from: emea, to: contoso }, { from: contoso, to: emea }, { from: emea, to: contoso }]'),
      'duplicate-pair',
    )
    assert.deepEqual(where(d), {
      ruleId: 'duplicate-pair',
      severity: 'warning',
      pointer: '/sync/pairs/2',
      line: 7,
      column: 69,
    })
    assert.equal(rest.length, 0)
    assert.deepEqual(d!.value, { from: 'emea', to: 'contoso' })
    assert.match(d!.message, /the pair emea → contoso repeats sync\.pairs\[0\]/)
    assert.match(d!.allowed!, /each ordered pair once/)
    assert.match(d!.fix!, /remove this entry/)
  })

  it('accepts a pair and its reverse', () => {
    const text = document('[{ from: emea, to: contoso }, { from: contoso, to: emea }]')
    assert.deepEqual(findings(text, 'duplicate-pair'), [])
  })
})
