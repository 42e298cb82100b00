// cross-cloud-endpoints: an invitation across clouds needs each tenant to allow the other's cloud.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

describe('cross-cloud-endpoints', () => {
  it("points at each tenant's allowedCloudEndpoints (or the tenant) and names the endpoint to add", () => {
    const found = findings(
      yaml`
        organization: Contoso
        tenants:
          contoso:
            tenantId: 00000000-0000-0000-0000-000000000001
            allowedCloudEndpoints: [partner.microsoftonline.cn]
          gov:
            tenantId: 00000000-0000-0000-0000-000000000002
            cloud: usgov
        invitations:
          gov:
            - { email: carl@contoso.com, homeTenant: contoso }
            - { email: dana@contoso.com, homeTenant: contoso }
      `,
      'cross-cloud-endpoints',
    )
    assert.deepEqual(found.map(where), [
      {
        ruleId: 'cross-cloud-endpoints',
        severity: 'error',
        pointer: '/tenants/contoso/allowedCloudEndpoints',
        line: 5,
        column: 28,
      },
      { ruleId: 'cross-cloud-endpoints', severity: 'error', pointer: '/tenants/gov', line: 6, column: 3 },
    ])
    const [home, host] = found
    assert.deepEqual(home!.value, ['partner.microsoftonline.cn'])
    assert.match(home!.message, /invitations\.gov\[0\] \(carl@contoso\.com\) joins 'contoso' \(global/)
    assert.match(home!.message, /tenants\.contoso\.allowedCloudEndpoints lacks 'microsoftonline\.us'/)
    assert.match(home!.allowed!, /on both tenants/)
    assert.equal(home!.fix, "add 'microsoftonline.us' to tenants.contoso.allowedCloudEndpoints")
    assert.deepEqual(host!.value, [])
    assert.equal(host!.fix, "add 'microsoftonline.com' to tenants.gov.allowedCloudEndpoints")
  })

  it('accepts cross-cloud invitations when both tenants allow the other cloud, and same-cloud ones without', () => {
    const text = yaml`
      organization: Contoso
      tenants:
        contoso: { tenantId: 00000000-0000-0000-0000-000000000001, allowedCloudEndpoints: [microsoftonline.us] }
        emea: { tenantId: 00000000-0000-0000-0000-000000000003 }
        gov:
          tenantId: 00000000-0000-0000-0000-000000000002
          cloud: usgov
          allowedCloudEndpoints: [microsoftonline.com]
        dod: { tenantId: 00000000-0000-0000-0000-000000000004, cloud: usgovdod }
      invitations:
        gov:
          - { email: carl@contoso.com, homeTenant: contoso }
          - { email: dan@dod.contoso.us, homeTenant: dod }
        contoso:
          - { email: annie@emea.contoso.com, homeTenant: emea }
    `
    assert.deepEqual(findings(text, 'cross-cloud-endpoints'), [])
  })
})
