// What the topology's checks report: one diagnostic per problem, each naming where it is (file, line,
// column, JSON pointer), the value found, what is allowed and the fix, so a reader never has to guess.
// Schema errors and semantic rules (rules/) produce the same shape; `validate` prints them.

export type Severity = 'error' | 'warning'

export interface Diagnostic {
  /** A stable id: TOPO-SCHEMA-* for shape errors, the rule's id for semantic rules. */
  readonly ruleId: string
  readonly severity: Severity
  readonly file: string
  /** 1-based; the nearest enclosing node's position when the pointer names something absent. */
  readonly line: number
  readonly column: number
  /** JSON pointer into the document (RFC 6901), e.g. /sync/scope/emea/groups/0. */
  readonly pointer: string
  readonly message: string
  /** The value found at the pointer (absent when there is none). */
  readonly value?: unknown
  readonly allowed?: string
  readonly fix?: string
}

/** `file:line:column: severity ruleId: /pointer: message (found ...; allowed: ...; fix: ...)`. */
export function formatDiagnostic(d: Diagnostic): string {
  const parts = [d.message]
  if (d.value !== undefined) parts.push(`found ${JSON.stringify(d.value)}`)
  if (d.allowed !== undefined) parts.push(`allowed: ${d.allowed}`)
  if (d.fix !== undefined) parts.push(`fix: ${d.fix}`)
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.ruleId}: ${d.pointer || '/'}: ${parts.join('; ')}`
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error')

/** Errors first, then by position, so output reads top to bottom. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.ruleId.localeCompare(b.ruleId),
  )
}

/** RFC 6901 escaping of one pointer segment. */
export const pointerSegment = (segment: string | number): string =>
  String(segment).replace(/~/g, '~0').replace(/\//g, '~1')

export const pointerOf = (...segments: readonly (string | number)[]): string =>
  segments.map((s) => `/${pointerSegment(s)}`).join('')

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return []
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}
