import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodePartner, decodeTenant, fromWire, toWire } from './wireShape'

const tenantId = '18b2038c-2ad2-4ea8-b93a-20a97f1a2e48'
const partnerId = '0c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f'

describe('the wire shape of tenant references', () => {
  it('sends tenant and partner objects as strings and reads them back', () => {
    const rich = {
      tenant: { alias: 'contoso', tenantId, cloud: 'usgov' },
      partner: { alias: 'fabrikam', tenantId: partnerId },
      displayName: 'x',
      adopt: false,
    }
    const wire = toWire(rich)
    assert.deepEqual(wire, {
      tenant: `contoso/${tenantId}/usgov`,
      partner: `fabrikam/${partnerId}`,
      displayName: 'x',
    })
    assert.deepEqual(fromWire(wire), rich)
    assert.equal(toWire({ ...rich, adopt: true }).adopt, true, 'adopt is sent when true')
    assert.equal(fromWire({ ...wire, adopt: true }).adopt, true)
  })

  it('leaves alone what it does not know: a bare partner alias, Outputs, objects with more members', () => {
    const startLike = { tenant: `contoso/${tenantId}/global`, partner: 'fabrikam' }
    assert.deepEqual(fromWire(startLike), {
      tenant: { alias: 'contoso', tenantId, cloud: 'global' },
      partner: 'fabrikam',
      adopt: false,
    })
    const extra = { tenant: { alias: 'a', tenantId, cloud: 'global', more: 1 } }
    assert.deepEqual(toWire(extra), extra)
    const later = { tenant: Promise.resolve('x') }
    assert.equal(toWire(later).tenant, later.tenant)
    assert.equal(toWire(undefined), undefined)
  })

  it('reads state written before the change (objects) as it is, and passes malformed strings to check', () => {
    const old = { tenant: { alias: 'contoso', tenantId, cloud: 'global' }, adopt: false }
    assert.deepEqual(fromWire(old), old)
    assert.equal(decodeTenant('contoso/not-a-guid/global'), 'contoso/not-a-guid/global')
    assert.equal(decodeTenant(`a/b/${tenantId}/global`), `a/b/${tenantId}/global`)
    assert.equal(decodePartner(`fabrikam/${tenantId}/global`), `fabrikam/${tenantId}/global`)
  })

  it('answers each reference in the form the state holds, so state from before plans no change', () => {
    const rich = {
      tenant: { alias: 'contoso', tenantId, cloud: 'global' },
      partner: { alias: 'fabrikam', tenantId: partnerId },
      adopt: false,
    }
    const before = { ...rich, __provider: 'shim' }
    assert.deepEqual(toWire(rich, before), rich, 'objects and adopt: false stay as stored')
    const after = toWire({ ...rich, __provider: 'shim' })
    assert.deepEqual(toWire(rich, after), toWire(rich), 'wire form stays wire form')
    assert.deepEqual(toWire(rich, {}), toWire(rich), 'nothing stored (a create): wire form')
    assert.equal(toWire({ ...rich, adopt: true }, before).adopt, true)
  })
})
