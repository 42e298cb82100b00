// The shape of a semantic rule (a guardrail): an id people can search for, a severity, a one-line
// title, and a check that returns every finding with the JSON pointer it concerns. rules/index.ts
// holds the one table of all rules; validate.ts turns findings into diagnostics with file positions.
import type { Severity } from '../diagnostics'
import type { ResolvedTopology } from '../model'
import type { Topology } from '../topology.generated'

export interface RuleFinding {
  readonly pointer: string
  readonly message: string
  readonly value?: unknown
  readonly allowed?: string
  readonly fix?: string
  /** Points at the key of the pointer's last segment rather than its value. */
  readonly atKey?: boolean
}

export interface RuleContext {
  /** The document as written (schema-valid): positions in lists are as in the file. */
  readonly raw: Topology
  /** The same with defaults applied and keys sorted. */
  readonly topology: ResolvedTopology
}

export interface Rule {
  readonly id: string
  readonly severity: Severity
  readonly title: string
  check(context: RuleContext): RuleFinding[]
}
