// What the planner's parts share while they build one plan: the resolved topology, the objects made so
// far (a key may be made once), and the problems found. The planner expects a validated topology; a
// reference validation should have refused (an undeclared tenant or scoping group) is collected here
// and thrown as one PlanError naming every such problem, rather than planned into a dangling key.
import type { ResolvedTenant, ResolvedTopology } from '../model'
import type { PlanObject } from './types'

export class PlanError extends Error {
  override readonly name = 'PlanError'
  constructor(readonly problems: readonly string[]) {
    super(`cannot plan the topology (validate it first): ${problems.join('; ')}`)
  }
}

export class PlanContext {
  readonly objects = new Map<string, PlanObject>()
  private readonly problems = new Set<string>()

  constructor(readonly topology: ResolvedTopology) {}

  /** The tenant of an alias; a problem (and undefined) when the file does not declare it. */
  tenant(alias: string, where: string): ResolvedTenant | undefined {
    const tenant = this.topology.tenants[alias]
    if (tenant === undefined) this.problem(`${where}: tenant '${alias}' is not declared under /tenants`)
    return tenant
  }

  add(key: string, object: PlanObject): void {
    if (this.objects.has(key)) throw new Error(`planner bug: the key '${key}' is planned twice`)
    this.objects.set(key, object)
  }

  problem(text: string): void {
    this.problems.add(text)
  }

  /** Throws every collected problem at once (each once). */
  finish(): void {
    if (this.problems.size > 0) throw new PlanError([...this.problems])
  }
}
