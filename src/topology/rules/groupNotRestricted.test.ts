// group-not-restricted: a scoping group outside a restricted management administrative unit.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

const document = (restricted: string): string => yaml`
  organization: Contoso
  tenants:
    contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
    emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
  sync:
    topology: hub
    hub: contoso
    scope:
      emea: { groups: [sync-out] }
  groups:
    emea:
      sync-out:
        members: [annie@emea.contoso.com]
        ${restricted}
      unused: { restrictedManagementUnit: false }
`

describe('group-not-restricted', () => {
  it('warns about a scoping group with restrictedManagementUnit false, not about groups no scope uses', () => {
    const [d, ...rest] = findings(document('restrictedManagementUnit: false'), 'group-not-restricted')
    assert.deepEqual(where(d), {
      ruleId: 'group-not-restricted',
      severity: 'warning',
      pointer: '/groups/emea/sync-out/restrictedManagementUnit',
      line: 14,
      column: 33,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, false)
    assert.match(
      d!.message,
      /groups\.emea\.sync-out scopes sync\.scope\.emea but is outside a restricted management unit/,
    )
    assert.match(d!.message, /anyone with rights on groups in 'emea' can change who is synced/)
    assert.match(d!.allowed!, /true \(the default\)/)
    assert.equal(d!.fix, 'remove restrictedManagementUnit: false from groups.emea.sync-out')
  })

  it('accepts the default (restricted)', () => {
    assert.deepEqual(findings(document('displayName: Sync out'), 'group-not-restricted'), [])
  })
})
