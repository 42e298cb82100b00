// tenant-id-invalid and email-invalid: reported by the schema check (schemaCheck.ts), listed in
// ruleCatalog with the semantic rules, since these are the ids people search for.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { validateTopologyText } from '../validate'
import { ruleCatalog } from './index'
import { where, yaml } from './testKit'

const only = (text: string, ruleId: string) =>
  validateTopologyText(text, 'test.yaml').diagnostics.filter((d) => d.ruleId === ruleId)

describe('tenant-id-invalid', () => {
  it('reports a tenantId that is not a GUID, with where to find the real one', () => {
    const [d, ...rest] = only(
      yaml`
        organization: Contoso
        tenants:
          contoso: { tenantId: contoso.onmicrosoft.com }
      `,
      'tenant-id-invalid',
    )
    assert.deepEqual(where(d), {
      ruleId: 'tenant-id-invalid',
      severity: 'error',
      pointer: '/tenants/contoso/tenantId',
      line: 3,
      column: 24,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, 'contoso.onmicrosoft.com')
    assert.equal(d!.message, 'this is not a tenant id')
    assert.match(d!.allowed!, /a GUID such as/)
    assert.match(d!.fix!, /Entra admin center > Overview > Tenant ID/)
    assert.equal(ruleCatalog.find((r) => r.id === 'tenant-id-invalid')?.reportedBy, 'schema')
  })

  it('accepts a GUID in either case', () => {
    const text = 'organization: C\ntenants: { a: { tenantId: 72F988BF-86f1-41af-91ab-2d7cd011db47 } }\n'
    assert.deepEqual(validateTopologyText(text, 'test.yaml').diagnostics, [])
  })
})

describe('email-invalid', () => {
  it('reports a malformed address in a group and in an invitation', () => {
    const found = only(
      yaml`
        organization: Contoso
        tenants:
          contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
        groups:
          contoso:
            sync-out: { members: [annie.contoso.com] }
        invitations:
          contoso:
            - { email: sub@partner }
      `,
      'email-invalid',
    )
    assert.deepEqual(found.map(where), [
      {
        ruleId: 'email-invalid',
        severity: 'error',
        pointer: '/groups/contoso/sync-out/members/0',
        line: 6,
        column: 27,
      },
      {
        ruleId: 'email-invalid',
        severity: 'error',
        pointer: '/invitations/contoso/0/email',
        line: 9,
        column: 16,
      },
    ])
    assert.deepEqual(
      found.map((d) => d.value),
      ['annie.contoso.com', 'sub@partner'],
    )
    assert.equal(found[0]!.message, 'this is not an e-mail address')
    assert.match(found[0]!.allowed!, /An e-mail address or user principal name/)
    assert.equal(found[0]!.fix, 'write the address as name@domain.tld')
    assert.equal(ruleCatalog.find((r) => r.id === 'email-invalid')?.reportedBy, 'schema')
  })

  it('accepts addresses with plus, apostrophe and subdomains', () => {
    const text = yaml`
      organization: Contoso
      tenants:
        contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
      invitations:
        contoso: [{ email: o'brien+ext@mail.partner.example }]
    `
    assert.deepEqual(validateTopologyText(text, 'test.yaml').diagnostics, [])
  })
})
