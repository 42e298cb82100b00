// Helpers for the rule tests: validate a small YAML document and keep one rule's diagnostics, after
// making sure the document reached the rules at all (a document with shape errors never does, and a
// test of it could not fail).
import assert from 'node:assert/strict'
import type { Diagnostic } from '../diagnostics'
import { validateTopologyText } from '../validate'
import { rules } from './index'

/** Strips the common indentation and the first newline, so line 1 is the first line written. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, '')
  const lines = text.split('\n')
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length))
  return lines.map((l) => l.slice(indent)).join('\n')
}

const ruleIds = new Set(rules.map((r) => r.id))

/** Every diagnostic of the document; fails when something other than a semantic rule reported. */
export function validate(text: string): readonly Diagnostic[] {
  const { diagnostics } = validateTopologyText(text, 'test.yaml')
  const other = diagnostics.filter((d) => !ruleIds.has(d.ruleId))
  assert.deepEqual(other, [], 'the test document must follow the schema, or no rule runs')
  return diagnostics
}

/** The diagnostics of one rule. */
export const findings = (text: string, ruleId: string): Diagnostic[] =>
  validate(text).filter((d) => d.ruleId === ruleId)

/** The parts of a diagnostic that say where and how bad, for one deepEqual. */
export const where = (
  d: Diagnostic | undefined,
): Pick<Diagnostic, 'ruleId' | 'severity' | 'pointer' | 'line' | 'column'> => {
  assert.ok(d !== undefined, 'expected a diagnostic')
  return { ruleId: d.ruleId, severity: d.severity, pointer: d.pointer, line: d.line, column: d.column }
}

/** Tenant ids for test documents: tenantId(1) = 00000000-0000-0000-0000-000000000001. */
export const tenantId = (n: number): string => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`
