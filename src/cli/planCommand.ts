// `entra-topology plan`: the pull-request report of a topology change (src/reports/plan). It reads the
// topology file at two versions (the working tree and a git ref, or two files) and, when given, the
// change's `pulumi preview --json`, and writes Markdown for a comment or the report's JSON.
// Exit status: 0 report written, 1 a topology version has errors or an input cannot be read, 2 usage.
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { formatDiagnostic, hasErrors, type Diagnostic } from '../topology/diagnostics'
import { planTopology } from '../topology/plan/planner'
import type { Plan } from '../topology/plan/types'
import { validateTopologyText } from '../topology/validate'
import { Connections } from '../resources/shared/connections'
import { stackConfig } from '../reports/drift/auditSources'
import { planHtml } from '../reports/html/page'
import { withLiveRadius } from '../reports/plan/liveBlastRadius'
import { renderMarkdown } from '../reports/plan/markdown'
import { buildPlanReport, type TopologyVersion } from '../reports/plan/planReport'
import { PreviewFormatError, previewSteps, type ResourceStep } from '../reports/plan/previewSteps'
import { UsageError, type ParsedArgs } from './args'
import { InputError, readPreviewJson, readText } from './inputFiles'
import type { CommandOutput } from './validateCommand'

export const planUsage = `Usage: entra-topology plan --topology <file> (--base <git ref> | --before <file>)
                           [--preview <preview.json>] [--stack <name> [--live]]
                           [--format markdown|json|html] [--output <file>]

Reports what a topology change does: sync pairs added, removed or changed (with a Mermaid diagram),
destructive changes and the users they take out of a scope, guardrail warnings, and the changes by
tenant pair, with the resource operations of the preview when --preview is given.

  --topology <file>     the topology after the change (the working tree's file)
  --base <git ref>      the topology before: the same file at this ref (origin/main in a pull request);
                        a file missing there counts as an empty topology (a new stack)
  --before <file>       the topology before, as a file
  --preview <file>      the output of \`pulumi preview --json\` for the change
  --stack <name>        names the stack in the report (and in the comment marker the workflow updates)
  --live                with --stack: read each destructive change's blast radius from the tenants,
                        with the stack's credentials (\`pulumi config --json --show-secrets\`): who is
                        in scope now and leaves it, and who of them is in the target now
  --format markdown     a pull-request comment, under GitHub's size limit (default)
  --format json         the report's data
  --format html         one self-contained page (no network): the diagram drawn, details browsable
  --output <file>       write there instead of stdout

Exit status: 0 report written, 1 a topology has errors or an input cannot be read, 2 usage error.`

export const planFormats = ['markdown', 'json', 'html'] as const

export interface PlanOptions {
  readonly topology: string
  readonly base?: string
  readonly before?: string
  readonly preview?: string
  readonly stack?: string
  readonly live: boolean
  readonly format: (typeof planFormats)[number]
  readonly output?: string
}

export function parsePlanArgs(args: ParsedArgs): PlanOptions {
  const format = args.value('format') ?? 'markdown'
  if (!planFormats.includes(format as PlanOptions['format']))
    throw new UsageError(`--format is '${format}'; expected ${planFormats.join(' or ')}`)
  const options = {
    topology: args.value('topology'),
    base: args.value('base'),
    before: args.value('before'),
    preview: args.value('preview'),
    stack: args.value('stack'),
    output: args.value('output'),
  }
  const live = args.flag('live')
  args.rejectUnknown()
  if (args.positional.length > 0)
    throw new UsageError(`plan takes options only; got ${args.positional.join(' ')}`)
  if (options.topology === undefined) throw new UsageError('plan needs --topology <file>')
  if ((options.base === undefined) === (options.before === undefined))
    throw new UsageError('plan needs exactly one of --base <git ref> and --before <file>')
  if (live && options.stack === undefined)
    throw new UsageError("--live reads the tenants with a stack's credentials: give --stack <name>")
  const set = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined))
  return { ...set, topology: options.topology, live, format: format as PlanOptions['format'] }
}

const emptyPlan: Plan = { organization: '', tenants: {}, pairs: [], objects: {} }

/** A version of the topology: validated (diagnostics with paths relative to the working directory) and planned. */
function version(text: string | undefined, file: string, label: string): TopologyVersion {
  if (text === undefined) return { label: `${label} (absent)`, plan: emptyPlan, diagnostics: [] }
  const result = validateTopologyText(text, file)
  const diagnostics: Diagnostic[] = result.diagnostics.map((d) => ({ ...d, file }))
  if (result.topology === undefined || hasErrors(diagnostics))
    throw new InputError(
      `${label} has errors, so there is no plan to report:\n${diagnostics.map(formatDiagnostic).join('\n')}`,
    )
  return { label, plan: planTopology(result.topology), diagnostics }
}

/** The file's text at a git ref; undefined when the ref has no such file (a stack added by the change). */
function textAtRef(file: string, ref: string): string | undefined {
  const dir = path.dirname(path.resolve(file))
  try {
    return execFileSync('git', ['show', `${ref}:./${path.basename(file)}`], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    })
  } catch (error) {
    const stderr = (error as { stderr?: string | Buffer }).stderr?.toString() ?? ''
    if (/does not exist in|exists on disk, but not in/.test(stderr)) return undefined
    throw new InputError(`cannot read ${file} at ${ref} with git: ${stderr.trim() || String(error)}`)
  }
}

function readSteps(file: string): ResourceStep[] {
  const digest = readPreviewJson(file, 'pulumi preview --json')
  try {
    return previewSteps(digest, file)
  } catch (error) {
    if (error instanceof PreviewFormatError) throw new InputError(error.message)
    throw error
  }
}

export async function runPlanCommand(args: ParsedArgs, output: CommandOutput): Promise<number> {
  if (args.flag('help')) {
    output.stdout(`${planUsage}\n`)
    return 0
  }
  const options = parsePlanArgs(args)
  const relative = path.relative(process.cwd(), path.resolve(options.topology)) || options.topology
  try {
    const after = version(readText(options.topology, 'the topology'), relative, relative)
    const before =
      options.base !== undefined
        ? version(textAtRef(options.topology, options.base), relative, `${options.base}:${relative}`)
        : version(readText(options.before!, 'the topology'), options.before!, options.before!)
    const steps = options.preview === undefined ? undefined : readSteps(options.preview)
    let report = buildPlanReport(before, after, steps)
    if (options.live) {
      const connections = new Connections(stackConfig(options.stack!))
      report = await withLiveRadius(report, before.plan, after.plan, (tenant) => connections.graph(tenant))
    }
    const text =
      options.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : options.format === 'html'
          ? planHtml(report)
          : renderMarkdown(report, options.stack === undefined ? {} : { stack: options.stack })
    if (options.output === undefined) output.stdout(text)
    else fs.writeFileSync(options.output, text)
    return 0
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    output.stderr(`entra-topology plan: ${error.message}\n`)
    return 1
  }
}
