// scope-group-unknown: a scope names a group its tenant does not declare.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

const document = (groups: string): string => yaml`
  organization: Contoso
  tenants:
    contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
    emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
    us: { tenantId: 00000000-0000-0000-0000-000000000003 }
  sync:
    topology: hub
    hub: contoso
    scope:
      emea: { groups: ${groups} }
      us: { users: [ursula@us.contoso.com] }
  groups:
    emea:
      sync-out: { members: [annie@emea.contoso.com] }
    us:
      us-only: { members: [ursula@us.contoso.com] }
`

describe('scope-group-unknown', () => {
  it('reports an undeclared group with the nearest declared name', () => {
    const [d, ...rest] = findings(document('[sync-out, sync-ot]'), 'scope-group-unknown')
    assert.deepEqual(where(d), {
      ruleId: 'scope-group-unknown',
      severity: 'error',
      pointer: '/sync/scope/emea/groups/1',
      line: 10,
      column: 32,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, 'sync-ot')
    assert.match(
      d!.message,
      /sync\.scope\.emea names the group 'sync-ot', which groups\.emea does not declare/,
    )
    assert.equal(d!.allowed, "groups of 'emea': sync-out")
    assert.equal(d!.fix, "did you mean 'sync-out'?")
  })

  it("says when the group belongs to another tenant's groups", () => {
    const [d] = findings(document('[us-only]'), 'scope-group-unknown')
    assert.match(d!.message, /it is declared under groups\.us; a scope uses only its own tenant's groups/)
    assert.equal(d!.fix, 'declare it under groups.emea.us-only')
  })

  it('accepts declared groups', () => {
    assert.deepEqual(findings(document('[sync-out]'), 'scope-group-unknown'), [])
  })
})
