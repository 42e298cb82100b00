// Phase one of a cycle: what the engine will do for each source user, before it writes anything, so
// the accidental-deletion threshold can count deletions and disables first (graph-api.md §3.8).
import type { Json } from '../store/tenantStore'
import { userKind } from '../graph/routes/userShapes'
import type { ConnectorEntry, ConnectorState } from './connectorState'
import { exportPlan, plannedValue, type ExportPlan } from './exportPlan'
import type { JobConfig } from './jobConfig'
import type { ScopeCheck, SkipReason } from './scope'
import type { SourceView } from './sourceAttributes'
import type { TargetSide } from './targetUsers'

export type Decision =
  | { readonly kind: 'noop'; readonly sourceId: string }
  | {
      readonly kind: 'skip'
      readonly sourceId: string
      readonly sourceUser: Json
      readonly reason: SkipReason
    }
  | { readonly kind: 'add'; readonly sourceId: string; readonly sourceUser: Json; readonly plan: ExportPlan }
  | {
      readonly kind: 'update' | 'restore'
      readonly sourceId: string
      readonly sourceUser: Json
      readonly plan: ExportPlan
      readonly entry: ConnectorEntry
      readonly targetUser: Json
    }
  | {
      readonly kind: 'deprovision'
      readonly sourceId: string
      readonly sourceUser: Json | undefined
      readonly entry: ConnectorEntry
      readonly targetUser: Json
      readonly mode: 'delete' | 'disable'
    }
  | {
      /** Out of scope, but left alone: Delete is not a target object action, or the user was disabled first. */
      readonly kind: 'keep'
      readonly sourceId: string
      readonly sourceUser: Json | undefined
      readonly entry: ConnectorEntry
      readonly why: string
    }

export interface DecideInput {
  readonly config: JobConfig
  readonly state: ConnectorState
  readonly target: TargetSide
  readonly scope: ScopeCheck
  /** Re-evaluate users whose plan did not change (restart with Watermark or Full). */
  readonly fullSync: boolean
}

function targetOf(target: TargetSide, entry: ConnectorEntry): { user: Json; deleted: boolean } | undefined {
  const found = target.store.find<Json>(userKind, entry.targetId)
  return found === undefined ? undefined : { user: found.body, deleted: found.deletedAt !== undefined }
}

/** A user in scope: add, update, restore or nothing. */
export function decideInScope(input: DecideInput, view: SourceView): Decision {
  const sourceId = String(view.user.id)
  const plan = exportPlan(input.config, view)
  const entry = input.state.entries[sourceId]
  const existing = entry === undefined ? undefined : targetOf(input.target, entry)
  if (entry === undefined || existing === undefined)
    return { kind: 'add', sourceId, sourceUser: view.user, plan }
  if (existing.deleted || entry.deprovisioned)
    return { kind: 'restore', sourceId, sourceUser: view.user, plan, entry, targetUser: existing.user }
  if (entry.hash === plan.hash && !input.fullSync && input.state.escrows[sourceId] === undefined)
    return { kind: 'noop', sourceId }
  return { kind: 'update', sourceId, sourceUser: view.user, plan, entry, targetUser: existing.user }
}

/** A provisioned user that left scope (`sourceUser` set) or was deleted in the source (undefined). */
export function decideGone(
  input: DecideInput,
  sourceId: string,
  sourceUser: Json | undefined,
  entry: ConnectorEntry,
): Decision {
  const existing = targetOf(input.target, entry)
  if (entry.deprovisioned || existing === undefined || existing.deleted) return { kind: 'noop', sourceId }
  if (!input.config.mapping.flowTypes.has('Delete'))
    return {
      kind: 'keep',
      sourceId,
      sourceUser,
      entry,
      why: "Delete is not one of the object mapping's target object actions (flowTypes).",
    }
  if (sourceUser !== undefined && !entry.enabled)
    return {
      kind: 'keep',
      sourceId,
      sourceUser,
      entry,
      why: 'The user was disabled before leaving scope, so it is not deleted (a documented quirk).',
    }
  const softDelete = exportPlanSoftDeletes(input.config)
  return {
    kind: 'deprovision',
    sourceId,
    sourceUser,
    entry,
    targetUser: existing.user,
    mode: softDelete ? 'delete' : 'disable',
  }
}

const exportPlanSoftDeletes = (config: JobConfig): boolean =>
  config.mapping.attributeMappings.some((m) => m.targetAttributeName === 'isSoftDeleted')

/** Whether a decision counts against the accidental-deletion threshold (deletes and disables both do). */
export function countsAsDeletion(decision: Decision): boolean {
  if (decision.kind === 'deprovision') return true
  if (decision.kind !== 'update') return false
  return (
    plannedValue(decision.plan, 'accountEnabled') === false && decision.targetUser.accountEnabled !== false
  )
}
