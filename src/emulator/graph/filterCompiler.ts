// The one-pass $filter compiler behind compileFilter (filter.ts lists the supported forms and the
// LIMITATIONS): each boolean-grammar production returns the predicate it compiles to.
//
// Why one pass and no separate AST: checks run as the text is read, so the first problem from the left
// is the one reported (an unknown property before a later syntax error, say). Which error wins is
// observable in the response, so parsing and checking stay interleaved. The pieces live next door:
// filterLexer (tokens), filterOperands (paths, lambdas, literals), filterRules (Graph's checks and
// errors) and filterEvaluator (the run-time predicates).
import { graphErrors } from '../errors'
import type { FilterFields, FilterOperator, FilterOptions } from './filter'
import * as evaluate from './filterEvaluator'
import { comparisons, type Comparison, type Predicate } from './filterEvaluator'
import { TokenStream } from './filterLexer'
import { OperandParser, type Operand } from './filterOperands'
import { FilterRules } from './filterRules'

export { advancedQueryError, maxOrChildren } from './filterRules'
export type { Predicate, Scope } from './filterEvaluator'

export class FilterCompiler {
  /** How many not operators enclose the current position; a property must allow 'not' to sit under one. */
  private notDepth = 0
  private readonly rules: FilterRules
  private readonly stream: TokenStream
  private readonly operands: OperandParser

  constructor(text: string, fields: FilterFields, options: FilterOptions) {
    this.rules = new FilterRules(options)
    this.stream = new TokenStream(text)
    this.operands = new OperandParser(this.stream, fields, this.rules, () => this.orExpression())
  }

  compile(): Predicate {
    const predicate = this.orExpression()
    const next = this.stream.peek()
    if (next.kind !== 'end')
      this.stream.syntax(next.pos, `unexpected '${next.text}' after a complete expression`)
    return predicate
  }

  private orExpression(): Predicate {
    const children = [this.andExpression()]
    while (this.stream.isWord(this.stream.peek(), 'or')) {
      this.stream.next()
      children.push(this.andExpression())
    }
    if (children.length === 1) return children[0]!
    this.rules.checkOrChildren(children.length)
    return evaluate.anyOf(children)
  }

  private andExpression(): Predicate {
    const children = [this.unary()]
    while (this.stream.isWord(this.stream.peek(), 'and')) {
      this.stream.next()
      children.push(this.unary())
    }
    if (children.length === 1) return children[0]!
    return evaluate.allOf(children)
  }

  private unary(): Predicate {
    const token = this.stream.peek()
    if (this.stream.isWord(token, 'not') && !this.isComparisonAhead()) {
      this.stream.next()
      this.rules.requireAdvanced('not', undefined)
      this.notDepth++
      const inner = this.unary()
      this.notDepth--
      return evaluate.negate(inner)
    }
    return this.primary()
  }

  /** `not eq 'x'` would make `not` a property name; Graph has no such property, so `not` is the operator. */
  private isComparisonAhead(): boolean {
    const after = this.stream.peek(1)
    return after.kind === 'word' && [...comparisons, 'in'].some((op) => op === after.text.toLowerCase())
  }

  private primary(): Predicate {
    const token = this.stream.peek()
    if (token.kind === 'punct' && token.text === '(') {
      this.stream.next()
      const inner = this.orExpression()
      this.stream.expect(')', "')'")
      return inner
    }
    if (token.kind !== 'word')
      this.stream.syntax(token.pos, `expected a property name but found '${token.text}'`)
    const lower = token.text.toLowerCase()
    if ((lower === 'startswith' || lower === 'endswith') && this.stream.peek(1).text === '(')
      return this.stringFunction(lower === 'startswith' ? 'startsWith' : 'endsWith')
    // not(...) is the operator with its operand in parentheses, not a function call.
    if (this.stream.peek(1).text === '(' && !this.stream.isWord(token, 'not'))
      this.rules.unsupportedFunction(token.text)
    return this.comparisonOrLambda()
  }

  private stringFunction(name: 'startsWith' | 'endsWith'): Predicate {
    this.stream.next()
    this.stream.expect('(', "'('")
    const target = this.operands.path()
    this.stream.expect(',', "','")
    const literal = this.stream.next()
    if (literal.kind !== 'string')
      this.stream.syntax(
        literal.pos,
        `${name} needs a string literal as its second argument, found '${literal.text}'`,
      )
    this.stream.expect(')', "')'")
    this.checkOperator(target, name)
    if (!['string', 'guid'].includes(target.field.type)) this.rules.unsupportedClause(target.name)
    return evaluate.stringMatch(target, name, literal.value.toLowerCase())
  }

  private comparisonOrLambda(): Predicate {
    const start = this.stream.peek()
    const target = this.operands.path()
    if (target.lambda !== undefined) return target.lambda
    const op = this.stream.next()
    const opText = op.text.toLowerCase()
    if (op.kind === 'word' && opText === 'in') return this.inList(target)
    if (op.kind !== 'word' || !comparisons.includes(opText as Comparison)) {
      if (op.kind === 'word' && ['has', 'add', 'sub', 'mul', 'div', 'mod'].includes(opText))
        throw graphErrors.notImplemented(`the '${op.text}' operator in $filter`)
      this.stream.syntax(
        op.pos,
        `expected an operator (eq, ne, gt, ge, lt, le, in) after '${start.text}' but found '${op.text}'`,
      )
    }
    const comparison = opText as Comparison
    const literal = this.operands.literal()
    if (literal.kind === 'null') {
      if (comparison !== 'eq' && comparison !== 'ne')
        this.stream.syntax(op.pos, `null can only be compared with eq or ne`)
      // Both the comparison and 'null' must be allowed: Graph gates `eq null` separately from `eq`.
      this.checkOperator(target, comparison)
      this.checkOperator(target, 'null')
      return evaluate.nullCheck(target, comparison)
    }
    this.checkOperator(target, comparison)
    const expected = this.rules.literalValue(target, literal, comparison)
    return evaluate.comparison(target, comparison, expected)
  }

  private inList(target: Operand): Predicate {
    this.checkOperator(target, 'in')
    this.stream.expect('(', "'(' after in")
    const values: (string | boolean)[] = []
    for (;;) {
      const literal = this.operands.literal()
      if (literal.kind === 'null')
        this.stream.syntax(this.stream.peek(-1).pos, 'null is not allowed in an in (...) list')
      // Each value is type-checked as if it were `target eq value`, which is what in (...) means.
      values.push(this.rules.literalValue(target, literal, 'eq'))
      const sep = this.stream.next()
      if (sep.text === ')') break
      if (sep.text !== ',')
        this.stream.syntax(sep.pos, `expected ',' or ')' in the in (...) list but found '${sep.text}'`)
    }
    this.rules.checkOrChildren(values.length)
    return evaluate.inList(target, values)
  }

  private checkOperator(target: Operand, op: FilterOperator): void {
    this.rules.checkOperator(target, op, this.notDepth > 0)
  }
}
