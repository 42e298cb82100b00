// diffPlans and fieldChanges: pairs, objects and fields that change, group members, and which changes
// count as destructive (and which do not).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { resolveTopology } from '../model'
import type { Sync, Topology } from '../topology.generated'
import { diffPlans } from './diff'
import { fieldChanges } from './fieldChanges'
import { planTopology } from './planner'

const tenants = {
  a: { tenantId: '11111111-1111-4111-8111-111111111111' },
  b: { tenantId: '22222222-2222-4222-8222-222222222222' },
  c: { tenantId: '33333333-3333-4333-8333-333333333333' },
}
const groups = (aMembers: string[], g2Members = ['al@a.example'], bMembers = ['bo@b.example']) => ({
  a: { g1: { members: aMembers }, g2: { members: g2Members } },
  b: { g1: { members: bMembers } },
})
const plan = (sync: Partial<Sync>, raw: Partial<Topology> = {}) =>
  planTopology(
    resolveTopology({
      organization: 'Org',
      tenants,
      groups: groups(['ann@a.example', 'ada@a.example']),
      sync: {
        topology: 'mesh',
        tenants: ['a', 'b'],
        scope: { a: { groups: ['g1'] }, b: { groups: ['g1'] } },
        ...sync,
      },
      ...raw,
    }),
  )

describe('fieldChanges', () => {
  it('names each changed leaf by JSON pointer, whole arrays, and fields that appear or go', () => {
    assert.deepEqual(
      fieldChanges(
        { x: { 'a/b': 1, keep: [1] }, gone: true, list: [1, 2] },
        { x: { 'a/b': 2, keep: [1] }, list: [2, 1], new: null },
      ),
      [
        { pointer: '/gone', before: true },
        { pointer: '/list', before: [1, 2], after: [2, 1] },
        { pointer: '/new', after: null },
        { pointer: '/x/a~1b', before: 1, after: 2 },
      ],
    )
  })

  it('finds nothing between equal values, whatever their property order', () => {
    assert.deepEqual(fieldChanges({ a: 1, b: { c: [1] } }, { b: { c: [1] }, a: 1 }), [])
  })
})

