// Partner entries, identity sync allowances and allowed cloud endpoints: which tenants get them, with
// which settings, in which order.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { resolveTopology } from '../model'
import type { Topology } from '../topology.generated'
import { planTopology } from './planner'
import type { PartnerAccess } from './types'

const ids = {
  a: '11111111-1111-4111-8111-111111111111',
  b: '22222222-2222-4222-8222-222222222222',
  c: '33333333-3333-4333-8333-333333333333',
}
const plan = (raw: Omit<Topology, 'organization'>) =>
  planTopology(resolveTopology({ organization: 'Org', ...raw }))
const three = { a: { tenantId: ids.a }, b: { tenantId: ids.b, displayName: 'Bee' }, c: { tenantId: ids.c } }
const partner = (p: ReturnType<typeof plan>, key: string): PartnerAccess => {
  const object = p.objects[key]
  assert.ok(object?.kind === 'partnerAccess', `${key} is a partner entry`)
  return object
}

describe('partner entries', () => {
  it('a one-way pair gives each side an entry for the other: inbound redemption in the target, outbound in the source', () => {
    const p = plan({ tenants: three, sync: { topology: 'pairs', pairs: [{ from: 'a', to: 'b' }] } })
    const source = partner(p, 'a/partner/b')
    const target = partner(p, 'b/partner/a')
    assert.equal(source.tenantId, ids.b)
    assert.deepEqual(source.automaticUserConsentSettings, { inboundAllowed: null, outboundAllowed: true })
    assert.equal(target.tenantId, ids.a)
    assert.deepEqual(target.automaticUserConsentSettings, { inboundAllowed: true, outboundAllowed: null })
    assert.equal(p.objects['c/partner/a'], undefined, 'c pairs with nobody')
    assert.equal(p.objects['a/partner/c'], undefined)
  })

  it('a pair synced both ways allows redemption both ways on both sides', () => {
    const p = plan({ tenants: three, sync: { topology: 'mesh', tenants: ['a', 'b'] } })
    for (const key of ['a/partner/b', 'b/partner/a'])
      assert.deepEqual(partner(p, key).automaticUserConsentSettings, {
        inboundAllowed: true,
        outboundAllowed: true,
      })
  })

  it('automaticRedemption: false leaves consent to the default (null, which inherits false)', () => {
    const p = plan({
      tenants: three,
      access: { automaticRedemption: false },
      sync: { topology: 'pairs', pairs: [{ from: 'a', to: 'b' }] },
    })
    assert.deepEqual(partner(p, 'b/partner/a').automaticUserConsentSettings, {
      inboundAllowed: null,
      outboundAllowed: null,
    })
  })

  it('inbound trust follows access.inboundTrust, with the schema defaults (MFA trusted, devices not)', () => {
    const defaults = plan({ tenants: three, sync: { topology: 'pairs', pairs: [{ from: 'a', to: 'b' }] } })
    assert.deepEqual(partner(defaults, 'b/partner/a').inboundTrust, {
      isMfaAccepted: true,
      isCompliantDeviceAccepted: false,
      isHybridAzureADJoinedDeviceAccepted: false,
    })
    const set = plan({
      tenants: three,
      access: { inboundTrust: { mfa: false, compliantDevice: true, hybridJoinedDevice: true } },
      sync: { topology: 'pairs', pairs: [{ from: 'a', to: 'b' }] },
    })
    assert.deepEqual(partner(set, 'a/partner/b').inboundTrust, {
      isMfaAccepted: false,
      isCompliantDeviceAccepted: true,
      isHybridAzureADJoinedDeviceAccepted: true,
    })
  })

  it('b2bCollaboration: allowAll allows all users and applications both ways; inherit leaves null', () => {
    const sync = {
      topology: 'pairs' as const,
      pairs: [{ from: 'a', to: 'b' }] as [{ from: string; to: string }],
    }
    const inherit = partner(plan({ tenants: three, sync }), 'a/partner/b')
    assert.equal(inherit.b2bCollaborationInbound, null)
    assert.equal(inherit.b2bCollaborationOutbound, null)
    const all = partner(
      plan({ tenants: three, access: { b2bCollaboration: 'allowAll' }, sync }),
      'b/partner/a',
    )
    const expected = {
      usersAndGroups: { accessType: 'allowed', targets: [{ target: 'AllUsers', targetType: 'user' }] },
      applications: {
        accessType: 'allowed',
        targets: [{ target: 'AllApplications', targetType: 'application' }],
      },
    }
    assert.deepEqual(all.b2bCollaborationInbound, expected)
    assert.deepEqual(all.b2bCollaborationOutbound, expected)
  })

  it('a cross-cloud invitation pairs host and home tenant; a same-cloud one does not', () => {
    const p = plan({
      tenants: {
        a: { tenantId: ids.a, allowedCloudEndpoints: ['microsoftonline.us'] },
        b: { tenantId: ids.b, cloud: 'usgov', allowedCloudEndpoints: ['microsoftonline.com'] },
        c: { tenantId: ids.c },
      },
      invitations: {
        b: [{ email: 'x@a.example', homeTenant: 'a' }],
        a: [{ email: 'y@c.example', homeTenant: 'c' }],
      },
    })
    const host = partner(p, 'b/partner/a')
    assert.deepEqual(host.automaticUserConsentSettings, { inboundAllowed: null, outboundAllowed: null })
    assert.deepEqual(host.dependsOn, ['b/allowedCloudEndpoints'], 'the other cloud is allowed first')
    assert.deepEqual(partner(p, 'a/partner/b').dependsOn, ['a/allowedCloudEndpoints'])
    assert.equal(p.objects['a/partner/c'], undefined)
    assert.equal(p.objects['c/partner/a'], undefined)
    assert.equal(p.objects['b/identitySync/a'], undefined, 'invitations need no sync allowance')
  })
})

describe('identity sync allowances', () => {
  it('the target allows each source to sync in, named after the source, after its partner entry', () => {
    const p = plan({ tenants: three, sync: { topology: 'hub', hub: 'a' } })
    assert.deepEqual(p.objects['a/identitySync/b'], {
      kind: 'identitySync',
      tenant: 'a',
      dependsOn: ['a/partner/b'],
      partner: 'b',
      tenantId: ids.b,
      displayName: 'Bee',
      userSyncInbound: { isSyncAllowed: true },
    })
    assert.equal(p.objects['a/identitySync/c']?.kind, 'identitySync')
    assert.equal(p.objects['b/identitySync/a'], undefined, 'nothing syncs into a spoke without hubToSpokes')
  })
})

describe('allowed cloud endpoints', () => {
  it('are planned only for tenants that list some', () => {
    const p = plan({
      tenants: { a: { tenantId: ids.a, allowedCloudEndpoints: ['microsoftonline.us'] }, b: three.b },
    })
    assert.deepEqual(p.objects['a/allowedCloudEndpoints'], {
      kind: 'allowedCloudEndpoints',
      tenant: 'a',
      dependsOn: [],
      allowedCloudEndpoints: ['microsoftonline.us'],
    })
    assert.equal(p.objects['b/allowedCloudEndpoints'], undefined)
  })
})
