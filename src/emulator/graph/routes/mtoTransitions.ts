// The asynchronous side of the multitenant organization (graph-api.md §4), as pure functions of the
// stored MTO and the emulator's clock: creation completing, joins, role changes and removals. Handlers
// are synchronous and the emulator keeps no timers, so every MTO route calls settle() first and then
// applies the events it returns (partner configurations, pointers, audit: see mtoState.ts).
import type { MemberRole, MtoMember, MtoOrganization, MtoTransition } from './mtoShapes'

export type MtoEvent =
  | { readonly kind: 'activated'; readonly at: string }
  | {
      readonly kind: 'joined'
      readonly at: string
      readonly tenantId: string
      /** The other active tenants at that moment: partner configurations are set between them. */
      readonly peers: readonly string[]
    }
  | {
      readonly kind: 'roleChanged'
      readonly at: string
      readonly tenantId: string
      readonly from: MemberRole
      readonly to: MemberRole
    }
  | {
      readonly kind: 'removed'
      readonly at: string
      readonly tenantId: string
      /** Whether it had been active, so partner configurations between it and `peers` say so. */
      readonly wasActive: boolean
      readonly peers: readonly string[]
    }
  | {
      /** The last tenant left: the MTO is gone, and so are the tenants still pending in it. */
      readonly kind: 'dissolved'
      readonly at: string
      readonly remaining: readonly string[]
    }

export interface Settled {
  /** The MTO now, or null when it has been dissolved. */
  readonly org: MtoOrganization | null
  /** What happened since the stored state, in the order it happened. */
  readonly events: readonly MtoEvent[]
}

/** The ISO time `seconds` after `from`. */
export const after = (from: Date, seconds: number): string =>
  new Date(from.getTime() + seconds * 1000).toISOString()

/**
 * Graph's transitionDetails.status of a change in progress: notStarted until it is taken up and during
 * the first half of its delay, running during the second half (so a poller sees both).
 */
export function transitionStatus(t: MtoTransition, now: Date): 'notStarted' | 'running' {
  if (t.startedAt === null || t.dueAt === null) return 'notStarted'
  const start = Date.parse(t.startedAt)
  const half = start + (Date.parse(t.dueAt) - start) / 2
  return now.getTime() >= half && now.getTime() > start ? 'running' : 'notStarted'
}

const isActive = (m: MtoMember): boolean => m.state === 'active'
/** Still counts as part of the MTO: active, or on the way out after having been active. */
const isEstablished = (m: MtoMember): boolean =>
  m.state === 'active' || (m.state === 'removed' && m.transition?.fromState === 'active')

/** Brings `stored` up to `now`. Does not change `stored`. */
export function settle(stored: MtoOrganization, now: Date): Settled {
  const org = structuredClone(stored)
  const events: MtoEvent[] = []
  const nowMs = now.getTime()
  if (org.state === 'inactive' && Date.parse(org.activeAt) <= nowMs) {
    org.state = 'active'
    events.push({ kind: 'activated', at: org.activeAt })
  }
  const due = org.members
    .map((member, order) => ({ member, order, dueAt: member.transition?.dueAt ?? null }))
    .filter((d): d is { member: MtoMember; order: number; dueAt: string } => d.dueAt !== null)
    .filter((d) => Date.parse(d.dueAt) <= nowMs)
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.order - b.order)
  for (const { member, dueAt } of due) {
    const t = member.transition!
    const peers = () => org.members.filter((m) => m !== member && isActive(m)).map((m) => m.tenantId)
    if (t.desiredState === 'removed') {
      org.members = org.members.filter((m) => m !== member)
      events.push({
        kind: 'removed',
        at: dueAt,
        tenantId: member.tenantId,
        wasActive: t.fromState === 'active',
        peers: peers(),
      })
      if (!org.members.some(isEstablished)) {
        events.push({ kind: 'dissolved', at: dueAt, remaining: org.members.map((m) => m.tenantId) })
        return { org: null, events }
      }
    } else if (member.state === 'pending') {
      member.state = 'active'
      member.role = t.desiredRole
      member.joinedDateTime = dueAt
      member.transition = null
      events.push({ kind: 'joined', at: dueAt, tenantId: member.tenantId, peers: peers() })
    } else {
      events.push({
        kind: 'roleChanged',
        at: dueAt,
        tenantId: member.tenantId,
        from: member.role,
        to: t.desiredRole,
      })
      member.role = t.desiredRole
      member.transition = null
    }
  }
  return { org, events }
}

/** Whether `member` may see the MTO (GET shows it, reads list its tenants). */
export const canSee = (member: MtoMember | undefined): member is MtoMember =>
  member !== undefined && isEstablished(member)

/** Owners whose role stays owner once pending role changes complete, other than `except`. */
export function remainingOwners(org: MtoOrganization, except: string): number {
  return org.members.filter(
    (m) => m.tenantId !== except && isActive(m) && (m.transition?.desiredRole ?? m.role) === 'owner',
  ).length
}

/** Tenants other than `except` that are active (an owner may leave only when none remain). */
export const otherActive = (org: MtoOrganization, except: string): number =>
  org.members.filter((m) => m.tenantId !== except && isActive(m)).length
