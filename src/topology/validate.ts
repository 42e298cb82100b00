// Validation of a topology file, in order: YAML syntax, the schema's shape, then the semantic rules.
// Every problem of a stage is reported at once. Rules run only on a document that follows the schema
// (they rely on its types); a file with shape errors gets those first.
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics'
import { loadTopologyFile, parseTopologyText, type LoadedFile } from './load'
import { resolveTopology, type ResolvedTopology } from './model'
import { rules } from './rules'
import type { Rule } from './rules/rule'
import { checkSchema } from './schemaCheck'
import type { Topology } from './topology.generated'

export interface ValidationResult {
  readonly file: string
  /** The resolved topology, when the file has no errors (warnings allowed). */
  readonly topology: ResolvedTopology | undefined
  /** Errors first, then warnings, each in file order. */
  readonly diagnostics: readonly Diagnostic[]
}

/** `table` is the rule table; tests pass their own to check the stages without depending on real rules. */
export function validateLoaded(loaded: LoadedFile, table: readonly Rule[] = rules): ValidationResult {
  const done = (diagnostics: Diagnostic[], topology?: ResolvedTopology): ValidationResult => ({
    file: loaded.file,
    topology: hasErrors(diagnostics) ? undefined : topology,
    diagnostics: sortDiagnostics(diagnostics),
  })
  if (loaded.diagnostics.length > 0) return done([...loaded.diagnostics])
  const shape = checkSchema(loaded)
  if (shape.length > 0) return done(shape)
  const raw = loaded.data as Topology
  const topology = resolveTopology(raw)
  const diagnostics: Diagnostic[] = []
  for (const rule of table)
    for (const finding of rule.check({ raw, topology })) {
      const { atKey, ...rest } = finding
      diagnostics.push({
        ...rest,
        ruleId: rule.id,
        severity: rule.severity,
        file: loaded.file,
        ...loaded.locate(finding.pointer, atKey === true),
      })
    }
  return done(diagnostics, topology)
}

export const validateTopologyFile = (file: string): ValidationResult => validateLoaded(loadTopologyFile(file))

export const validateTopologyText = (text: string, file: string): ValidationResult =>
  validateLoaded(parseTopologyText(text, file))
