// What a job remembers between cycles, in the source tenant's store (kind 'sync.state', id
// `${spId}:${jobId}`): which target user each source user became, the plan hash last exported (the
// watermark), pending deletions held back by the accidental-deletion threshold, entry-level failures
// being retried (escrows). When the next cycle is due is on the job record (syncShapes.ts), so the
// scheduler's check every second does not read this state. Deleting the job deletes it (the job's
// state goes with the job, graph-api.md §3.5); the B2B users in the target stay.
import type { Store } from '../store/store'
import type { Json } from '../store/tenantStore'
import { syncJobKey } from '../graph/routes/syncShapes'

export const connectorStateKind = 'sync.state'

export interface ConnectorEntry extends Json {
  targetId: string
  /** exportPlan hash of the last export. */
  hash: string
  /** accountEnabled as last exported (a user disabled before leaving scope is not deleted: §3.8). */
  enabled: boolean
  /** True once the engine has deprovisioned the target user (soft delete or disable). */
  deprovisioned: boolean
}

export interface Escrow extends Json {
  code: string
  message: string
  attempts: number
}

export interface ConnectorState extends Json {
  entries: Record<string, ConnectorEntry>
  /** Out-of-scope source users and why, so a skip is logged once, not every cycle. */
  skipped: Record<string, string>
  escrows: Record<string, Escrow>
  /** Source user ids whose deletion waits for "Allow deletes" (restart with ForceDeletes). */
  staged: string[]
  cycles: number
}

const empty = (): ConnectorState => ({
  entries: {},
  skipped: {},
  escrows: {},
  staged: [],
  cycles: 0,
})

export function loadConnectorState(
  store: Store,
  tenantId: string,
  spId: string,
  jobId: string,
): ConnectorState {
  return store.tenant(tenantId).get<ConnectorState>(connectorStateKind, syncJobKey(spId, jobId)) ?? empty()
}

export function saveConnectorState(
  store: Store,
  tenantId: string,
  spId: string,
  jobId: string,
  state: ConnectorState,
): void {
  store.tenant(tenantId).put(connectorStateKind, syncJobKey(spId, jobId), state)
}

/** Forgets which target users the source users became (restart with ConnectorDataStore or Full). */
export function resetConnectorData(state: ConnectorState): ConnectorState {
  return { ...empty(), cycles: state.cycles }
}
