// Graph's $filter rules, checked while compiling: what a property allows, which operators need the
// advanced query parameters, which literal fits which type, and the Graph-shaped errors for each.
import { GraphError, graphErrors } from '../errors'
import type { FilterField, FilterOperator, FilterOptions } from './filter'
import type { Comparison } from './filterEvaluator'

// Graph treats these as advanced on every property, whatever the property declares.
const alwaysAdvanced: readonly FilterOperator[] = ['ne', 'not', 'endsWith']
export const maxOrChildren = 15

/** Graph's 400 for an operator or option used without the advanced query parameters. */
export function advancedQueryError(what: string): GraphError {
  return graphErrors.unsupportedQuery(
    `${what} is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
  )
}

/** A parsed literal, before it is checked against the property it is compared with. */
export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'datetime'; value: string }

/** What the checks need of a property path: its name for messages and its declaration. */
interface Target {
  readonly name: string
  readonly field: FilterField
}

// Names Graph (the OData library behind it) uses in its incompatible-types message.
const odataKind: Record<Comparison, string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
}
const edmType: Record<string, string> = {
  string: 'Edm.String',
  guid: 'Edm.Guid',
  boolean: 'Edm.Boolean',
  datetime: 'Edm.DateTimeOffset',
  null: 'null',
}

const isGuidText = (v: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)

/** The rules for one resource type and one request (whether it asked for advanced queries). */
export class FilterRules {
  private readonly typeName: string
  /** The type name as Graph capitalises it in messages ('User' for microsoft.graph.user). */
  private readonly resource: string

  constructor(private readonly options: FilterOptions) {
    this.typeName = options.typeName ?? 'directoryObject'
    this.resource = this.typeName.charAt(0).toUpperCase() + this.typeName.slice(1)
  }

  unsupportedClause(property: string): never {
    throw graphErrors.unsupportedQuery(
      `Unsupported or invalid query filter clause specified for property '${property}' of resource '${this.resource}'.`,
    )
  }

  unsupportedFunction(name: string): never {
    throw graphErrors.unsupportedQuery(
      `The function '${name}' is not supported in $filter on resource '${this.resource}'.`,
    )
  }

  unsupportedAll(collection: string): never {
    throw graphErrors.unsupportedQuery(
      `The lambda operator 'all' is not supported on property '${collection}' of resource '${this.resource}'; use any.`,
    )
  }

  unknownProperty(name: string): never {
    throw graphErrors.badRequest(
      `Could not find a property named '${name}' on type 'microsoft.graph.${this.typeName}'.`,
    )
  }

  /** `insideNot`: the operator sits under a not, which the property must allow as well. */
  checkOperator(target: Target, op: FilterOperator, insideNot: boolean): void {
    const operators = target.field.operators ?? []
    if (!operators.includes(op)) this.unsupportedClause(target.name)
    if (insideNot && !operators.includes('not')) this.unsupportedClause(target.name)
    this.requireAdvanced(op, target)
  }

  /** `target` is undefined for operators that apply to no property (a bare not). */
  requireAdvanced(op: FilterOperator, target: Target | undefined): void {
    if (this.options.advanced) return
    if (alwaysAdvanced.includes(op)) throw advancedQueryError(`Operator '${op}'`)
    if (target?.field.advanced?.includes(op))
      throw advancedQueryError(`Operator '${op === 'null' ? 'eq null' : op}' on property '${target.name}'`)
  }

  /** Caps a chain of ORs and an in (...) list's values alike (see LIMITATIONS in filter.ts). */
  checkOrChildren(count: number): void {
    if (count > maxOrChildren)
      throw graphErrors.unsupportedQuery(
        `Too many child clauses specified in search filter expression containing 'OR' operators: ${count}. Max allowed: ${maxOrChildren}.`,
      )
  }

  /** Checks the literal against the property's type and returns the value to compare with. */
  literalValue(target: Target, literal: Literal, op: Comparison): string | boolean {
    const type = target.field.type
    const accepted =
      (literal.kind === 'string' && (type === 'string' || type === 'guid')) ||
      (literal.kind === 'boolean' && type === 'boolean') ||
      (literal.kind === 'datetime' && type === 'datetime')
    if (!accepted) {
      throw graphErrors.badRequest(
        `A binary operator with incompatible types was detected. Found operand types '${edmType[type] ?? type}' and '${edmType[literal.kind]}' for operator kind '${odataKind[op]}'.`,
      )
    }
    if (literal.kind === 'boolean') return literal.value
    if (type === 'guid' && !isGuidText(literal.value))
      throw graphErrors.badRequest(`Invalid object identifier '${literal.value}'.`)
    return literal.value
  }
}
