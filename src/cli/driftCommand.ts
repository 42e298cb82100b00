// `entra-topology drift`: the drift report of a stack (src/reports/drift) from its
// `pulumi preview --refresh --json`, with the directory audit record that explains each drifted field,
// read from the tenants with the stack's credentials (--stack) or from a file of records (--audit).
// Exit status: 0 no drift, 3 drift found (the report is written either way), 1 an input cannot be
// read, 2 usage. The scheduled workflow fails or opens an issue on 3.
import * as fs from 'node:fs'
import { PreviewFormatError } from '../reports/plan/previewSteps'
import type { AuditSource } from '../reports/drift/audit'
import { auditFromFile, auditFromTenants, stackConfig } from '../reports/drift/auditSources'
import { buildDriftReport } from '../reports/drift/driftReport'
import { driftHtml } from '../reports/html/page'
import { renderDriftMarkdown } from '../reports/drift/markdown'
import { UsageError, type ParsedArgs } from './args'
import { InputError, readPreviewJson } from './inputFiles'
import type { CommandOutput } from './validateCommand'

export const driftExitCode = 3

export const driftUsage = `Usage: entra-topology drift --preview <refresh-preview.json>
                            [--stack <name> [--audit-days <n>] | --audit <records.json> | --no-audit]
                            [--format markdown|json|html] [--output <file>]

Reports what changed by hand in a stack's tenants: every drifted field with its tenant, object,
desired and live values and severity (trust and sync allowances first), and the directory audit
record that explains it (who, when, which operation).

  --preview <file>    the output of \`pulumi preview --refresh --json --stack <name>\`
  --stack <name>      read audit records from the tenants with the stack's credentials
                      (\`pulumi config --json --show-secrets\`, as the provider reads them; needs
                      AuditLog.Read.All), and name the stack in the report
  --audit-days <n>    how far back to read audit records (default 7; Graph keeps 30)
  --audit <file>      audit records by tenant alias, as JSON, instead of reading the tenants
  --no-audit          do not look audit records up
  --format markdown   for an issue or a job summary (default); --format json for the data;
                      --format html for one self-contained page with the diagram drawn
  --output <file>     write there instead of stdout

Exit status: 0 no drift, ${driftExitCode} drift found, 1 an input cannot be read, 2 usage error.`

export async function runDriftCommand(args: ParsedArgs, output: CommandOutput): Promise<number> {
  if (args.flag('help')) {
    output.stdout(`${driftUsage}\n`)
    return 0
  }
  const preview = args.value('preview')
  const stack = args.value('stack')
  const auditFile = args.value('audit')
  const noAudit = args.flag('no-audit')
  const daysText = args.value('audit-days') ?? '7'
  const format = args.value('format') ?? 'markdown'
  const out = args.value('output')
  args.rejectUnknown()
  if (args.positional.length > 0)
    throw new UsageError(`drift takes options only; got ${args.positional.join(' ')}`)
  if (preview === undefined) throw new UsageError('drift needs --preview <refresh-preview.json>')
  if (format !== 'markdown' && format !== 'json' && format !== 'html')
    throw new UsageError(`--format is '${format}'; expected markdown, json or html`)
  if (
    [stack !== undefined && !noAudit && auditFile === undefined, auditFile !== undefined, noAudit].filter(
      Boolean,
    ).length > 1
  )
    throw new UsageError(
      'give one of --audit <file> and --no-audit (with --stack, records are read from the tenants)',
    )
  const days = Number(daysText)
  if (!Number.isInteger(days) || days < 1 || days > 30)
    throw new UsageError(`--audit-days is '${daysText}'; expected a whole number of days from 1 to 30`)
  try {
    const digest = readPreviewJson(preview, 'pulumi preview --refresh --json')
    let audit: AuditSource | undefined
    if (auditFile !== undefined) audit = auditFromFile(auditFile)
    else if (stack !== undefined && !noAudit) audit = auditFromTenants(stackConfig(stack), days)
    const report = await buildDriftReport(digest, preview, audit)
    const text =
      format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : format === 'html'
          ? driftHtml(report, stack)
          : renderDriftMarkdown(report, stack === undefined ? {} : { stack })
    if (out === undefined) output.stdout(text)
    else fs.writeFileSync(out, text)
    return report.summary.drifted > 0 ? driftExitCode : 0
  } catch (error) {
    if (error instanceof PreviewFormatError || error instanceof InputError) {
      output.stderr(`entra-topology drift: ${error.message}\n`)
      return 1
    }
    throw error
  }
}
