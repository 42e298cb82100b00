// The plan report's model: what a topology change does, for a pull request's reviewer. Built from the
// topology file at two versions (validated and planned) and, when given, `pulumi preview --json` of the
// change. Presentation-free: markdown.ts renders it, and `--format json` prints it as it is, so both
// carry the same facts. Everything is sorted, so the report of the same change is the same text.
import type { Diagnostic } from '../../topology/diagnostics'
import { diffPlans, type DestructiveChange, type FieldChange } from '../../topology/plan/diff'
import { compareStrings, sortedUnique } from '../../topology/plan/keys'
import type { Plan, PlanObject } from '../../topology/plan/types'
import { destructiveView } from './destructiveViews'
import type { LiveRadius } from './liveBlastRadius'
import { mermaidDiagram } from './mermaid'
import type { ResourceStep, StepOp } from './previewSteps'

/** One version of the topology file, validated and planned. */
export interface TopologyVersion {
  /** How the report names it: a path, or `<git ref>:<path>`. */
  readonly label: string
  readonly plan: Plan
  readonly diagnostics: readonly Diagnostic[]
}

export type Change = 'added' | 'removed' | 'changed' | 'kept'

export interface TenantView {
  readonly alias: string
  readonly displayName: string
  readonly cloud: string
  readonly change: Exclude<Change, 'changed'>
}

/** A synchronization pair: source to target. */
export interface EdgeView {
  readonly from: string
  readonly to: string
  readonly change: Change
}

export interface DestructiveView {
  readonly reason: DestructiveChange['reason']
  /** One line for people: what changes and what happens to whom. */
  readonly summary: string
  readonly pairs: readonly string[]
  /** Users the file lists who leave a scope (their accounts in the targets are deprovisioned). */
  readonly users: readonly string[]
  /** Users the file does not list are affected too (the scope was every user). */
  readonly unlistedUsers: boolean
  /** Read from the tenants (`plan --live`): who leaves the scope now, and who of them is in the target. */
  readonly live?: LiveRadius
}

export interface WarningView {
  readonly ruleId: string
  /** file:line:column in the version after the change. */
  readonly at: string
  readonly pointer: string
  readonly message: string
  readonly fix?: string
}

export interface SettingChange extends FieldChange {
  /** The planned object's key. */
  readonly key: string
  readonly kind: PlanObject['kind']
}

/** Everything that changes between two tenants (both directions), or in one tenant alone. */
export interface ChangeGroup {
  /** `bank ↔ shared` for a pair of tenants, `bank` for a tenant's own objects. */
  readonly title: string
  readonly tenants: readonly string[]
  /** Objects the topology adds or removes, by key. */
  readonly added: readonly string[]
  readonly removed: readonly string[]
  /** Field changes of planned objects, from the two topology versions. */
  readonly settings: readonly SettingChange[]
  /** The preview's resource operations (only those that change something). */
  readonly resources: readonly ResourceStep[]
}

export interface PlanReport {
  readonly organization: string
  readonly before: string
  readonly after: string
  readonly summary: {
    readonly pairs: Readonly<Record<Change, number>>
    readonly usersLeavingScope: number
    /** With `--live`: users in a target now whom the change deprovisions, read from the tenants. */
    readonly usersInTargetsLive?: number
    readonly unlistedUsersAffected: boolean
    readonly destructiveChanges: number
    readonly warnings: number
    /** From the preview; absent without one. */
    readonly resources?: Readonly<Record<StepOp, number>>
  }
  readonly tenants: readonly TenantView[]
  readonly edges: readonly EdgeView[]
  readonly destructive: readonly DestructiveView[]
  readonly warnings: readonly WarningView[]
  readonly groups: readonly ChangeGroup[]
  readonly mermaid: string
}

const pairId = (a: string, b: string): string => [a, b].sort(compareStrings).join(' ↔ ')

/** The tenants a key concerns: `<tenant>/<kind>/<other tenant>...` for pair objects, else the tenant. */
export function tenantsOfKey(key: string, aliases: ReadonlySet<string>): string[] {
  const tenant = key.split('/')[0]!
  const other = pairPartnerOfKey(key)
  if (other !== undefined && aliases.has(other)) return sortedUnique([tenant, other])
  const [, kind, member, memberAlias] = key.split('/')
  if (kind === 'mto' && member === 'member' && aliases.has(memberAlias ?? ''))
    return sortedUnique([tenant, memberAlias!])
  return [tenant]
}

/** The other tenant of a pair object's key: a partner entry, an identity sync policy, a sync configuration and what belongs to it. */
export function pairPartnerOfKey(key: string): string | undefined {
  const [, kind, other] = key.split('/')
  return kind === 'partner' || kind === 'identitySync' || kind === 'sync' ? other : undefined
}

