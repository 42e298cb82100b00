// guest-in-mto: synced users as Guests inside a multitenant organization.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

const document = (userType: string): string => yaml`
  organization: Contoso
  tenants:
    contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
    emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
  multiTenantOrganization: { displayName: Contoso Group, owner: contoso }
  sync:
    topology: hub
    hub: contoso
    userType: ${userType}
    scope:
      emea: { users: [annie@emea.contoso.com] }
`

describe('guest-in-mto', () => {
  it('points at sync.userType', () => {
    const [d, ...rest] = findings(document('Guest'), 'guest-in-mto')
    assert.deepEqual(where(d), {
      ruleId: 'guest-in-mto',
      severity: 'warning',
      pointer: '/sync/userType',
      line: 9,
      column: 13,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, 'Guest')
    assert.match(
      d!.message,
      /arrive as Guest while the file declares the multitenant organization 'Contoso Group'/,
    )
    assert.match(d!.allowed!, /Member inside a multitenant organization/)
    assert.match(d!.fix!, /set sync\.userType: Member/)
  })

  it('accepts Member, and Guest without an organization', () => {
    assert.deepEqual(findings(document('Member'), 'guest-in-mto'), [])
    const withoutMto = document('Guest').replace(/^multiTenantOrganization.*\n/m, '')
    assert.deepEqual(findings(withoutMto, 'guest-in-mto'), [])
  })
})
