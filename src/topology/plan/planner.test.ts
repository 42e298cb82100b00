// The planner as a whole and the parts not covered beside their modules: scoping groups and their
// administrative unit, invitations, the multitenant organization, keys, and the errors for
// references validation should have refused.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { resolveTopology } from '../model'
import type { Topology } from '../topology.generated'
import { PlanError, planTopology } from './planner'

const ids = {
  a: '11111111-1111-4111-8111-111111111111',
  b: '22222222-2222-4222-8222-222222222222',
  c: '33333333-3333-4333-8333-333333333333',
}
const plan = (raw: Omit<Topology, 'organization'>) =>
  planTopology(resolveTopology({ organization: 'Org', ...raw }))
const three = { a: { tenantId: ids.a }, b: { tenantId: ids.b, displayName: 'Bee' }, c: { tenantId: ids.c } }

describe('scoping groups', () => {
  it('are security groups named by mailNickname, created in one restricted unit per tenant, after the app role over it', () => {
    const p = plan({
      tenants: three,
      groups: {
        a: {
          out: { displayName: 'Out', description: 'd', members: ['Zoe@a.example', 'amy@a.example'] },
          'other.group': {},
        },
      },
    })
    assert.deepEqual(p.objects['a/group/out'], {
      kind: 'scopingGroup',
      tenant: 'a',
      dependsOn: ['a/rmau/scoping-groups', 'a/rmau/scoping-groups/role'],
      displayName: 'Out',
      description: 'd',
      mailNickname: 'out',
      mailEnabled: false,
      securityEnabled: true,
      members: ['amy@a.example', 'zoe@a.example'],
      administrativeUnit: 'a/rmau/scoping-groups',
    })
    assert.equal(p.objects['a/group/other.group']?.dependsOn[0], 'a/rmau/scoping-groups')
    const unit = p.objects['a/rmau/scoping-groups']
    assert.equal(unit?.kind === 'administrativeUnit' && unit.isMemberManagementRestricted, true)
    assert.equal(unit?.kind === 'administrativeUnit' && unit.displayName, 'Org synchronization scope')
    assert.deepEqual(p.objects['a/rmau/scoping-groups/role'], {
      kind: 'unitRoleAssignment',
      tenant: 'a',
      dependsOn: ['a/rmau/scoping-groups'],
      administrativeUnit: 'a/rmau/scoping-groups',
      roleDefinitionId: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
      roleName: 'Groups Administrator',
    })
  })

  it('a group with restrictedManagementUnit: false is created outside it; no unit when no group asks', () => {
    const p = plan({ tenants: three, groups: { b: { open: { restrictedManagementUnit: false } } } })
    const group = p.objects['b/group/open']
    assert.equal(group?.kind === 'scopingGroup' && group.administrativeUnit, null)
    assert.deepEqual(group?.dependsOn, [])
    assert.equal(p.objects['b/rmau/scoping-groups'], undefined)
    assert.equal(p.objects['b/rmau/scoping-groups/role'], undefined)
  })
})

describe('invitations', () => {
  it('are keyed by host and e-mail, in Graph terms, with their user properties', () => {
    const p = plan({
      tenants: three,
      invitations: {
        a: [
          {
            email: 'Sub@Partner.example',
            displayName: 'Sub',
            userType: 'Member',
            showInAddressList: true,
            attributes: { department: 'Legal', usageLocation: 'FR' },
          },
        ],
      },
    })
    assert.deepEqual(p.objects['a/invitation/sub@partner.example'], {
      kind: 'invitation',
      tenant: 'a',
      dependsOn: [],
      invitedUserEmailAddress: 'sub@partner.example',
      invitedUserDisplayName: 'Sub',
      invitedUserType: 'Member',
      sendInvitationMessage: false,
      homeTenant: null,
      showInAddressList: true,
      attributes: { department: 'Legal', usageLocation: 'FR' },
    })
  })

  it('wait for the partner entries between host and home tenant when the plan has them', () => {
    const p = plan({
      tenants: three,
      sync: { topology: 'pairs', pairs: [{ from: 'b', to: 'a' }] },
      invitations: {
        a: [
          { email: 'x@b.example', homeTenant: 'b' },
          { email: 'y@c.example', homeTenant: 'c' },
        ],
      },
    })
    assert.deepEqual(p.objects['a/invitation/x@b.example']?.dependsOn, ['a/partner/b', 'b/partner/a'])
    assert.deepEqual(p.objects['a/invitation/y@c.example']?.dependsOn, [], 'a and c are not partners')
  })
})