const countOps = (steps: readonly ResourceStep[]): Record<StepOp, number> => {
  const counts: Record<StepOp, number> = { create: 0, update: 0, replace: 0, delete: 0, same: 0 }
  for (const step of steps) counts[step.op]++
  return counts
}

export function buildPlanReport(
  before: TopologyVersion,
  after: TopologyVersion,
  steps?: readonly ResourceStep[],
): PlanReport {
  const diff = diffPlans(before.plan, after.plan)
  const aliases = new Set([...Object.keys(before.plan.tenants), ...Object.keys(after.plan.tenants)])
  const tenants: TenantView[] = [...aliases].sort(compareStrings).map((alias) => {
    const t = after.plan.tenants[alias] ?? before.plan.tenants[alias]!
    const change = !before.plan.tenants[alias] ? 'added' : !after.plan.tenants[alias] ? 'removed' : 'kept'
    return { alias, displayName: t.displayName, cloud: t.cloud, change }
  })

  const groups = new Map<
    string,
    {
      tenants: string[]
      added: string[]
      removed: string[]
      settings: SettingChange[]
      resources: ResourceStep[]
    }
  >()
  const groupOf = (key: string) => {
    const members = tenantsOfKey(key, aliases)
    const title = members.length === 2 ? pairId(members[0]!, members[1]!) : members[0]!
    let group = groups.get(title)
    if (group === undefined)
      groups.set(title, (group = { tenants: members, added: [], removed: [], settings: [], resources: [] }))
    return group
  }
  for (const o of diff.objects.added) groupOf(o.key).added.push(o.key)
  for (const o of diff.objects.removed) groupOf(o.key).removed.push(o.key)
  // dependsOn is the planner's ordering, not a setting of the tenant: an object whose only change is
  // its ordering makes no group.
  for (const o of diff.objects.changed) {
    const settings = o.changes.filter((c) => !c.pointer.startsWith('/dependsOn'))
    if (settings.length > 0)
      groupOf(o.key).settings.push(...settings.map((c) => ({ key: o.key, kind: o.kind, ...c })))
  }
  for (const step of steps ?? []) if (step.op !== 'same') groupOf(step.key).resources.push(step)

  const changedPairs = new Set(
    [...groups.values()]
      .filter(
        (g) => g.tenants.length === 2 && (g.settings.length > 0 || g.resources.some((r) => r.op !== 'same')),
      )
      .map((g) => g.tenants.join('|')),
  )
  const edgeKey = (p: { from: string; to: string }) => `${p.from}>${p.to}`
  const beforePairs = new Set(before.plan.pairs.map(edgeKey))
  const afterPairs = new Set(after.plan.pairs.map(edgeKey))
  const edges: EdgeView[] = sortedUnique([...beforePairs, ...afterPairs]).map((k) => {
    const [from, to] = k.split('>') as [string, string]
    const change: Change = !beforePairs.has(k)
      ? 'added'
      : !afterPairs.has(k)
        ? 'removed'
        : changedPairs.has([from, to].sort(compareStrings).join('|'))
          ? 'changed'
          : 'kept'
    return { from, to, change }
  })

  const destructive = diff.destructive.map((d) => destructiveView(d, before.plan))
  const warnings: WarningView[] = after.diagnostics
    .filter((d) => d.severity === 'warning')
    .map((d) => ({
      ruleId: d.ruleId,
      at: `${d.file}:${d.line}:${d.column}`,
      pointer: d.pointer,
      message: d.message,
      ...(d.fix === undefined ? {} : { fix: d.fix }),
    }))
  const count = (change: Change) => edges.filter((e) => e.change === change).length
  const leaving = sortedUnique(destructive.flatMap((d) => d.users))
  const report: Omit<PlanReport, 'mermaid'> = {
    organization: after.plan.organization,
    before: before.label,
    after: after.label,
    summary: {
      pairs: {
        added: count('added'),
        removed: count('removed'),
        changed: count('changed'),
        kept: count('kept'),
      },
      usersLeavingScope: leaving.length,
      unlistedUsersAffected: destructive.some((d) => d.unlistedUsers),
      destructiveChanges: destructive.length,
      warnings: warnings.length,
      ...(steps === undefined ? {} : { resources: countOps(steps) }),
    },
    tenants,
    edges,
    destructive,
    warnings,
    groups: [...groups.entries()]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([title, g]) => ({
        title,
        tenants: g.tenants,
        added: g.added.sort(compareStrings),
        removed: g.removed.sort(compareStrings),
        settings: g.settings,
        resources: g.resources,
      })),
  }
  return { ...report, mermaid: mermaidDiagram(tenants, edges) }
}
