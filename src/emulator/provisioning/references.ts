// Manager references (graph-api.md §3.7, peers-and-pain-points.md §4 item 13): after a cycle's users
// are written, each user exported in this cycle gets the target user that stands for its source
// manager, when the manager is provisioned by the same job (earlier or in this cycle). A manager not
// in scope leaves the reference unset; as in Entra, it is filled in only when the user is exported
// again (a source change, or a restart with Watermark), not when the manager arrives later.
import type { Json } from '../store/tenantStore'
import type { Outcome } from './apply'
import type { ConnectorState } from './connectorState'
import type { Decision } from './decide'
import type { TargetSide } from './targetUsers'

export function resolveManagers(
  target: TargetSide,
  state: ConnectorState,
  outcomes: readonly Outcome[],
  decisions: readonly Decision[],
  setManager: (side: TargetSide, user: Json, managerId: string | null) => boolean,
): number {
  const plans = new Map<string, string | null | undefined>()
  for (const d of decisions) if ('plan' in d) plans.set(d.sourceId, d.plan.managerSourceId)
  let written = 0
  for (const outcome of outcomes) {
    if (outcome.status !== 'success' || outcome.targetUser === undefined) continue
    if (outcome.action !== 'create' && outcome.action !== 'update' && outcome.action !== 'disable') continue
    const managerSourceId = plans.get(outcome.sourceId)
    if (managerSourceId === undefined) continue
    if (managerSourceId === null) {
      if (setManager(target, outcome.targetUser, null)) written++
      continue
    }
    const manager = state.entries[managerSourceId]
    if (manager === undefined || manager.deprovisioned) continue
    if (setManager(target, outcome.targetUser, manager.targetId)) written++
  }
  return written
}
