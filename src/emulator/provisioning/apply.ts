// Phase two of a cycle: carrying out one decision in the target tenant, and what the provisioning log
// will say about it. Adds match an existing B2B user by its alternative security id (the home tenant
// and object), adopt a pending invitation with the same UPN as an Add (its UPN is not updated,
// graph-api.md §3.8), and otherwise create a new user; a UPN held by any other user is an entry-level
// failure, retried on later cycles (an escrow).
//
// UNCONFIRMED: the escrow's error code for a UPN conflict (AzureActiveDirectoryConflictEncountered).
import { randomUUID } from 'node:crypto'
import type { ModifiedProperty } from '../graph/audit'
import type { Json } from '../store/tenantStore'
import type { ConnectorState } from './connectorState'
import type { Decision } from './decide'
import type { SyncError } from './preconditions'
import { skipDescriptions } from './scope'
import {
  b2bUpn,
  createUser,
  matchUser,
  restoreUser,
  softDeleteUser,
  updateUser,
  userWithUpn,
  type TargetSide,
} from './targetUsers'
import { plannedValue } from './exportPlan'

export type LogAction = 'create' | 'update' | 'delete' | 'disable' | 'stagedDelete' | 'other'

export interface Outcome {
  readonly action: LogAction
  readonly status: 'success' | 'skipped' | 'failure'
  readonly sourceId: string
  readonly sourceUser: Json | undefined
  readonly targetUser: Json | undefined
  readonly changes: readonly ModifiedProperty[]
  /** What matching found: a new user, an existing B2B user, a pending invitation. */
  readonly matched: 'new' | 'existing' | 'invitation' | 'none'
  readonly description: string
  readonly error?: SyncError
  /** Whether anything was written in the target. */
  readonly exported: boolean
  /** A soft-deleted (or disabled) target user brought back. */
  readonly restored?: boolean
  /** Re-evaluated with nothing to change (a Watermark restart): not logged, but references still resolve. */
  readonly quiet?: boolean
}

const conflictCode = 'AzureActiveDirectoryConflictEncountered'

function add(side: TargetSide, state: ConnectorState, d: Extract<Decision, { kind: 'add' }>): Outcome {
  const base = { sourceId: d.sourceId, sourceUser: d.sourceUser }
  const enabled = plannedValue(d.plan, 'accountEnabled') !== false
  const remember = (user: Json): void => {
    state.entries[d.sourceId] = {
      targetId: String(user.id),
      hash: d.plan.hash,
      enabled,
      deprovisioned: false,
    }
  }
  const match = matchUser(side, d.sourceId)
  if (match !== undefined) {
    const user = match.deleted ? restoreUser(side, match.user) : match.user
    const changes = updateUser(side, user, d.plan, d.sourceId, false)
    remember(user)
    return {
      ...base,
      action: 'update',
      status: 'success',
      targetUser: user,
      changes,
      matched: 'existing',
      exported: true,
      description: `Matched the existing B2B user ${String(user.userPrincipalName)} by its alternative security id; attributes applied on creation only (ObjectAddOnly) were left as they were.`,
    }
  }
  const upn = b2bUpn(side, d.plan, String(d.sourceUser.userPrincipalName))
  const holder = userWithUpn(side, upn)
  if (
    holder !== undefined &&
    holder.externalUserState === 'PendingAcceptance' &&
    holder['emulator.homeTenantId'] === undefined
  ) {
    const changes = updateUser(side, holder, d.plan, d.sourceId, true)
    remember(holder)
    return {
      ...base,
      action: 'create',
      status: 'success',
      targetUser: holder,
      changes,
      matched: 'invitation',
      exported: true,
      description: `Adopted the pending invitation ${upn} as a new user; its userPrincipalName was not updated.`,
    }
  }
  if (holder !== undefined) {
    const error = {
      code: conflictCode,
      message: `Another object in the target tenant already uses the userPrincipalName ${upn} (object ${String(holder.id)}); the user cannot be created.`,
      tenantActionable: true,
    }
    return {
      ...base,
      action: 'create',
      status: 'failure',
      targetUser: undefined,
      changes: [],
      matched: 'none',
      exported: false,
      description: error.message,
      error,
    }
  }
  const user = createUser(side, randomUUID(), d.sourceUser, d.plan, side.origin.at)
  remember(user)
  return {
    ...base,
    action: 'create',
    status: 'success',
    targetUser: user,
    changes: [],
    matched: 'new',
    exported: true,
    description: `Created the B2B user ${upn}.`,
  }
}

