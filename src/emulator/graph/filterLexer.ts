// The $filter lexer: turns the filter text into tokens, and the cursor the compiler walks them with.
import { graphErrors } from '../errors'

type TokenKind = 'word' | 'string' | 'datetime' | 'number' | 'punct' | 'end'
export interface Token {
  readonly kind: TokenKind
  readonly text: string
  /** The literal's value (strings unescaped). */
  readonly value: string
  readonly pos: number
}

// The negative lookahead refuses a datetime that runs on into more characters (2024-01-01x, a
// malformed time tail), so a malformed date is never half-read as a valid one.
const datetimePattern =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?(?![\w:.-])/
const numberPattern = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/
const wordPattern = /^\$?[A-Za-z_][A-Za-z0-9_.]*/

function tokenize(text: string, fail: (pos: number, message: string) => never): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const ch = text[i]!
    if (/\s/.test(ch)) {
      i++
      continue
    }
    const rest = text.slice(i)
    if ('(),:/'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, value: ch, pos: i })
      i++
    } else if (ch === "'") {
      // OData escapes a quote inside a string literal by doubling it ('O''Brien').
      let value = ''
      let j = i + 1
      for (;;) {
        if (j >= text.length) fail(i, `the string literal starting at position ${i} is not closed`)
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'"
            j += 2
            continue
          }
          break
        }
        value += text[j]
        j++
      }
      tokens.push({ kind: 'string', text: text.slice(i, j + 1), value, pos: i })
      i = j + 1
    } else if (datetimePattern.test(rest)) {
      // Tried before numbers: a date starts with digits and would otherwise lex as 2024 then -01.
      const match = datetimePattern.exec(rest)![0]
      tokens.push({ kind: 'datetime', text: match, value: match, pos: i })
      i += match.length
    } else if (numberPattern.test(rest)) {
      const match = numberPattern.exec(rest)![0]
      tokens.push({ kind: 'number', text: match, value: match, pos: i })
      i += match.length
    } else if (wordPattern.test(rest)) {
      const match = wordPattern.exec(rest)![0]
      tokens.push({ kind: 'word', text: match, value: match, pos: i })
      i += match.length
    } else {
      fail(i, `unexpected character '${ch}'`)
    }
  }
  // A sentinel, so the parser can always peek and error messages can name "end of the filter".
  tokens.push({ kind: 'end', text: 'end of the filter', value: '', pos: text.length })
  return tokens
}

/** The tokens of one filter text, read front to back; also raises the syntax errors that name a position. */
export class TokenStream {
  private index = 0
  private readonly tokens: Token[]

  constructor(private readonly text: string) {
    this.tokens = tokenize(text, (pos, message) => this.syntax(pos, message))
  }

  syntax(pos: number, message: string): never {
    throw graphErrors.badRequest(
      `Invalid $filter: syntax error at position ${pos} in '${this.text}': ${message}.`,
    )
  }

  /** Clamped at the sentinel: reading past the end keeps returning the 'end' token. */
  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!
  }

  next(): Token {
    const token = this.peek()
    this.index++
    return token
  }

  /** Keywords (and, or, not, true, null, ...) are case-insensitive. */
  isWord(token: Token, ...words: string[]): boolean {
    return token.kind === 'word' && words.includes(token.text.toLowerCase())
  }

  expect(text: string, what: string): Token {
    const token = this.next()
    if (token.kind !== 'punct' || token.text !== text)
      this.syntax(token.pos, `expected ${what} but found '${token.text}'`)
    return token
  }
}
