// unknown-tenant: every alias the file refers to is declared under /tenants.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

describe('unknown-tenant', () => {
  it('reports every undeclared alias where it is used, with the nearest declared alias', () => {
    const found = findings(
      yaml`
        organization: Contoso
        tenants:
          contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
          emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
        multiTenantOrganization: { displayName: Contoso, owner: contoso, members: [emae] }
        sync:
          topology: pairs
          pairs: [{ from: emea, to: contso }]
          scope:
            emea: { users: [annie@emea.contoso.com] }
            zurich: { allUsers: true }
        invitations:
          fabrikam:
            - { email: sub@partner.example, homeTenant: emea }
      `,
      'unknown-tenant',
    )
    assert.deepEqual(
      found.map((d) => [where(d), d.value, d.fix]),
      [
        [
          {
            ruleId: 'unknown-tenant',
            severity: 'error',
            pointer: '/multiTenantOrganization/members/0',
            line: 5,
            column: 76,
          },
          'emae',
          "did you mean 'emea'?",
        ],
        [
          { ruleId: 'unknown-tenant', severity: 'error', pointer: '/sync/pairs/0/to', line: 8, column: 29 },
          'contso',
          "did you mean 'contoso'?",
        ],
        [
          { ruleId: 'unknown-tenant', severity: 'error', pointer: '/sync/scope/zurich', line: 11, column: 5 },
          'zurich',
          'declare it under /tenants or use a declared alias',
        ],
        [
          {
            ruleId: 'unknown-tenant',
            severity: 'error',
            pointer: '/invitations/fabrikam',
            line: 13,
            column: 3,
          },
          'fabrikam',
          'declare it under /tenants or use a declared alias',
        ],
      ],
    )
    assert.equal(found[0]!.message, "'emae' is not a tenant of this file")
    assert.equal(found[0]!.allowed, 'contoso, emea')
  })

  it('does not let other rules fail on the undeclared aliases', () => {
    const text = yaml`
      organization: Contoso
      tenants:
        contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
      sync: { topology: hub, hub: contoso, tenants: [contoso, ghost], scope: { ghost: { allUsers: true } } }
      groups: { ghost: { g: { members: [a@ghost.example] } } }
      invitations: { ghost: [{ email: b@contoso.com, homeTenant: contoso }] }
    `
    const ids = new Set(findings(text, 'unknown-tenant').map((d) => d.value))
    assert.deepEqual([...ids], ['ghost'])
  })

  it('accepts a file whose references are all declared', () => {
    const text = yaml`
      organization: Contoso
      tenants:
        contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
        emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
      sync: { topology: hub, hub: contoso, scope: { emea: { allUsers: true } } }
      invitations: { contoso: [{ email: a@emea.contoso.com, homeTenant: emea }] }
    `
    assert.deepEqual(findings(text, 'unknown-tenant'), [])
  })
})
