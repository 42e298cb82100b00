// invitation-duplicate and invitation-self: each address once per host, and never its own host.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

const document = (invitations: string): string =>
  yaml`
    organization: Contoso
    tenants:
      contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
      emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
    invitations:
  ` + invitations

describe('invitation-duplicate', () => {
  it('reports the second invitation of an address into one host, without regard to case', () => {
    const [d, ...rest] = findings(
      document(
        yaml`
          contoso:
            - { email: sub@partner.example }
            - { email: other@partner.example }
            - { email: Sub@Partner.example, userType: Member }
          emea:
            - { email: sub@partner.example }
        `.replace(/^/gm, '  '),
      ),
      'invitation-duplicate',
    )
    assert.deepEqual(where(d), {
      ruleId: 'invitation-duplicate',
      severity: 'error',
      pointer: '/invitations/contoso/2/email',
      line: 9,
      column: 16,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, 'Sub@Partner.example')
    assert.match(
      d!.message,
      /'Sub@Partner\.example' is invited into 'contoso' twice: invitations\.contoso\[0\] invites it already/,
    )
    assert.match(d!.allowed!, /each e-mail once per host tenant/)
    assert.equal(d!.fix, 'merge this entry into invitations.contoso[0] and remove it')
  })

  it('accepts one address invited into two hosts', () => {
    const text = document(
      '  contoso: [{ email: sub@partner.example }]\n  emea: [{ email: sub@partner.example }]\n',
    )
    assert.deepEqual(findings(text, 'invitation-duplicate'), [])
  })
})

describe('invitation-self', () => {
  it('warns at a homeTenant equal to the host', () => {
    const [d, ...rest] = findings(
      document('  contoso:\n    - { email: carl@contoso.com, homeTenant: contoso }\n'),
      'invitation-self',
    )
    assert.deepEqual(where(d), {
      ruleId: 'invitation-self',
      severity: 'warning',
      pointer: '/invitations/contoso/0/homeTenant',
      line: 7,
      column: 46,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, 'contoso')
    assert.match(
      d!.message,
      /invitations\.contoso\[0\] \(carl@contoso\.com\) invites a user of 'contoso' into 'contoso' itself/,
    )
    assert.match(d!.allowed!, /a homeTenant other than the host, or no homeTenant/)
    assert.match(d!.fix!, /set homeTenant to the tenant where carl@contoso\.com lives, or remove homeTenant/)
  })

  it('accepts a homeTenant that is another tenant', () => {
    const text = document('  contoso:\n    - { email: annie@emea.contoso.com, homeTenant: emea }\n')
    assert.deepEqual(findings(text, 'invitation-self'), [])
  })
})