describe('diffPlans', () => {
  it('finds nothing between a plan and itself', () => {
    const p = plan({})
    assert.deepEqual(diffPlans(p, p), {
      pairs: { added: [], removed: [] },
      objects: { added: [], removed: [], changed: [] },
      groupMembers: [],
      destructive: [],
    })
  })

  it('a tenant joining the mesh adds pairs and objects, and destroys nothing', () => {
    const diff = diffPlans(plan({}), plan({ tenants: ['a', 'b', 'c'] }))
    assert.deepEqual(diff.pairs.added, [
      { from: 'a', to: 'c' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'a' },
      { from: 'c', to: 'b' },
    ])
    assert.deepEqual(diff.pairs.removed, [])
    assert.ok(
      diff.objects.added.some(
        (o) => o.key === 'c/identitySync/a' && o.kind === 'identitySync' && o.tenant === 'c',
      ),
    )
    assert.deepEqual(diff.destructive, [])
  })

  it('a setting change is a field change of every object it touches', () => {
    const diff = diffPlans(plan({}), plan({}, { access: { inboundTrust: { compliantDevice: true } } }))
    assert.deepEqual(
      diff.objects.changed.map((c) => [c.key, c.changes]),
      ['a/partner/b', 'b/partner/a'].map((key) => [
        key,
        [{ pointer: '/inboundTrust/isCompliantDeviceAccepted', before: false, after: true }],
      ]),
    )
    assert.deepEqual(diff.destructive, [])
  })

  it('a removed pair is destructive for the users in its scope', () => {
    const diff = diffPlans(plan({}), plan({ topology: 'pairs', pairs: [{ from: 'a', to: 'b' }] }))
    assert.deepEqual(diff.pairs.removed, [{ from: 'b', to: 'a' }])
    assert.deepEqual(diff.destructive, [
      {
        reason: 'pairRemoved',
        pairs: [{ from: 'b', to: 'a' }],
        users: ['bo@b.example'],
        includesUnlistedUsers: false,
      },
    ])
  })

  it('a removed allUsers pair says that users the file does not list are affected', () => {
    const diff = diffPlans(plan({ scope: { a: { allUsers: true } } }), plan({ tenants: ['b', 'c'] }))
    const removed = diff.destructive.find((d) => d.reason === 'pairRemoved' && d.pairs[0]?.from === 'a')
    assert.deepEqual(removed, {
      reason: 'pairRemoved',
      pairs: [{ from: 'a', to: 'b' }],
      users: [],
      includesUnlistedUsers: true,
    })
  })

  it('members leaving a scoping group narrow the scope of every pair from its tenant', () => {
    const before = plan({ tenants: ['a', 'b', 'c'] })
    const after = plan({ tenants: ['a', 'b', 'c'] }, { groups: groups(['ada@a.example', 'new@a.example']) })
    const diff = diffPlans(before, after)
    assert.deepEqual(diff.groupMembers, [
      { key: 'a/group/g1', tenant: 'a', group: 'g1', added: ['new@a.example'], removed: ['ann@a.example'] },
    ])
    assert.deepEqual(diff.destructive, [
      {
        reason: 'scopeNarrowed',
        tenant: 'a',
        pairs: [
          { from: 'a', to: 'b' },
          { from: 'a', to: 'c' },
        ],
        users: ['ann@a.example'],
        includesUnlistedUsers: false,
        groupsRemoved: [],
        usersRemoved: [],
        membersRemoved: { g1: ['ann@a.example'] },
        allUsersTurnedOff: false,
        deprovision: 'softDelete',
      },
    ])
  })

  it('a group or user taken out of a scope narrows it; users still in scope another way are not affected', () => {
    const before = plan({
      scope: { a: { groups: ['g1', 'g2'], users: ['ann@a.example', 'zed@a.example'] }, b: {} },
    })
    const after = plan({ scope: { a: { groups: ['g1'], users: [] }, b: {} } })
    const [narrowed, ...rest] = diffPlans(before, after).destructive
    assert.deepEqual(rest, [])
    assert.equal(narrowed?.reason, 'scopeNarrowed')
    assert.deepEqual(narrowed.groupsRemoved, ['g2'])
    assert.deepEqual(narrowed.usersRemoved, ['ann@a.example', 'zed@a.example'])
    assert.deepEqual(narrowed.users, ['al@a.example', 'zed@a.example'], 'ann is still a member of g1')
  })

  it('allUsers turned off narrows the scope to users the file cannot list', () => {
    const diff = diffPlans(
      plan({ scope: { a: { allUsers: true } } }),
      plan({ scope: { a: { groups: ['g1'] } } }),
    )
    const [narrowed] = diff.destructive
    assert.equal(narrowed?.reason === 'scopeNarrowed' && narrowed.allUsersTurnedOff, true)
    assert.equal(narrowed?.reason === 'scopeNarrowed' && narrowed.includesUnlistedUsers, true)
  })

  it('widening a scope, or changing a group no scope uses, destroys nothing', () => {
    assert.deepEqual(
      diffPlans(plan({}), plan({ scope: { a: { groups: ['g1', 'g2'] }, b: { groups: ['g1'] } } }))
        .destructive,
      [],
    )
    assert.deepEqual(
      diffPlans(plan({}), plan({ scope: { a: { allUsers: true }, b: { groups: ['g1'] } } })).destructive,
      [],
    )
    const unused = { groups: groups(['ann@a.example', 'ada@a.example'], []) }
    const diff = diffPlans(plan({}), plan({}, unused))
    assert.equal(diff.groupMembers.length, 1, 'g2 lost al')
    assert.deepEqual(diff.destructive, [])
  })

  it('a deprovision mode change is destructive for every pair that stays', () => {
    const diff = diffPlans(plan({}), plan({ deprovision: 'disable' }))
    assert.deepEqual(diff.destructive, [
      {
        reason: 'deprovisionChanged',
        pairs: [
          { from: 'a', to: 'b' },
          { from: 'b', to: 'a' },
        ],
        before: 'softDelete',
        after: 'disable',
      },
    ])
    const changed = diff.objects.changed.find((c) => c.key === 'a/sync/b')
    assert.deepEqual(changed?.changes, [
      { pointer: '/schema/removedAttributeMappings', before: [], after: ['isSoftDeleted'] },
    ])
  })
})
