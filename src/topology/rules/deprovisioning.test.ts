// deprovision-none and deletion-threshold-off: what protects targets when scopes shrink.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

const document = (settings: string): string => yaml`
  organization: Contoso
  tenants:
    contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
    emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
  sync:
    topology: hub
    hub: contoso
    ${settings}
    scope:
      emea: { users: [annie@emea.contoso.com] }
`

describe('deprovision-none', () => {
  it('warns at sync.deprovision and names the alternatives', () => {
    const [d, ...rest] = findings(document('deprovision: none'), 'deprovision-none')
    assert.deepEqual(where(d), {
      ruleId: 'deprovision-none',
      severity: 'warning',
      pointer: '/sync/deprovision',
      line: 8,
      column: 16,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, 'none')
    assert.match(
      d!.message,
      /users removed from a scope or deleted in their home tenant stay active in every target/,
    )
    assert.match(
      d!.allowed!,
      /softDelete \(the default, restorable for 30 days\), disable \(block sign-in\), or none with manual cleanup/,
    )
    assert.equal(d!.fix, 'use deprovision: softDelete or disable, or accept cleaning up the targets by hand')
  })

  it('accepts softDelete and disable', () => {
    assert.deepEqual(findings(document('deprovision: softDelete'), 'deprovision-none'), [])
    assert.deepEqual(findings(document('deprovision: disable'), 'deprovision-none'), [])
  })
})

describe('deletion-threshold-off', () => {
  it('warns at a null accidentalDeletionThreshold', () => {
    const [d, ...rest] = findings(document('accidentalDeletionThreshold: null'), 'deletion-threshold-off')
    assert.deepEqual(where(d), {
      ruleId: 'deletion-threshold-off',
      severity: 'warning',
      pointer: '/sync/accidentalDeletionThreshold',
      line: 8,
      column: 32,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, null)
    assert.match(
      d!.message,
      /sync\.accidentalDeletionThreshold is null: one cycle may delete or disable any number of synced users/,
    )
    assert.match(d!.allowed!, /500 by default/)
    assert.match(d!.fix!, /remove accidentalDeletionThreshold: null/)
  })

  it('accepts a number, and the default', () => {
    assert.deepEqual(findings(document('accidentalDeletionThreshold: 50'), 'deletion-threshold-off'), [])
    assert.deepEqual(findings(document('userType: Member'), 'deletion-threshold-off'), [])
  })
})
