// Cross-tenant synchronization configurations in the source of each pair, and the start of their jobs.
//
// Order (graph-api.md §3.1 and the known issue in §3.4): a configuration is established only once both
// partner entries exist (validateCredentials fails without auto-redemption on both sides) and the
// target allows inbound sync, and once its scoping groups exist (they are assigned to it). Its job is
// started last, depending on the configuration and on everything the configuration depends on, so the
// first cycle never runs against a target that would quarantine it.
import type { ResolvedScope, ResolvedSync, ResolvedTenant } from '../model'
import type { PlanContext } from './context'
import { compareStrings, keys, sortedUnique } from './keys'
import type { AttributeMappingOverride, PlanPair, SyncConfiguration } from './types'

/** The gallery template of cross-tenant synchronization (graph-api.md §3.2). */
export const ctsApplicationTemplateId = '518e5f48-1fc8-4c48-9387-9fdf28b0dfe7'

const noScope: ResolvedScope = { groups: [], users: [], allUsers: false }

const constant = (
  value: string,
  flowType: AttributeMappingOverride['flowType'],
): AttributeMappingOverride => ({
  source: { type: 'Constant', name: value, expression: `"${value}"`, parameters: [] },
  flowType,
})

/**
 * The job's schema as the topology asks for it. deprovision: softDelete keeps Entra's defaults (Delete
 * is a target object action and isSoftDeleted is mapped); disable keeps Delete but removes the
 * isSoftDeleted mapping, so a user leaving scope is blocked from signing in rather than deleted; none
 * drops Delete, so nothing happens to them (SkipOutOfScopeDeletions does not apply to CTS, §3.8).
 */
function schemaOf(sync: ResolvedSync): SyncConfiguration['schema'] {
  return {
    flowTypes: sync.deprovision === 'none' ? 'Add, Update' : 'Add, Update, Delete',
    attributeMappings: {
      showInAddressList: constant(sync.showInAddressList ? 'True' : 'False', 'Always'),
      // Always flips existing B2B guests to the configured type; ObjectAddOnly is Entra's default (§3.7).
      userType: constant(sync.userType, sync.applyUserType === 'always' ? 'Always' : 'ObjectAddOnly'),
    },
    removedAttributeMappings: sync.deprovision === 'disable' ? ['isSoftDeleted'] : [],
  }
}

function secretsOf(
  sync: ResolvedSync,
  scope: ResolvedScope,
  target: ResolvedTenant,
): SyncConfiguration['secrets'] {
  const threshold = sync.accidentalDeletionThreshold
  return {
    AuthenticationType: 'SyncPolicy',
    CompanyId: target.tenantId,
    SyncAll: scope.allUsers ? 'true' : 'false',
    SyncNotificationSettings: {
      Enabled: false,
      DeleteThresholdEnabled: threshold !== null,
      ...(threshold === null ? {} : { DeleteThresholdValue: threshold }),
      HumanResourcesLookaheadQueryEnabled: false,
    },
  }
}

interface SourceScope {
  readonly scope: ResolvedScope
  /** The keys of its scoping groups, sorted. */
  readonly groups: readonly string[]
  readonly assignments: SyncConfiguration['assignments']
  readonly summary: PlanPair['scope']
}

/** What every pair from one source shares, computed once per source (a mesh has n-1 pairs per source). */
function sourceScope(context: PlanContext, from: string): SourceScope {
  const { topology } = context
  const scope = topology.sync?.scope[from] ?? noScope
  for (const name of scope.groups)
    if (topology.groups[from]?.[name] === undefined)
      context.problem(
        `/sync/scope/${from}/groups: scoping group '${name}' is not declared under /groups/${from}`,
      )
  const groups = sortedUnique(scope.groups.map((name) => keys.group(from, name)))
  const users = sortedUnique(scope.users)
  return {
    scope,
    groups,
    assignments: { groups, users },
    summary: { allUsers: scope.allUsers, groups: sortedUnique(scope.groups), users },
  }
}

/** The sync configurations and job starts of every pair; returns the pairs' summary. */
export function planSyncConfigurations(context: PlanContext): PlanPair[] {
  const { topology } = context
  const sync = topology.sync
  if (sync === null) return []
  const schema = schemaOf(sync)
  const sources = new Map<string, SourceScope>()
  const summary: PlanPair[] = []
  for (const { from, to } of sync.pairs) {
    const target = topology.tenants[to]
    if (topology.tenants[from] === undefined || target === undefined) continue // reported by relationsOf
    let source = sources.get(from)
    if (source === undefined) sources.set(from, (source = sourceScope(context, from)))
    const dependsOn = [
      keys.partner(from, to),
      keys.partner(to, from),
      keys.identitySync(to, from),
      ...source.groups,
    ]
    const configuration = keys.sync(from, to)
    context.add(configuration, {
      kind: 'syncConfiguration',
      tenant: from,
      dependsOn: dependsOn.sort(compareStrings),
      partner: to,
      tenantId: target.tenantId,
      displayName: `${topology.organization} to ${target.displayName}`,
      applicationTemplateId: ctsApplicationTemplateId,
      templateId: 'Azure2Azure',
      secrets: secretsOf(sync, source.scope, target),
      schema,
      assignments: source.assignments,
    })
    context.add(keys.syncStart(from, to), {
      kind: 'syncStart',
      tenant: from,
      dependsOn: [configuration, ...dependsOn].sort(compareStrings),
      partner: to,
      configuration,
    })
    summary.push({ from, to, scope: source.summary, deprovision: sync.deprovision })
  }
  return summary
}
