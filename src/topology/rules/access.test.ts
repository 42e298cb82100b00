// mfa-trust-off and automatic-redemption-off: access settings that synced users depend on.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

const document = (access: string, sync = true): string =>
  yaml`
    organization: Contoso
    tenants:
      contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
      emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
    access:
      ${access}
  ` +
  (sync
    ? 'sync: { topology: hub, hub: contoso, scope: { emea: { users: [annie@emea.contoso.com] } } }\n'
    : '')

describe('mfa-trust-off', () => {
  it('warns at access.inboundTrust.mfa when users are synced', () => {
    const [d, ...rest] = findings(
      document('inboundTrust: { mfa: false, compliantDevice: true }'),
      'mfa-trust-off',
    )
    assert.deepEqual(where(d), {
      ruleId: 'mfa-trust-off',
      severity: 'warning',
      pointer: '/access/inboundTrust/mfa',
      line: 6,
      column: 24,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, false)
    assert.match(
      d!.message,
      /access\.inboundTrust\.mfa is false while 1 sync pair\(s\) are declared: synced users get a second MFA prompt in each target/,
    )
    assert.match(d!.allowed!, /true \(isMfaAccepted, the default\)/)
    assert.match(d!.fix!, /remove access\.inboundTrust\.mfa: false/)
  })

  it('accepts mfa trust on, and mfa trust off without sync', () => {
    assert.deepEqual(findings(document('inboundTrust: { mfa: true }'), 'mfa-trust-off'), [])
    assert.deepEqual(findings(document('inboundTrust: { mfa: false }', false), 'mfa-trust-off'), [])
  })
})

describe('automatic-redemption-off', () => {
  it('reports access.automaticRedemption false when users are synced', () => {
    const [d, ...rest] = findings(document('automaticRedemption: false'), 'automatic-redemption-off')
    assert.deepEqual(where(d), {
      ruleId: 'automatic-redemption-off',
      severity: 'error',
      pointer: '/access/automaticRedemption',
      line: 6,
      column: 24,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, false)
    assert.match(d!.message, /access\.automaticRedemption is false while 1 sync pair\(s\) are declared/)
    assert.match(d!.message, /AzureDirectoryB2BManagementPolicyCheckFailure/)
    assert.match(d!.allowed!, /true \(automaticUserConsentSettings allowed both ways, the default\)/)
    assert.match(d!.fix!, /remove access\.automaticRedemption: false, or remove sync/)
  })

  it('accepts automatic redemption on, and off without sync', () => {
    assert.deepEqual(findings(document('automaticRedemption: true'), 'automatic-redemption-off'), [])
    assert.deepEqual(findings(document('automaticRedemption: false', false), 'automatic-redemption-off'), [])
  })
})
