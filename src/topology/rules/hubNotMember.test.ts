// hub-not-member: the hub of a hub topology missing from an explicit sync.tenants.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

const document = (tenants: string): string => yaml`
  organization: Contoso
  tenants:
    contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
    emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
    us: { tenantId: 00000000-0000-0000-0000-000000000003 }
  sync:
    topology: hub
    hub: contoso
    tenants: ${tenants}
    scope: { emea: { allUsers: true }, us: { allUsers: true } }
`

describe('hub-not-member', () => {
  it('reports a hub missing from sync.tenants', () => {
    const [d, ...rest] = findings(document('[emea, us]'), 'hub-not-member')
    assert.deepEqual(where(d), {
      ruleId: 'hub-not-member',
      severity: 'error',
      pointer: '/sync/hub',
      line: 8,
      column: 8,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, 'contoso')
    assert.equal(d!.message, "the hub 'contoso' is not in sync.tenants")
    assert.equal(d!.allowed, 'a hub among sync.tenants (emea, us)')
    assert.equal(d!.fix, "add 'contoso' to sync.tenants, or choose a hub from the list")
  })

  it('accepts a hub listed in sync.tenants, and a hub with sync.tenants left out', () => {
    assert.deepEqual(findings(document('[contoso, emea, us]'), 'hub-not-member'), [])
    const defaulted = document('[contoso]').replace(/^ {2}tenants: \[contoso\]\n/m, '')
    assert.doesNotMatch(defaulted, /tenants: \[/)
    assert.deepEqual(findings(defaulted, 'hub-not-member'), [])
  })
})