describe('multitenant organization', () => {
  it('the owner creates it and adds each member; each member then asks to join', () => {
    const p = plan({ tenants: three, multiTenantOrganization: { displayName: 'Org MTO', owner: 'b' } })
    assert.deepEqual(p.objects['b/mto'], {
      kind: 'multiTenantOrganization',
      tenant: 'b',
      dependsOn: [],
      displayName: 'Org MTO',
      description: null,
      peerTenantIds: [ids.a, ids.c].sort(),
      managedPartnerTenantIds: [],
    })
    assert.deepEqual(p.objects['b/mto/member/a'], {
      kind: 'multiTenantOrganizationMember',
      tenant: 'b',
      dependsOn: ['b/mto'],
      member: 'a',
      tenantId: ids.a,
      displayName: 'a',
      role: 'member',
    })
    assert.deepEqual(p.objects['a/mto/joinRequest'], {
      kind: 'multiTenantOrganizationJoinRequest',
      tenant: 'a',
      dependsOn: ['b/mto/member/a'],
      owner: 'b',
      addedByTenantId: ids.b,
      peerTenantIds: [ids.b, ids.c].sort(),
      managedPartnerTenantIds: [],
    })
    assert.equal(p.objects['b/mto/member/b'], undefined, 'the owner is a member by creating it')
    assert.equal(p.objects['b/mto/joinRequest'], undefined)
  })

  it('membership waits for the partner entries the plan makes between owner and member', () => {
    const p = plan({
      tenants: three,
      multiTenantOrganization: { displayName: 'M', owner: 'a', members: ['b'] },
      sync: { topology: 'hub', hub: 'a', tenants: ['a', 'b'] },
    })
    assert.deepEqual(p.objects['a/mto/member/b']?.dependsOn, ['a/mto', 'a/partner/b'])
    assert.deepEqual(p.objects['b/mto/joinRequest']?.dependsOn, [
      'a/mto/member/b',
      'a/partner/b',
      'b/partner/a',
    ])
    assert.equal(p.objects['a/mto/member/c'], undefined, 'members lists only b')
  })

  it("every join waits for every planned partner entry among the organization's tenants, and knows its own", () => {
    const p = plan({
      tenants: three,
      multiTenantOrganization: { displayName: 'M', owner: 'a' },
      sync: { topology: 'mesh' },
    })
    const partnerKeys = [
      'a/partner/b',
      'a/partner/c',
      'b/partner/a',
      'b/partner/c',
      'c/partner/a',
      'c/partner/b',
    ]
    assert.deepEqual(p.objects['c/mto/joinRequest']?.dependsOn, ['a/mto/member/c', ...partnerKeys])
    const join = p.objects['c/mto/joinRequest']
    assert.deepEqual(
      join?.kind === 'multiTenantOrganizationJoinRequest' && join.managedPartnerTenantIds,
      [ids.a, ids.b].sort(),
    )
    const owner = p.objects['a/mto']
    assert.deepEqual(owner?.kind === 'multiTenantOrganization' && owner.peerTenantIds, [ids.b, ids.c].sort())
  })
})

describe('the plan', () => {
  it('summarizes tenants and sorts objects by key', () => {
    const p = plan({ tenants: { c: three.c, a: three.a }, sync: { topology: 'mesh' } })
    assert.deepEqual(p.tenants, {
      a: { tenantId: ids.a, cloud: 'global', displayName: 'a' },
      c: { tenantId: ids.c, cloud: 'global', displayName: 'c' },
    })
    const keys = Object.keys(p.objects)
    assert.deepEqual(keys, [...keys].sort())
    assert.equal(keys.length, 8)
  })

  it('keys follow aliases, not positions: reordering pairs, lists and maps changes nothing', () => {
    const one = plan({
      tenants: three,
      sync: {
        topology: 'pairs',
        pairs: [
          { from: 'a', to: 'b' },
          { from: 'c', to: 'b' },
        ],
      },
      invitations: { a: [{ email: 'p@x.example' }, { email: 'q@x.example' }] },
    })
    const two = plan({
      tenants: { c: three.c, b: three.b, a: three.a },
      invitations: { a: [{ email: 'q@x.example' }, { email: 'p@x.example' }] },
      sync: {
        topology: 'pairs',
        pairs: [
          { from: 'c', to: 'b' },
          { from: 'a', to: 'b' },
        ],
      },
    })
    assert.equal(JSON.stringify(two), JSON.stringify(one))
  })

  it('refuses, naming every problem, a topology that refers to what it does not declare', () => {
    assert.throws(
      () =>
        plan({
          tenants: three,
          sync: { topology: 'pairs', pairs: [{ from: 'a', to: 'zz' }], scope: { a: { groups: ['nope'] } } },
          invitations: { a: [{ email: 'p@x.example' }, { email: 'P@x.example' }] },
        }),
      (error: unknown) => {
        assert.ok(error instanceof PlanError)
        assert.deepEqual(error.problems, [
          "sync pair a -> zz: tenant 'zz' is not declared under /tenants",
          '/invitations/a/1: p@x.example is invited twice',
        ])
        return true
      },
    )
    assert.throws(
      () =>
        plan({
          tenants: three,
          sync: { topology: 'mesh', tenants: ['a', 'b'], scope: { a: { groups: ['nope'] } } },
        }),
      /scoping group 'nope' is not declared under \/groups\/a/,
    )
  })
})
