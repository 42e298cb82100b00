// self-pair: a sync pair from a tenant to itself; the hub listed in sync.tenants is not one.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

describe('self-pair', () => {
  it('reports a pair whose from and to are the same tenant', () => {
    const [d, ...rest] = findings(
      yaml`
        organization: Contoso
        tenants:
          contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
          emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
        sync:
          topology: pairs
          pairs:
            - { from: emea, to: contoso }
            - { from: emea, to: emea }
          scope:
            emea: { users: [annie@emea.contoso.com] }
      `,
      'self-pair',
    )
    assert.deepEqual(where(d), {
      ruleId: 'self-pair',
      severity: 'error',
      pointer: '/sync/pairs/1',
      line: 9,
      column: 7,
    })
    assert.equal(rest.length, 0)
    assert.deepEqual(d!.value, { from: 'emea', to: 'emea' })
    assert.match(d!.message, /syncs 'emea' to itself/)
    assert.match(d!.allowed!, /two different tenants/)
    assert.match(d!.fix!, /remove this pair, or correct from or to/)
  })

  it('accepts a hub that is also listed in sync.tenants (the expansion skips it)', () => {
    const text = yaml`
      organization: Contoso
      tenants:
        contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
        emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
      sync:
        topology: hub
        hub: contoso
        tenants: [contoso, emea]
        scope:
          emea: { users: [annie@emea.contoso.com] }
    `
    assert.deepEqual(findings(text, 'self-pair'), [])
  })
})
