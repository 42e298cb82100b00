// cross-cloud-sync: sync pairs across clouds, for pairs, mesh and hub; usgov and usgovdod are one cloud.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

const tenants = yaml`
  organization: Contoso
  tenants:
    contoso: { tenantId: 00000000-0000-0000-0000-000000000001 }
    emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
    gov: { tenantId: 00000000-0000-0000-0000-000000000003, cloud: usgov }
    dod: { tenantId: 00000000-0000-0000-0000-000000000004, cloud: usgovdod }
`

describe('cross-cloud-sync', () => {
  it('points at the pair and says to use invitations and allowedCloudEndpoints instead', () => {
    const [d, ...rest] = findings(
      tenants +
        yaml`
          sync:
            topology: pairs
            pairs:
              - { from: contoso, to: emea }
              - { from: contoso, to: gov }
            scope:
              contoso: { users: [carl@contoso.com] }
        `,
      'cross-cloud-sync',
    )
    assert.deepEqual(where(d), {
      ruleId: 'cross-cloud-sync',
      severity: 'error',
      pointer: '/sync/pairs/1',
      line: 11,
      column: 7,
    })
    assert.equal(rest.length, 0)
    assert.deepEqual(d!.value, { from: 'contoso', to: 'gov' })
    assert.match(d!.message, /the sync pair contoso → gov crosses clouds/)
    assert.match(
      d!.message,
      /'contoso' \(global, microsoftonline\.com\) and 'gov' \(usgov, microsoftonline\.us\)/,
    )
    assert.match(d!.allowed!, /between tenants of one cloud only/)
    assert.match(d!.fix!, /remove the pair from sync \(delete this entry\)/)
    assert.match(d!.fix!, /invitations\.gov with homeTenant: contoso/)
    assert.match(d!.fix!, /add 'microsoftonline\.us' to tenants\.contoso\.allowedCloudEndpoints/)
    assert.match(d!.fix!, /'microsoftonline\.com' to tenants\.gov\.allowedCloudEndpoints/)
  })

  it('reports a mesh once per pair of tenants, at sync.tenants, naming both directions', () => {
    const found = findings(
      tenants +
        yaml`
          sync:
            topology: mesh
            tenants: [contoso, emea, gov]
            scope:
              contoso: { users: [carl@contoso.com] }
              emea: { users: [annie@emea.contoso.com] }
              gov: { users: [gus@gov.contoso.us] }
        `,
      'cross-cloud-sync',
    )
    assert.deepEqual(found.map(where), [
      { ruleId: 'cross-cloud-sync', severity: 'error', pointer: '/sync/tenants', line: 9, column: 12 },
      { ruleId: 'cross-cloud-sync', severity: 'error', pointer: '/sync/tenants', line: 9, column: 12 },
    ])
    assert.deepEqual(
      found.map((d) => d.message.split(' crosses')[0]),
      ['the sync pair contoso → gov and gov → contoso', 'the sync pair emea → gov and gov → emea'],
    )
    assert.match(found[0]!.fix!, /list sync\.tenants without 'contoso' or 'gov', or use topology: pairs/)
    assert.match(found[0]!.fix!, /and under invitations\.contoso with homeTenant: gov/)
  })

  it('points at sync.topology when the mesh takes every tenant, and at sync.hub for a hub', () => {
    const mesh = findings(
      tenants + 'sync: { topology: mesh, scope: { contoso: { users: [carl@contoso.com] } } }\n',
      'cross-cloud-sync',
    )
    assert.deepEqual(where(mesh[0]), {
      ruleId: 'cross-cloud-sync',
      severity: 'error',
      pointer: '/sync/topology',
      line: 7,
      column: 19,
    })
    const hub = findings(
      tenants +
        yaml`
          sync:
            topology: hub
            hub: contoso
            tenants: [emea, gov]
            scope: { emea: { users: [annie@emea.contoso.com] }, gov: { users: [gus@gov.contoso.us] } }
        `,
      'cross-cloud-sync',
    )
    assert.deepEqual(hub.map(where), [
      { ruleId: 'cross-cloud-sync', severity: 'error', pointer: '/sync/hub', line: 9, column: 8 },
    ])
    assert.match(hub[0]!.message, /the sync pair gov → contoso crosses clouds/)
    assert.match(hub[0]!.fix!, /remove the pair from sync \(list sync\.tenants without 'gov'\)/)
  })

  it('accepts pairs inside one cloud, usgov with usgovdod included', () => {
    const text =
      tenants +
      yaml`
        sync:
          topology: pairs
          pairs: [{ from: contoso, to: emea }, { from: gov, to: dod }]
          scope:
            contoso: { users: [carl@contoso.com] }
            gov: { users: [gus@gov.contoso.us] }
      `
    assert.deepEqual(findings(text, 'cross-cloud-sync'), [])
  })
})
