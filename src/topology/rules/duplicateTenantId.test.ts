// duplicate-tenant-id: two aliases for one tenant id (compared without case).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

describe('duplicate-tenant-id', () => {
  it('reports the later alias, naming the earlier one, even when the case differs', () => {
    const [d, ...rest] = findings(
      yaml`
        organization: Contoso
        tenants:
          contoso: { tenantId: 00000000-0000-0000-0000-0000000000c0 }
          emea: { tenantId: 00000000-0000-0000-0000-0000000000E1 }
          europe: { tenantId: 00000000-0000-0000-0000-0000000000e1 }
      `,
      'duplicate-tenant-id',
    )
    assert.deepEqual(where(d), {
      ruleId: 'duplicate-tenant-id',
      severity: 'error',
      pointer: '/tenants/europe/tenantId',
      line: 5,
      column: 23,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, '00000000-0000-0000-0000-0000000000e1')
    assert.match(d!.message, /tenants\.europe has the same tenantId as tenants\.emea/)
    assert.match(d!.allowed!, /each tenantId under one alias only/)
    assert.match(d!.fix!, /remove tenants\.europe and refer to 'emea'/)
  })

  it('accepts distinct tenant ids', () => {
    const text = yaml`
      organization: Contoso
      tenants:
        contoso: { tenantId: 00000000-0000-0000-0000-0000000000c0 }
        emea: { tenantId: 00000000-0000-0000-0000-0000000000e1 }
    `
    assert.deepEqual(findings(text, 'duplicate-tenant-id'), [])
  })
})
