// Shape checks against schemas/topology.schema.json with ajv, compiled once at module load, with every
// error reported (allErrors) and turned into a diagnostic in the file's own terms: the property that
// is unknown (and the nearest allowed name), the value that is not allowed (and the allowed ones), the
// property that is missing. Invalid tenant ids and e-mail addresses get rule ids of their own
// (tenant-id-invalid, email-invalid), since people search for those.
import Ajv, { type ErrorObject } from 'ajv'
import schema from '../../schemas/topology.schema.json'
import type { Diagnostic } from './diagnostics'
import { parsePointer, pointerSegment } from './diagnostics'
import type { LoadedFile } from './load'
import type { Topology } from './topology.generated'

// strictRequired is off: the schema's if/then requires properties declared beside it, which ajv's strict mode rejects.
const ajv = new Ajv({
  allErrors: true,
  verbose: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
})
const validateSchema = ajv.compile<Topology>(schema)

/** The value at a JSON pointer, or undefined. */
export function valueAt(data: unknown, pointer: string): unknown {
  let node = data
  for (const segment of parsePointer(pointer)) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[segment]
  }
  return node
}

/** Levenshtein distance, for "did you mean" on unknown property names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length]!
}

export function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1
  for (const candidate of candidates) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) [best, bestDistance] = [candidate, d]
  }
  return best
}

type Described = { description?: string; pattern?: string; enum?: unknown[]; properties?: object }

function describe(
  error: ErrorObject,
  data: unknown,
): Omit<Diagnostic, 'file' | 'line' | 'column' | 'severity'> {
  const at = error.instancePath
  const parent = (error.parentSchema ?? {}) as Described
  const p = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      return {
        ruleId: 'schema-required',
        pointer: at,
        message: `the property '${String(p.missingProperty)}' is required here`,
        fix: `add '${String(p.missingProperty)}'`,
      }
    case 'additionalProperties': {
      const name = String(p.additionalProperty)
      const allowed = Object.keys(parent.properties ?? {})
      const guess = closest(name, allowed)
      return {
        ruleId: 'schema-unknown-property',
        pointer: `${at}/${pointerSegment(name)}`,
        message: `'${name}' is not a property of this object`,
        allowed: allowed.join(', '),
        fix: guess === undefined ? 'remove it' : `did you mean '${guess}'?`,
      }
    }
    case 'enum':
      return {
        ruleId: 'schema-enum',
        pointer: at,
        message: 'this value is not one of the allowed values',
        value: valueAt(data, at),
        allowed: (parent.enum ?? []).map((v) => JSON.stringify(v)).join(', '),
        fix: 'use one of the allowed values',
      }
    case 'pattern': {
      const key = error.propertyName
      const pointer = key === undefined ? at : `${at}/${pointerSegment(key)}`
      const value = key ?? valueAt(data, at)
      const ruleId = parent.pattern?.includes('[0-9a-fA-F]{8}')
        ? 'tenant-id-invalid'
        : parent.pattern?.includes('@')
          ? 'email-invalid'
          : 'schema-pattern'
      const what =
        ruleId === 'tenant-id-invalid'
          ? 'a tenant id'
          : ruleId === 'email-invalid'
            ? 'an e-mail address'
            : 'allowed here'
      return {
        ruleId,
        pointer,
        message: key === undefined ? `this is not ${what}` : `the name '${key}' is not allowed here`,
        value,
        allowed: parent.description ?? `text matching ${String(p.pattern)}`,
        fix:
          ruleId === 'tenant-id-invalid'
            ? "use the tenant's directory id, a GUID (Entra admin center > Overview > Tenant ID)"
            : ruleId === 'email-invalid'
              ? 'write the address as name@domain.tld'
              : 'rename it to match the allowed form',
      }
    }
    case 'type':
      return {
        ruleId: 'schema-type',
        pointer: at,
        message: `expected ${String(p.type)}`,
        value: valueAt(data, at),
        allowed: String(p.type),
        fix: `write ${String(p.type) === 'object' ? 'a map of properties' : String(p.type) === 'array' ? 'a list' : `a ${String(p.type)}`} here`,
      }
    case 'uniqueItems': {
      // ajv names the pair in either order depending on how it compared them: point at the later one.
      const [first, repeat] = [Number(p.i), Number(p.j)].sort((a, b) => a - b)
      return {
        ruleId: 'schema-duplicate-item',
        pointer: `${at}/${repeat}`,
        message: `this item repeats item ${first}`,
        value: valueAt(data, `${at}/${repeat}`),
        fix: 'remove the repeated item',
      }
    }
    default:
      return {
        ruleId: `schema-${error.keyword}`,
        pointer: at,
        message: error.message ?? `fails the schema keyword '${error.keyword}'`,
        value: valueAt(data, at),
        ...(parent.description === undefined ? {} : { allowed: parent.description }),
      }
  }
}

/** Diagnostics for every shape problem; empty when the document follows the schema. */
export function checkSchema(loaded: LoadedFile): Diagnostic[] {
  if (validateSchema(loaded.data)) return []
  const seen = new Set<string>()
  const diagnostics: Diagnostic[] = []
  for (const error of validateSchema.errors ?? []) {
    // 'if' repeats the error of its 'then'; 'propertyNames' repeats the error of the name it checked.
    if (error.keyword === 'if' || error.keyword === 'propertyNames') continue
    const d = describe(error, loaded.data)
    const key = `${d.ruleId}|${d.pointer}|${d.message}`
    if (seen.has(key)) continue
    seen.add(key)
    const position = loaded.locate(
      d.pointer,
      d.ruleId === 'schema-unknown-property' || error.propertyName !== undefined,
    )
    diagnostics.push({ ...d, severity: 'error', file: loaded.file, ...position })
  }
  return diagnostics
}
