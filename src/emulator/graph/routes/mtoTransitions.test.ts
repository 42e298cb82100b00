// The MTO's asynchronous transitions as pure functions of (stored MTO, now): no emulator, no clock.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { MtoMember, MtoOrganization, MtoTransition } from './mtoShapes'
import { canSee, remainingOwners, otherActive, settle, transitionStatus } from './mtoTransitions'

const A = 'aaaaaaaa-0000-4000-8000-000000000000'
const B = 'bbbbbbbb-0000-4000-8000-000000000000'
const C = 'cccccccc-0000-4000-8000-000000000000'
const t0 = Date.parse('2030-01-01T00:00:00.000Z')
const at = (seconds: number): Date => new Date(t0 + seconds * 1000)
const iso = (seconds: number): string => at(seconds).toISOString()

function member(tenantId: string, overrides: Partial<MtoMember> = {}): MtoMember {
  return {
    tenantId,
    displayName: tenantId.slice(0, 8),
    role: 'member',
    state: 'active',
    addedDateTime: iso(0),
    addedByTenantId: A,
    joinedDateTime: iso(0),
    isCreator: false,
    transition: null,
    ...overrides,
  }
}

const creator = (): MtoMember => member(A, { role: 'owner', isCreator: true, joinedDateTime: null })

function org(members: MtoMember[], overrides: Partial<MtoOrganization> = {}): MtoOrganization {
  return {
    homeTenantId: A,
    displayName: 'Contoso MTO',
    description: null,
    createdDateTime: iso(0),
    state: 'active',
    activeAt: iso(0),
    members,
    ...overrides,
  }
}

const joining = (
  startedAt: number | null,
  dueAt: number | null,
  desiredRole: 'owner' | 'member' = 'member',
): MtoTransition => ({
  desiredState: 'active',
  desiredRole,
  fromState: 'pending',
  startedAt: startedAt === null ? null : iso(startedAt),
  dueAt: dueAt === null ? null : iso(dueAt),
})

const removing = (from: 'active' | 'pending', startedAt: number, dueAt: number): MtoTransition => ({
  desiredState: 'removed',
  desiredRole: 'member',
  fromState: from,
  startedAt: iso(startedAt),
  dueAt: iso(dueAt),
})

