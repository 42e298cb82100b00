// The operands of a $filter comparison: property paths (a/b/c, lambda variables, any() lambdas) and
// literals, each checked against the resource's declared fields as it is read.
import { graphErrors } from '../errors'
import type { FilterField, FilterFields } from './filter'
import {
  anyElement,
  member,
  rootProperty,
  scopeVariable,
  type Predicate,
  type Resolved,
} from './filterEvaluator'
import type { Token, TokenStream } from './filterLexer'
import type { FilterRules, Literal } from './filterRules'

/** A resolved path; a path that ends in /any(v: ...) also carries the compiled lambda. */
export type Operand = Resolved & { lambda?: Predicate }

export class OperandParser {
  /** Lambda variables in scope (any(c: ...)) and the field each element is. */
  private readonly scopeVariables = new Map<string, FilterField>()

  /** `lambdaBody` parses a full boolean expression: the grammar's top, owned by FilterCompiler. */
  constructor(
    private readonly stream: TokenStream,
    private readonly fields: FilterFields,
    private readonly rules: FilterRules,
    private readonly lambdaBody: () => Predicate,
  ) {}

  literal(): Literal {
    const token = this.stream.next()
    if (token.kind === 'string') return { kind: 'string', value: token.value }
    if (token.kind === 'datetime') return { kind: 'datetime', value: token.value }
    if (token.kind === 'number')
      throw graphErrors.notImplemented(`numeric literals in $filter ('${token.text}')`)
    if (this.stream.isWord(token, 'true', 'false'))
      return { kind: 'boolean', value: token.text.toLowerCase() === 'true' }
    if (this.stream.isWord(token, 'null')) return { kind: 'null' }
    return this.stream.syntax(
      token.pos,
      `expected a value (a 'string', true, false, null or a date) but found '${token.text}'`,
    )
  }

  /**
   * A property path (a/b/c), resolved against the declared fields or a lambda variable. A path that
   * ends in /any(v: ...) compiles the lambda and returns it in `lambda`.
   */
  path(): Operand {
    const first = this.stream.next()
    if (first.kind !== 'word')
      this.stream.syntax(first.pos, `expected a property name but found '${first.text}'`)
    // Lambda variables shadow the resource's properties, so any(c: c/issuer ...) reads the element.
    let resolved: Resolved
    if (this.scopeVariables.has(first.text)) {
      const field = this.scopeVariables.get(first.text)!
      resolved = { name: first.text, field, get: scopeVariable(first.text) }
    } else {
      const field = this.fields[first.text]
      if (field === undefined) this.rules.unknownProperty(first.text)
      resolved = { name: first.text, field, get: rootProperty(first.text) }
    }
    while (this.stream.peek().text === '/') {
      this.stream.next()
      const segment = this.stream.next()
      if (segment.kind !== 'word')
        this.stream.syntax(segment.pos, `expected a property name after '/' but found '${segment.text}'`)
      const lower = segment.text.toLowerCase()
      if (lower === '$count')
        throw graphErrors.notImplemented(`/$count inside $filter ('${resolved.name}/$count')`)
      if (lower === 'any' || lower === 'all') return { ...resolved, lambda: this.lambda(resolved, segment) }
      // Only a single object has members here; a collection's members are reached through any().
      if (resolved.field.type !== 'object' && resolved.field.type !== 'objectCollection')
        this.rules.unsupportedClause(`${resolved.name}/${segment.text}`)
      if (resolved.field.type === 'objectCollection')
        this.rules.unsupportedClause(`${resolved.name}/${segment.text}`)
      const memberField = resolved.field.fields?.[segment.text]
      if (memberField === undefined) this.rules.unknownProperty(`${resolved.name}/${segment.text}`)
      resolved = {
        name: `${resolved.name}/${segment.text}`,
        field: memberField,
        get: member(resolved.get, segment.text),
      }
    }
    return resolved
  }

  private lambda(collection: Resolved, keyword: Token): Predicate {
    if (keyword.text.toLowerCase() === 'all') this.rules.unsupportedAll(collection.name)
    const type = collection.field.type
    if (type !== 'stringCollection' && type !== 'objectCollection')
      this.rules.unsupportedClause(collection.name)
    this.stream.expect('(', "'(' after any")
    if (this.stream.peek().text === ')')
      throw graphErrors.notImplemented(`any() without a lambda expression on '${collection.name}'`)
    const variable = this.stream.next()
    if (variable.kind !== 'word')
      this.stream.syntax(variable.pos, `expected a lambda variable name but found '${variable.text}'`)
    this.stream.expect(':', "':' after the lambda variable")
    // A stringCollection declares its elements' operators on itself; an objectCollection's element
    // is an object with the collection's member fields.
    const element: FilterField =
      type === 'stringCollection'
        ? {
            type: 'string',
            operators: collection.field.operators ?? [],
            advanced: collection.field.advanced ?? [],
          }
        : { type: 'object', fields: collection.field.fields ?? {} }
    if (this.scopeVariables.has(variable.text))
      this.stream.syntax(variable.pos, `the lambda variable '${variable.text}' is already in use`)
    this.scopeVariables.set(variable.text, element)
    const body = this.lambdaBody()
    this.scopeVariables.delete(variable.text)
    this.stream.expect(')', "')' closing the lambda")
    return anyElement(collection, variable.text, body)
  }
}
