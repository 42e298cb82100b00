// Building blocks of the synchronization schema checks (syncSchemaValidate.ts): the schemaInvalid
// error, JSON helpers, and the scoping filter of an object mapping (graph-api.md §3.7: groups of
// clauses; an object is in scope when any group has all its clauses true).
import { GraphError } from '../../errors'
import type { Json } from '../../store/tenantStore'
import { checkEnum, checkString, fail, onlyKnownProperties, requireObject } from '../validate'
import { sourceUserAttributes } from './defaultSyncSchema'

export const schemaInvalid = (message: string): GraphError => new GraphError(400, 'schemaInvalid', message)

/** Scoping filter operators the emulator accepts (the full list is UNCONFIRMED; EQUALS is documented). */
export const filterOperators = [
  'EQUALS',
  'NOT EQUALS',
  'IS TRUE',
  'IS FALSE',
  'IS NULL',
  'IS NOT NULL',
  'REGEX MATCH',
  'NOT REGEX MATCH',
  'Greater_Than',
  'Greater_Than_OR_EQUALS',
  'Less_Than',
  'Less_Than_OR_EQUALS',
  'INCLUDES',
] as const

/** JSON text with sorted keys, to compare objects whatever order a client wrote their members in. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (typeof value === 'object' && value !== null)
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Json)[k])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

export function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, value, 'an array')
  return value
}

export function object(value: unknown, path: string, known: readonly string[], typeName: string): Json {
  const body = requireObject(value, path)
  onlyKnownProperties(body, known, typeName)
  return body
}

/** Checks an objectMapping's scope: null, or a filter whose clauses name source User attributes. */
export function checkFilter(value: unknown, path: string): void {
  if (value === null) return
  const filter = object(value, path, ['groups', 'inputFilterGroups', 'categoryFilterGroups'], 'filter')
  for (const member of ['groups', 'inputFilterGroups', 'categoryFilterGroups']) {
    if (filter[member] === undefined || filter[member] === null) continue
    array(filter[member], `${path}.${member}`).forEach((item, i) => {
      const at = `${path}.${member}[${i}]`
      const group = object(item, at, ['name', 'clauses'], 'filterGroup')
      checkString(group.name, `${at}.name`)
      array(group.clauses, `${at}.clauses`).forEach((c, j) => {
        const clause = object(
          c,
          `${at}.clauses[${j}]`,
          ['operatorName', 'sourceOperandName', 'targetOperand'],
          'filterClause',
        )
        checkEnum(clause.operatorName, `${at}.clauses[${j}].operatorName`, filterOperators)
        checkString(clause.sourceOperandName, `${at}.clauses[${j}].sourceOperandName`)
        if (!sourceUserAttributes.includes(String(clause.sourceOperandName)))
          throw schemaInvalid(
            `${at}.clauses[${j}]: the source directory has no User attribute '${String(clause.sourceOperandName)}'.`,
          )
        const operand = object(
          clause.targetOperand,
          `${at}.clauses[${j}].targetOperand`,
          ['values'],
          'filterOperand',
        )
        const values = array(operand.values, `${at}.clauses[${j}].targetOperand.values`)
        if (values.some((v) => typeof v !== 'string'))
          fail(`${at}.clauses[${j}].targetOperand.values`, values, 'an array of strings')
      })
    })
  }
}