export function apply(side: TargetSide, state: ConnectorState, d: Decision): Outcome | undefined {
  switch (d.kind) {
    case 'noop':
      return undefined
    case 'skip':
      return {
        action: 'other',
        status: 'skipped',
        sourceId: d.sourceId,
        sourceUser: d.sourceUser,
        targetUser: undefined,
        changes: [],
        matched: 'none',
        exported: false,
        description: skipDescriptions[d.reason],
      }
    case 'add':
      return add(side, state, d)
    case 'update':
    case 'restore': {
      const user =
        d.kind === 'restore' && d.targetUser.deletedDateTime !== null
          ? restoreUser(side, d.targetUser)
          : d.targetUser
      const changes = updateUser(side, user, d.plan, d.sourceId, false)
      state.entries[d.sourceId] = {
        ...d.entry,
        hash: d.plan.hash,
        enabled: plannedValue(d.plan, 'accountEnabled') !== false,
        deprovisioned: false,
      }
      const disabled =
        plannedValue(d.plan, 'accountEnabled') === false && d.targetUser.accountEnabled !== false
      return {
        action: disabled ? 'disable' : 'update',
        status: 'success',
        sourceId: d.sourceId,
        sourceUser: d.sourceUser,
        targetUser: user,
        changes,
        matched: 'existing',
        exported: d.kind === 'restore' || changes.length > 0,
        ...(d.kind === 'restore' ? { restored: true } : {}),
        ...(d.kind === 'update' && changes.length === 0 ? { quiet: true } : {}),
        description:
          d.kind === 'restore'
            ? 'The user is in scope again: restored the target user.'
            : `Updated ${changes.length} attribute(s).`,
      }
    }
    case 'deprovision': {
      if (d.mode === 'delete') softDeleteUser(side, d.targetUser)
      else
        updateUser(
          side,
          d.targetUser,
          {
            attributes: [{ property: 'accountEnabled', value: false, flow: 'Always' }],
            upnSource: null,
            managerSourceId: undefined,
            softDeleteMapped: false,
            hash: '',
          },
          d.sourceId,
          false,
        )
      state.entries[d.sourceId] = { ...d.entry, deprovisioned: true }
      const why =
        d.sourceUser === undefined ? 'The user was deleted in the source tenant' : 'The user left the scope'
      return {
        action: d.mode,
        status: 'success',
        sourceId: d.sourceId,
        sourceUser: d.sourceUser,
        targetUser: d.targetUser,
        changes: [],
        matched: 'existing',
        exported: true,
        description: `${why}: ${d.mode === 'delete' ? 'soft-deleted' : 'disabled'} the target user.`,
      }
    }
    case 'keep':
      return {
        action: 'other',
        status: 'skipped',
        sourceId: d.sourceId,
        sourceUser: d.sourceUser,
        targetUser: undefined,
        changes: [],
        matched: 'existing',
        exported: false,
        description: d.why,
      }
  }
}

/** The log line of a deletion held back by the accidental-deletion threshold. */
export function staged(d: Decision, threshold: number, count: number): Outcome {
  const sourceUser = 'sourceUser' in d ? d.sourceUser : undefined
  const targetUser = 'targetUser' in d ? d.targetUser : undefined
  return {
    action: 'stagedDelete',
    status: 'skipped',
    sourceId: d.sourceId,
    sourceUser,
    targetUser,
    changes: [],
    matched: 'existing',
    exported: false,
    description: `StagedDelete: ${count} deletions and disables in this cycle exceed the accidental-deletion threshold of ${threshold}; restart with ForceDeletes ("Allow deletes") to carry them out.`,
  }
}
