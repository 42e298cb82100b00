// diffPlans: what changes between two plans, at the topology's level (pairs) and at the level of the
// planned objects (added, removed, changed field by field), with the scoping groups' member changes and
// the destructive changes singled out. Presentation-free: the plan report (issue 7) renders it.
import { destructiveChanges, type DestructiveChange, type PairRef } from './destructive'
import { fieldChanges, type FieldChange } from './fieldChanges'
import { compareStrings } from './keys'
import type { Plan, PlanObject, PlanObjectKind } from './types'

export type { DestructiveChange, PairRef } from './destructive'
export type { FieldChange } from './fieldChanges'

export interface ObjectRef {
  readonly key: string
  readonly kind: PlanObjectKind
  readonly tenant: string
}

export interface ObjectChange extends ObjectRef {
  /** Sorted by pointer; pointers are relative to the object (e.g. /inboundTrust/isMfaAccepted). */
  readonly changes: readonly FieldChange[]
}

/** Member changes of a scoping group present in both plans (a group added or removed is in `objects`). */
export interface GroupMemberChange {
  readonly key: string
  readonly tenant: string
  readonly group: string
  readonly added: readonly string[]
  readonly removed: readonly string[]
}

export interface PlanDiff {
  readonly pairs: { readonly added: readonly PairRef[]; readonly removed: readonly PairRef[] }
  readonly objects: {
    readonly added: readonly ObjectRef[]
    readonly removed: readonly ObjectRef[]
    readonly changed: readonly ObjectChange[]
  }
  readonly groupMembers: readonly GroupMemberChange[]
  /** Changes that deprovision or may deprovision users: pairs removed, scopes narrowed, deprovision mode changed. */
  readonly destructive: readonly DestructiveChange[]
}

const refOf = (key: string, object: PlanObject): ObjectRef => ({
  key,
  kind: object.kind,
  tenant: object.tenant,
})

function pairsOnlyIn(a: Plan, b: Plan): PairRef[] {
  const other = new Set(b.pairs.map((p) => `${p.from}>${p.to}`))
  return a.pairs.filter((p) => !other.has(`${p.from}>${p.to}`)).map(({ from, to }) => ({ from, to }))
}

function memberChange(key: string, was: PlanObject, now: PlanObject): GroupMemberChange | undefined {
  if (was.kind !== 'scopingGroup' || now.kind !== 'scopingGroup') return undefined
  const before = new Set(was.members)
  const after = new Set(now.members)
  const added = now.members.filter((m) => !before.has(m))
  const removed = was.members.filter((m) => !after.has(m))
  if (added.length + removed.length === 0) return undefined
  return { key, tenant: now.tenant, group: now.mailNickname, added, removed }
}

export function diffPlans(before: Plan, after: Plan): PlanDiff {
  const added: ObjectRef[] = []
  const removed: ObjectRef[] = []
  const changed: ObjectChange[] = []
  const groupMembers: GroupMemberChange[] = []
  const keys = [...new Set([...Object.keys(before.objects), ...Object.keys(after.objects)])].sort(
    compareStrings,
  )
  for (const key of keys) {
    const was = before.objects[key]
    const now = after.objects[key]
    if (was === undefined) added.push(refOf(key, now!))
    else if (now === undefined) removed.push(refOf(key, was))
    else {
      const changes = fieldChanges(was, now)
      if (changes.length === 0) continue
      changed.push({ ...refOf(key, now), changes })
      const members = memberChange(key, was, now)
      if (members !== undefined) groupMembers.push(members)
    }
  }
  return {
    pairs: { added: pairsOnlyIn(after, before), removed: pairsOnlyIn(before, after) },
    objects: { added, removed, changed },
    groupMembers,
    destructive: destructiveChanges(before, after),
  }
}
