// Reads a topology file with the `yaml` package, keeping where every node is, so each later problem can
// name file:line:column for its JSON pointer. YAML syntax problems are diagnostics too (all of them,
// not the first), and nothing here throws on bad input: a fuzz test holds the loader to that.
import * as fs from 'node:fs'
import {
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
} from 'yaml'
import { parsePointer, type Diagnostic } from './diagnostics'

export interface LoadedFile {
  readonly file: string
  /** The document as plain data (undefined when the YAML could not be read at all). */
  readonly data: unknown
  readonly diagnostics: readonly Diagnostic[]
  /** Line and column (1-based) of the node at `pointer`, or of its nearest existing ancestor. */
  locate(pointer: string, key?: boolean): { line: number; column: number }
}

function locator(document: Document | undefined, lines: LineCounter) {
  return (pointer: string, key = false): { line: number; column: number } => {
    if (document === undefined) return { line: 1, column: 1 }
    const segments = parsePointer(pointer)
    let node: unknown = document.contents
    let at: { line: number; column: number } = { line: 1, column: 1 }
    const position = (n: unknown): void => {
      if (isNode(n) && n.range) {
        const { line, col } = lines.linePos(n.range[0])
        at = { line, column: col }
      }
    }
    position(node)
    for (const [i, segment] of segments.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment)
        if (pair === undefined) return at
        // The last segment of an "unknown property" or a key problem points at the key itself.
        position(key && i === segments.length - 1 ? pair.key : (pair.value ?? pair.key))
        node = pair.value
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)]
        if (item === undefined) return at
        position(item)
        node = item
      } else return at
    }
    return at
  }
}

// An alias inside the node its anchor names makes a cycle (`a: &x [*x]`): no topology is circular, and a
// circular value would break every later message that quotes it.
function cycles(document: Document, lines: LineCounter, file: string): Diagnostic[] {
  const found: Diagnostic[] = []
  visit(document, {
    Alias(_, alias) {
      const target = alias.resolve(document)
      const [at] = alias.range ?? [0]
      if (!target?.range || at < target.range[0] || at >= target.range[2]) return
      const { line, col } = lines.linePos(at)
      const name = alias.source
      found.push({
        ...syntax(file, line, col, `the alias *${name} is inside the node &${name} names`),
        fix: `the topology cannot contain itself: write the values out instead of *${name}`,
      })
    },
  })
  return found
}

/** The yaml package's message in the file's terms where it speaks of its own API. */
function yamlMessage(code: string, message: string, text: string, pos: readonly [number, number]): string {
  if (code === 'DUPLICATE_KEY') {
    const key = /^["']?([^"':\s,{}[\]]+)/.exec(text.slice(pos[0]))?.[1]
    return `the key ${key ? `'${key}' ` : ''}appears twice in the same map; YAML keys must be unique`
  }
  if (code === 'MULTIPLE_DOCS')
    return "the file holds more than one YAML document (a '---' line); a topology file is a single document"
  return message.split('\n')[0]!
}

export function parseTopologyText(text: string, file: string): LoadedFile {
  const lines = new LineCounter()
  let document: Document | undefined
  const diagnostics: Diagnostic[] = []
  try {
    // logLevel 'error': the package would print a process warning for a map used as a key; the schema
    // reports that key anyway, with its position.
    document = parseDocument(text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: true,
      logLevel: 'error',
    })
  } catch (error) {
    diagnostics.push(syntax(file, 1, 1, `cannot read the file as YAML: ${(error as Error).message}`))
  }
  // One stray token (a `...`, a bad indent) makes the parser report every later token too: keep the
  // first error of each kind and say how many like it follow, instead of a page of echoes.
  const byCode = new Map<string, { diagnostic: Diagnostic; more: number }>()
  for (const problem of document?.errors ?? []) {
    const seen = byCode.get(problem.code)
    if (seen !== undefined && problem.code !== 'DUPLICATE_KEY') {
      seen.more++
      continue
    }
    const { line, col } = lines.linePos(problem.pos[0])
    const entry = {
      diagnostic: syntax(file, line, col, yamlMessage(problem.code, problem.message, text, problem.pos)),
      more: 0,
    }
    byCode.set(seen === undefined ? problem.code : `${problem.code}@${problem.pos[0]}`, entry)
  }
  for (const { diagnostic, more } of byCode.values())
    diagnostics.push(
      more === 0
        ? diagnostic
        : { ...diagnostic, message: `${diagnostic.message} (and ${more} more like it after this one)` },
    )
  if (document !== undefined && document.errors.length === 0)
    diagnostics.push(...cycles(document, lines, file))
  let data: unknown
  if (document !== undefined && diagnostics.length === 0) {
    try {
      data = document.toJS({ maxAliasCount: 100 })
    } catch (error) {
      diagnostics.push(syntax(file, 1, 1, `cannot read the file as data: ${(error as Error).message}`))
    }
  }
  return { file, data, diagnostics, locate: locator(document, lines) }
}

const syntax = (file: string, line: number, column: number, message: string): Diagnostic => ({
  ruleId: 'TOPO-YAML',
  severity: 'error',
  file,
  line,
  column,
  pointer: '',
  message,
  fix: 'correct the YAML syntax at this position (indentation, quotes, a duplicated key)',
})

export function loadTopologyFile(file: string): LoadedFile {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return {
      file,
      data: undefined,
      diagnostics: [
        {
          ruleId: 'TOPO-FILE',
          severity: 'error',
          file,
          line: 1,
          column: 1,
          pointer: '',
          message: `cannot read the file (${code ?? (error as Error).message})`,
          fix: 'check the path; topology files live in stacks/<stack>.topology.yaml',
        },
      ],
      locate: () => ({ line: 1, column: 1 }),
    }
  }
  return parseTopologyText(text, file)
}
