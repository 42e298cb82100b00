// partner-policy-size and partner-policy-near-limit, and the estimate behind them (policySize.ts).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import { resolveTopology } from '../model'
import type { Topology } from '../topology.generated'
import { estimatePolicySizes, PARTNER_POLICY_LIMIT_BYTES } from './policySize'
import { findings, tenantId, where, yaml } from './testKit'

/** A mesh of n tenants t0..t(n-1), every one a source of all its users. */
const mesh = (n: number): string =>
  'organization: Contoso\ntenants:\n' +
  Array.from({ length: n }, (_, i) => `  t${i}: { tenantId: ${tenantId(i + 1)} }\n`).join('') +
  `sync:\n  topology: mesh\n  scope:\n${Array.from({ length: n }, (_, i) => `    t${i}: { allUsers: true }\n`).join('')}`

const estimate = (text: string) => estimatePolicySizes(resolveTopology(parse(text) as Topology))

describe('partner-policy-size', () => {
  it("reports every tenant of a 150-tenant mesh, whose policies would pass Graph's 25 KB", () => {
    const text = mesh(150)
    const found = findings(text, 'partner-policy-size')
    assert.equal(found.length, 150)
    assert.deepEqual(where(found[0]), {
      ruleId: 'partner-policy-size',
      severity: 'error',
      pointer: '/tenants/t0',
      line: 3,
      column: 3,
    })
    const bytes = estimate(text).get('t0')!.bytes
    assert.ok(bytes > PARTNER_POLICY_LIMIT_BYTES, `estimate ${bytes}`)
    assert.equal(found[0]!.value, bytes)
    assert.match(
      found[0]!.message,
      /the cross-tenant access policy of 't0' would be about \d+\.\d KB \(1\d\d% of the limit\) with 149 partner configurations/,
    )
    assert.match(found[0]!.allowed!, /at most 25600 bytes \(25 KB\) per tenant's policy/)
    assert.match(found[0]!.fix!, /give 't0' fewer partners: a hub instead of a mesh/)
    assert.deepEqual(findings(text, 'partner-policy-near-limit'), [])
  })

  it('accepts a 100-tenant mesh (the multitenant organization maximum) without a finding', () => {
    const text = mesh(100)
    assert.deepEqual(findings(text, 'partner-policy-size'), [])
    assert.deepEqual(findings(text, 'partner-policy-near-limit'), [])
  })
})

describe('partner-policy-near-limit', () => {
  it('warns from 80% of the limit (a 120-tenant mesh), not over it', () => {
    const text = mesh(120)
    const found = findings(text, 'partner-policy-near-limit')
    assert.equal(found.length, 120)
    assert.deepEqual(where(found[119]), {
      ruleId: 'partner-policy-near-limit',
      severity: 'warning',
      pointer: '/tenants/t119',
      line: 122,
      column: 3,
    })
    assert.match(
      found[119]!.message,
      /'t119' would be about \d+\.\d KB \(8\d% of the limit\) with 119 partner configurations/,
    )
    assert.match(found[119]!.allowed!, /warns from 80%/)
    assert.deepEqual(findings(text, 'partner-policy-size'), [])
  })
})

describe('estimatePolicySizes', () => {
  const two = (more: string): string =>
    yaml`
      organization: Contoso
      tenants:
        contoso: { tenantId: 00000000-0000-0000-0000-000000000001, allowedCloudEndpoints: [microsoftonline.us] }
        emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
        gov:
          tenantId: 00000000-0000-0000-0000-000000000003
          cloud: usgov
          allowedCloudEndpoints: [microsoftonline.com]
    ` + more

  it('counts the policy and the default configuration for a tenant without partners', () => {
    const sizes = estimate(two(''))
    assert.deepEqual(sizes.get('emea')!.partners, 0)
    assert.ok(
      sizes.get('emea')!.bytes > 1000 && sizes.get('emea')!.bytes < 2500,
      `${sizes.get('emea')!.bytes}`,
    )
    // allowedCloudEndpoints are part of the policy object
    assert.ok(sizes.get('contoso')!.bytes > sizes.get('emea')!.bytes)
  })

  it('gives both sides of a sync pair a partner configuration (identitySynchronization is not counted)', () => {
    const sizes = estimate(two('sync: { topology: pairs, pairs: [{ from: emea, to: contoso }] }\n'))
    const base = estimate(two(''))
    const added = (alias: string): number => sizes.get(alias)!.bytes - base.get(alias)!.bytes
    assert.equal(sizes.get('emea')!.partners, 1)
    assert.equal(sizes.get('contoso')!.partners, 1)
    assert.ok(
      Math.abs(added('contoso') - added('emea')) <= 2,
      `target ${added('contoso')}, source ${added('emea')}`,
    )
    assert.equal(sizes.get('gov')!.partners, 0)
  })

  it('counts b2bCollaboration allowAll, cross-cloud invitations and the multitenant organization', () => {
    const pair = 'sync: { topology: pairs, pairs: [{ from: emea, to: contoso }] }\n'
    const inherit = estimate(two(pair)).get('emea')!.bytes
    assert.ok(
      estimate(two(`access: { b2bCollaboration: allowAll }\n${pair}`)).get('emea')!.bytes > inherit + 200,
    )
    const invited = estimate(
      two('invitations: { gov: [{ email: carl@contoso.com, homeTenant: contoso }] }\n'),
    )
    assert.equal(invited.get('gov')!.partners, 1)
    assert.equal(invited.get('contoso')!.partners, 1)
    const sameCloud = estimate(
      two('invitations: { contoso: [{ email: a@emea.contoso.com, homeTenant: emea }] }\n'),
    )
    assert.equal(sameCloud.get('contoso')!.partners, 0)
    const mto = estimate(
      two('multiTenantOrganization: { displayName: C, owner: contoso, members: [emea] }\n'),
    )
    assert.equal(mto.get('contoso')!.partners, 1)
    assert.equal(mto.get('emea')!.partners, 1)
  })
})
