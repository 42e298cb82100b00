// scope-all-users: a scope that syncs every internal member (SyncAll).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

const document = (scope: string): string => yaml`
  organization: Contoso
  tenants:
    contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
    emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
  sync:
    topology: hub
    hub: contoso
    scope:
      emea: ${scope}
`

describe('scope-all-users', () => {
  it('warns at allUsers and recommends groups', () => {
    const [d, ...rest] = findings(document('{ allUsers: true }'), 'scope-all-users')
    assert.deepEqual(where(d), {
      ruleId: 'scope-all-users',
      severity: 'warning',
      pointer: '/sync/scope/emea/allUsers',
      line: 9,
      column: 23,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, true)
    assert.match(d!.message, /sync\.scope\.emea\.allUsers syncs every internal member of 'emea' \(SyncAll\)/)
    assert.match(d!.allowed!, /scoping groups are recommended/)
    assert.match(
      d!.fix!,
      /declare a scoping group under groups\.emea and list it in sync\.scope\.emea\.groups/,
    )
  })

  it('accepts a scope of users, and allUsers: false', () => {
    assert.deepEqual(findings(document('{ users: [annie@emea.contoso.com] }'), 'scope-all-users'), [])
    const text = document('{ users: [annie@emea.contoso.com], allUsers: false }')
    assert.deepEqual(findings(text, 'scope-all-users'), [])
  })
})
