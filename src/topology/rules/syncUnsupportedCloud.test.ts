// sync-unsupported-cloud: cross-tenant sync does not exist in the china cloud (21Vianet).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

const tenants = yaml`
  organization: Contoso
  tenants:
    beijing: { tenantId: 00000000-0000-0000-0000-000000000001, cloud: china }
    shanghai: { tenantId: 00000000-0000-0000-0000-000000000002, cloud: china }
    contoso: { tenantId: 00000000-0000-0000-0000-000000000003 }
`

describe('sync-unsupported-cloud', () => {
  it('reports a pair between two china tenants', () => {
    const [d, ...rest] = findings(
      tenants +
        yaml`
          sync:
            topology: pairs
            pairs:
              - { from: beijing, to: shanghai }
            scope:
              beijing: { users: [li@beijing.contoso.cn] }
        `,
      'sync-unsupported-cloud',
    )
    assert.deepEqual(where(d), {
      ruleId: 'sync-unsupported-cloud',
      severity: 'error',
      pointer: '/sync/pairs/0',
      line: 9,
      column: 7,
    })
    assert.equal(rest.length, 0)
    assert.deepEqual(d!.value, { from: 'beijing', to: 'shanghai' })
    assert.match(d!.message, /beijing → shanghai is in the china cloud \(21Vianet\)/)
    assert.match(d!.allowed!, /global or the usgov\/usgovdod cloud/)
    assert.match(d!.fix!, /invitations\.shanghai with homeTenant: beijing/)
  })

  it('leaves a pair between china and global to cross-cloud-sync, and accepts global pairs', () => {
    const text =
      tenants +
      yaml`
        sync:
          topology: pairs
          pairs: [{ from: contoso, to: beijing }]
          scope:
            contoso: { users: [carl@contoso.com] }
      `
    assert.deepEqual(findings(text, 'sync-unsupported-cloud'), [])
    assert.equal(findings(text, 'cross-cloud-sync').length, 1)
  })
})