describe('MTO transitions', () => {
  it('keeps a new MTO inactive until its activation time, then makes it active once', () => {
    const stored = org([creator()], { state: 'inactive', activeAt: iso(300) })
    const early = settle(stored, at(299))
    assert.equal(early.org?.state, 'inactive')
    assert.deepEqual(early.events, [])
    const due = settle(stored, at(300))
    assert.equal(due.org?.state, 'active')
    assert.deepEqual(due.events, [{ kind: 'activated', at: iso(300) }])
    assert.deepEqual(settle(due.org, at(900)).events, [])
  })

  it('does not change the stored value it is given', () => {
    const stored = org([creator()], { state: 'inactive', activeAt: iso(1) })
    const copy = structuredClone(stored)
    settle(stored, at(10))
    assert.deepEqual(stored, copy)
  })

  it('leaves an added tenant pending and notStarted until it asks to join', () => {
    const stored = org([
      creator(),
      member(B, { state: 'pending', joinedDateTime: null, transition: joining(null, null) }),
    ])
    const { org: later, events } = settle(stored, at(1_000_000))
    assert.deepEqual(events, [])
    assert.equal(later?.members[1]?.state, 'pending')
    assert.equal(transitionStatus(later.members[1].transition!, at(1_000_000)), 'notStarted')
  })

  it('reports notStarted for the first half of a delay and running for the second', () => {
    const t = joining(100, 300)
    assert.equal(transitionStatus(t, at(150)), 'notStarted')
    assert.equal(transitionStatus(t, at(200)), 'running')
    assert.equal(transitionStatus(t, at(299)), 'running')
  })

  it('completes a join at its due time: active, desired role, joinedDateTime, no transition, peers named', () => {
    const stored = org([
      creator(),
      member(C),
      member(B, { state: 'pending', joinedDateTime: null, transition: joining(10, 70, 'owner') }),
    ])
    assert.deepEqual(settle(stored, at(69)).events, [])
    const { org: done, events } = settle(stored, at(70))
    const b = done!.members[2]!
    assert.deepEqual([b.state, b.role, b.joinedDateTime, b.transition], ['active', 'owner', iso(70), null])
    assert.deepEqual(events, [{ kind: 'joined', at: iso(70), tenantId: B, peers: [A, C] }])
  })

  it('keeps the old role during a role change and switches it when the change is due', () => {
    const change: MtoTransition = { ...joining(0, 60, 'owner'), fromState: 'active' }
    const stored = org([creator(), member(B, { transition: change })])
    assert.equal(settle(stored, at(59)).org?.members[1]?.role, 'member')
    const { org: done, events } = settle(stored, at(60))
    assert.equal(done?.members[1]?.role, 'owner')
    assert.equal(done?.members[1]?.transition, null)
    assert.deepEqual(events, [{ kind: 'roleChanged', at: iso(60), tenantId: B, from: 'member', to: 'owner' }])
  })

  it('drops a removed member when due, naming the tenants it leaves', () => {
    const stored = org([
      creator(),
      member(B, { state: 'removed', transition: removing('active', 0, 60) }),
      member(C),
    ])
    const { org: done, events } = settle(stored, at(60))
    assert.deepEqual(
      done?.members.map((m) => m.tenantId),
      [A, C],
    )
    assert.deepEqual(events, [{ kind: 'removed', at: iso(60), tenantId: B, wasActive: true, peers: [A, C] }])
  })

  it('dissolves the MTO when its last active tenant leaves, taking pending tenants with it', () => {
    const stored = org([
      member(A, { role: 'owner', isCreator: true, state: 'removed', transition: removing('active', 0, 30) }),
      member(B, { state: 'pending', joinedDateTime: null, transition: joining(null, null) }),
    ])
    const { org: done, events } = settle(stored, at(30))
    assert.equal(done, null)
    assert.deepEqual(events, [
      { kind: 'removed', at: iso(30), tenantId: A, wasActive: true, peers: [] },
      { kind: 'dissolved', at: iso(30), remaining: [B] },
    ])
  })

  it('applies due transitions in time order, so a join sees who had already left', () => {
    const stored = org([
      creator(),
      member(B, { state: 'pending', joinedDateTime: null, transition: joining(0, 50) }),
      member(C, { state: 'removed', transition: removing('active', 0, 20) }),
    ])
    const { events } = settle(stored, at(100))
    assert.deepEqual(
      events.map((e) => e.kind),
      ['removed', 'joined'],
    )
    assert.deepEqual(events[1], { kind: 'joined', at: iso(50), tenantId: B, peers: [A] })
  })

  it('lets active and leaving-after-active tenants see the MTO, but not pending ones', () => {
    assert.equal(canSee(member(B)), true)
    assert.equal(canSee(member(B, { state: 'removed', transition: removing('active', 0, 1) })), true)
    assert.equal(canSee(member(B, { state: 'pending', transition: joining(0, 1) })), false)
    assert.equal(canSee(undefined), false)
  })

  it('counts the owners that remain once role changes complete, and the other active tenants', () => {
    const demoting: MtoTransition = { ...joining(0, 60, 'member'), fromState: 'active' }
    const stored = org([
      creator(),
      member(B, { role: 'owner', transition: demoting }),
      member(C, { state: 'pending', transition: joining(null, null, 'owner') }),
    ])
    assert.equal(remainingOwners(stored, B), 1)
    assert.equal(remainingOwners(stored, A), 0)
    assert.equal(otherActive(stored, A), 1)
  })
})
