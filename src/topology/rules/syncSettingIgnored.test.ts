// sync-setting-ignored: settings that the chosen sync.topology does not use.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

const tenants = yaml`
  organization: Contoso
  tenants:
    contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
    emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
`

describe('sync-setting-ignored', () => {
  it('warns at each setting the topology ignores', () => {
    const found = findings(
      tenants +
        yaml`
          sync:
            topology: pairs
            hub: contoso
            hubToSpokes: true
            pairs: [{ from: emea, to: contoso }]
            scope: { emea: { allUsers: true } }
        `,
      'sync-setting-ignored',
    )
    assert.deepEqual(found.map(where), [
      { ruleId: 'sync-setting-ignored', severity: 'warning', pointer: '/sync/hub', line: 7, column: 3 },
      {
        ruleId: 'sync-setting-ignored',
        severity: 'warning',
        pointer: '/sync/hubToSpokes',
        line: 8,
        column: 3,
      },
    ])
    const [d] = found
    assert.equal(d!.value, 'hub')
    assert.equal(d!.message, 'sync.hub is ignored with topology: pairs')
    assert.equal(d!.allowed, 'sync.hub with topology: hub')
    assert.equal(d!.fix, 'remove sync.hub, or set sync.topology to hub')
  })

  it('accepts the settings of each topology', () => {
    const text =
      tenants +
      'sync: { topology: hub, hub: contoso, hubToSpokes: true, tenants: [contoso, emea], scope: { emea: { allUsers: true }, contoso: { allUsers: true } } }\n'
    assert.deepEqual(findings(text, 'sync-setting-ignored'), [])
  })
})
