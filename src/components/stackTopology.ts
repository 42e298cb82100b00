// The stack's topology for the Pulumi program: the file named by stack config (entra-topology:topology,
// a path relative to the project), validated and planned before any resource is declared. A file with
// errors stops the program with every diagnostic, so nothing reaches Graph (the engine registers no
// resource, and no provider is configured).
import * as path from 'node:path'
import { formatDiagnostic, hasErrors } from '../topology/diagnostics'
import type { ResolvedTopology } from '../topology/model'
import { planTopology } from '../topology/plan/planner'
import type { Plan } from '../topology/plan/types'
import { validateTopologyFile } from '../topology/validate'

export const topologyConfigKey = 'topology'

export class TopologyFileError extends Error {
  override readonly name = 'TopologyFileError'
}

export interface StackTopology {
  readonly file: string
  readonly topology: ResolvedTopology
  readonly plan: Plan
  /** Warnings, formatted, for the program to log. */
  readonly warnings: readonly string[]
}

export function loadStackTopology(file: string, projectRoot: string = process.cwd()): StackTopology {
  const resolved = path.resolve(projectRoot, file)
  const result = validateTopologyFile(resolved)
  const shown = result.diagnostics.map((d) =>
    formatDiagnostic({ ...d, file: path.relative(projectRoot, d.file) || d.file }),
  )
  if (result.topology === undefined || hasErrors(result.diagnostics))
    throw new TopologyFileError(
      `the topology ${file} has errors; nothing was changed in any tenant:\n${shown.join('\n')}`,
    )
  return {
    file: resolved,
    topology: result.topology,
    plan: planTopology(result.topology),
    warnings: shown.filter((_, i) => result.diagnostics[i]!.severity === 'warning'),
  }
}
