// scope-missing, scope-empty and scope-unused: every source tenant has a scope that selects someone,
// and every scope belongs to a source tenant.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

const tenants = yaml`
  organization: Contoso
  tenants:
    contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
    emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
    us: { tenantId: 00000000-0000-0000-0000-000000000003 }
`

describe('scope-missing', () => {
  it('reports a source tenant without a scope, at the sync.scope key, naming its pairs', () => {
    const [d, ...rest] = findings(
      tenants +
        yaml`
          sync:
            topology: hub
            hub: contoso
            scope:
              emea: { groups: [sync-out] }
          groups:
            emea:
              sync-out: { members: [annie@emea.contoso.com] }
        `,
      'scope-missing',
    )
    assert.deepEqual(where(d), {
      ruleId: 'scope-missing',
      severity: 'error',
      pointer: '/sync/scope',
      line: 9,
      column: 3,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, 'us')
    assert.match(
      d!.message,
      /'us' is the source of 1 sync pair\(s\) \(us → contoso\) but has no sync\.scope\.us/,
    )
    assert.match(d!.allowed!, /a scope for every source tenant/)
    assert.match(d!.fix!, /add sync\.scope\.us with groups declared under groups\.us/)
  })

  it('points at the sync key when there is no scope at all, one finding per source', () => {
    const found = findings(tenants + 'sync:\n  topology: mesh\n', 'scope-missing')
    assert.deepEqual(
      found.map((d) => [where(d), d.value]),
      ['contoso', 'emea', 'us'].map((alias) => [
        { ruleId: 'scope-missing', severity: 'error', pointer: '/sync', line: 6, column: 1 },
        alias,
      ]),
    )
  })

  it('accepts a scope for every source (the hub receives only)', () => {
    const text =
      tenants +
      yaml`
        sync:
          topology: hub
          hub: contoso
          scope: { emea: { users: [annie@emea.contoso.com] }, us: { allUsers: true } }
      `
    assert.deepEqual(findings(text, 'scope-missing'), [])
  })
})

describe('scope-empty', () => {
  it('reports a scope with no groups, no users and allUsers false', () => {
    const [d, ...rest] = findings(
      tenants +
        yaml`
          sync:
            topology: pairs
            pairs: [{ from: emea, to: contoso }]
            scope:
              emea: { groups: [], allUsers: false }
        `,
      'scope-empty',
    )
    assert.deepEqual(where(d), {
      ruleId: 'scope-empty',
      severity: 'error',
      pointer: '/sync/scope/emea',
      line: 10,
      column: 5,
    })
    assert.equal(rest.length, 0)
    assert.deepEqual(d!.value, { groups: [], allUsers: false })
    assert.match(d!.message, /sync\.scope\.emea has no groups, no users and allUsers is not true/)
    assert.match(d!.allowed!, /at least one group, one user, or allUsers: true/)
    assert.match(d!.fix!, /list scoping groups \(declared under groups\.emea\) in sync\.scope\.emea\.groups/)
  })

  it('accepts a scope with users only', () => {
    const text =
      tenants +
      'sync: { topology: pairs, pairs: [{ from: emea, to: contoso }], scope: { emea: { users: [a@emea.contoso.com] } } }\n'
    assert.deepEqual(findings(text, 'scope-empty'), [])
  })
})

describe('scope-unused', () => {
  it('warns about a scope for a tenant that is never a source', () => {
    const [d, ...rest] = findings(
      tenants +
        yaml`
          sync:
            topology: pairs
            pairs: [{ from: emea, to: contoso }]
            scope:
              emea: { users: [annie@emea.contoso.com] }
              contoso: { users: [carl@contoso.com] }
        `,
      'scope-unused',
    )
    assert.deepEqual(where(d), {
      ruleId: 'scope-unused',
      severity: 'warning',
      pointer: '/sync/scope/contoso',
      line: 11,
      column: 5,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, 'contoso')
    assert.match(
      d!.message,
      /sync\.scope\.contoso has no effect: 'contoso' is not the source of any sync pair/,
    )
    assert.match(d!.allowed!, /scopes for source tenants only \(emea\)/)
    assert.match(d!.fix!, /remove sync\.scope\.contoso, or make 'contoso' a source/)
  })

  it('accepts scopes of sources only', () => {
    const text =
      tenants +
      'sync: { topology: pairs, pairs: [{ from: emea, to: contoso }], scope: { emea: { users: [a@emea.contoso.com] } } }\n'
    assert.deepEqual(findings(text, 'scope-unused'), [])
  })
})
