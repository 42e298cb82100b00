// sync-and-invitation: a user synced into a tenant and invited into it from the same home tenant.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

const document = (scope: string, invitations: string): string => yaml`
  organization: Contoso
  tenants:
    contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
    emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
  sync:
    topology: hub
    hub: contoso
    scope: { emea: ${scope} }
  groups:
    emea:
      sync-out: { members: [annie@emea.contoso.com] }
  invitations:
    contoso:
      - { email: other@partner.example }
      - ${invitations}
`

describe('sync-and-invitation', () => {
  it('warns at the invitation of a scoping group member into the target, with homeTenant the source', () => {
    const text = document('{ groups: [sync-out] }', '{ email: Annie@emea.contoso.com, homeTenant: emea }')
    const [d, ...rest] = findings(text, 'sync-and-invitation')
    assert.deepEqual(where(d), {
      ruleId: 'sync-and-invitation',
      severity: 'warning',
      pointer: '/invitations/contoso/1/email',
      line: 15,
      column: 16,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, 'Annie@emea.contoso.com')
    assert.match(
      d!.message,
      /'Annie@emea\.contoso\.com' is synced from 'emea' to 'contoso' \(through groups\.emea\.sync-out\)/,
    )
    assert.match(d!.message, /two B2B users would compete/)
    assert.match(d!.allowed!, /one way into a tenant per user/)
    assert.match(
      d!.fix!,
      /remove invitations\.contoso\[1\] and let sync bring the user in, or take the user out of sync\.scope\.emea/,
    )
  })

  it('names the scope when the user is listed directly or every user is synced', () => {
    const invitation = '{ email: annie@emea.contoso.com, homeTenant: emea }'
    const [byUser] = findings(
      document('{ users: [annie@emea.contoso.com] }', invitation),
      'sync-and-invitation',
    )
    assert.match(byUser!.message, /through sync\.scope\.emea\.users/)
    const [all] = findings(document('{ allUsers: true }', invitation), 'sync-and-invitation')
    assert.match(all!.message, /through sync\.scope\.emea\.allUsers/)
  })

  it('accepts an invitation of someone outside the scope, or from another home tenant', () => {
    const scope = '{ groups: [sync-out] }'
    assert.deepEqual(
      findings(document(scope, '{ email: bert@emea.contoso.com, homeTenant: emea }'), 'sync-and-invitation'),
      [],
    )
    assert.deepEqual(
      findings(document(scope, '{ email: annie@emea.contoso.com }'), 'sync-and-invitation'),
      [],
    )
  })
})
