// mto-cloud and mto-size: a multitenant organization is global-only and holds about 100 tenants.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, tenantId, where, yaml } from './testKit'

const tenants = yaml`
  organization: Contoso
  tenants:
    contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
    emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
    gov: { tenantId: 00000000-0000-0000-0000-000000000003, cloud: usgov }
`

describe('mto-cloud', () => {
  it('points at a listed member outside the global cloud', () => {
    const [d, ...rest] = findings(
      tenants + 'multiTenantOrganization: { displayName: Contoso, owner: contoso, members: [emea, gov] }\n',
      'mto-cloud',
    )
    assert.deepEqual(where(d), {
      ruleId: 'mto-cloud',
      severity: 'error',
      pointer: '/multiTenantOrganization/members/1',
      line: 6,
      column: 82,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, 'gov')
    assert.match(d!.message, /includes 'gov', a tenant of the usgov cloud/)
    assert.match(d!.allowed!, /tenants of the global cloud only/)
    assert.match(d!.fix!, /list only global tenants under multiTenantOrganization\.members, without 'gov'/)
  })

  it('points at multiTenantOrganization when members defaults to every tenant, and at a non-global owner', () => {
    const defaulted = findings(
      tenants + 'multiTenantOrganization: { displayName: Contoso, owner: contoso }\n',
      'mto-cloud',
    )
    assert.deepEqual(defaulted.map(where), [
      { ruleId: 'mto-cloud', severity: 'error', pointer: '/multiTenantOrganization', line: 6, column: 1 },
    ])
    assert.match(defaulted[0]!.message, /members defaults to every tenant of the file/)
    const owner = findings(
      tenants + 'multiTenantOrganization: { displayName: Contoso, owner: gov, members: [emea] }\n',
      'mto-cloud',
    )
    assert.deepEqual(owner.map(where), [
      {
        ruleId: 'mto-cloud',
        severity: 'error',
        pointer: '/multiTenantOrganization/owner',
        line: 6,
        column: 57,
      },
    ])
    assert.equal(owner[0]!.fix, 'make a global tenant the owner')
  })

  it('accepts an organization of global tenants', () => {
    const text =
      tenants + 'multiTenantOrganization: { displayName: Contoso, owner: contoso, members: [emea] }\n'
    assert.deepEqual(findings(text, 'mto-cloud'), [])
  })
})

describe('mto-size', () => {
  const many = (n: number): string =>
    'organization: Contoso\ntenants:\n' +
    Array.from({ length: n }, (_, i) => `  t${i}: { tenantId: ${tenantId(i + 1)} }\n`).join('') +
    'multiTenantOrganization: { displayName: Contoso, owner: t0 }\n'

  it('warns over 100 tenants', () => {
    const [d, ...rest] = findings(many(101), 'mto-size')
    assert.deepEqual(where(d), {
      ruleId: 'mto-size',
      severity: 'warning',
      pointer: '/multiTenantOrganization',
      line: 104,
      column: 1,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, 101)
    assert.match(d!.message, /has 101 tenants \(the owner and 100 members\)/)
    assert.match(d!.allowed!, /at most 100 tenants/)
    assert.match(d!.fix!, /list fewer tenants under multiTenantOrganization\.members/)
  })

  it('accepts 100 tenants', () => {
    assert.deepEqual(findings(many(100), 'mto-size'), [])
  })
})
