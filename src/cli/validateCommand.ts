// `entra-topology validate <file>`: checks a topology file (YAML, schema, semantic rules) and reports
// every problem at once, errors first, each with file:line:column and its JSON pointer, as text for
// people or as one JSON object for machines. Exit status 0 valid (warnings allowed), 1 invalid, 2 usage.
import { formatDiagnostic, type Diagnostic } from '../topology/diagnostics'
import { validateTopologyFile, type ValidationResult } from '../topology/validate'
import { UsageError, type ParsedArgs } from './args'

export const validateUsage = `Usage: entra-topology validate <file> [--format text|json]

Checks a topology file (stacks/<stack>.topology.yaml): its YAML, its shape against
schemas/topology.schema.json and the semantic rules. Every problem is reported at once, errors first,
each as file:line:column: severity rule: /json/pointer: message; found ...; allowed: ...; fix: ...

  --format text   the problems on stderr, one a line, then a count (default)
  --format json   one JSON object on stdout: { file, valid, errors, warnings, diagnostics }

Exit status: 0 valid (warnings allowed), 1 invalid (or unreadable), 2 usage error.`

/** Where a command writes; tests capture it, the binary uses the process's streams. */
export interface CommandOutput {
  stdout(text: string): void
  stderr(text: string): void
}

export const processOutput: CommandOutput = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
}

export const validateFormats = ['text', 'json'] as const
export type ValidateFormat = (typeof validateFormats)[number]

export interface ValidateOptions {
  readonly file: string
  readonly format: ValidateFormat
}

export function parseValidateArgs(args: ParsedArgs): ValidateOptions {
  const format = args.value('format') ?? 'text'
  if (!validateFormats.includes(format as ValidateFormat))
    throw new UsageError(`--format is '${format}'; expected ${validateFormats.join(' or ')}`)
  args.rejectUnknown()
  const [file, ...more] = args.positional
  if (file === undefined) throw new UsageError('validate needs the topology file to check')
  if (more.length > 0)
    throw new UsageError(
      `validate checks one file at a time; got ${args.positional.length}: ${args.positional.join(', ')}`,
    )
  return { file, format: format as ValidateFormat }
}

/** The JSON form of a result: what `--format json` prints. */
export interface ValidationReport {
  readonly file: string
  readonly valid: boolean
  readonly errors: number
  readonly warnings: number
  readonly diagnostics: readonly Diagnostic[]
}

export function validationReport(result: ValidationResult): ValidationReport {
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length
  return {
    file: result.file,
    valid: errors === 0,
    errors,
    warnings: result.diagnostics.length - errors,
    diagnostics: result.diagnostics,
  }
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`

/** What the command prints for a result, and its exit status. */
export function renderValidation(
  result: ValidationResult,
  format: ValidateFormat,
): { code: 0 | 1; stdout: string; stderr: string } {
  const report = validationReport(result)
  const code = report.valid ? 0 : 1
  if (format === 'json') return { code, stdout: `${JSON.stringify(report, null, 2)}\n`, stderr: '' }
  // The diagnostics come sorted, errors first (validate.ts).
  const lines = report.diagnostics.map(formatDiagnostic)
  if (lines.length > 0) lines.push(`${count(report.errors, 'error')}, ${count(report.warnings, 'warning')}`)
  return {
    code,
    stdout: report.valid ? `${report.file}: valid\n` : '',
    stderr: lines.map((line) => `${line}\n`).join(''),
  }
}

export function runValidateCommand(args: ParsedArgs, output: CommandOutput = processOutput): number {
  if (args.flag('help')) {
    output.stdout(`${validateUsage}\n`)
    return 0
  }
  const options = parseValidateArgs(args)
  const rendered = renderValidation(validateTopologyFile(options.file), options.format)
  if (rendered.stdout !== '') output.stdout(rendered.stdout)
  if (rendered.stderr !== '') output.stderr(rendered.stderr)
  return rendered.code
}
