// The drift report as Markdown: for an issue opened by the scheduled workflow, or a job summary. The
// summary first (how many fields drifted, by severity), then one table row per drifted field, highest
// severity first: tenant, object, field, desired and live values, and who changed it when (the audit
// record), so the on-call engineer can act without opening the portal.
import { unknownValue } from '../plan/previewSteps'
import type { DriftReport } from './driftReport'

export const driftMarker = (stack?: string): string =>
  `<!-- entra-topology drift${stack === undefined ? '' : ` stack=${stack}`} -->`

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
function value(v: unknown): string {
  if (v === undefined) return '_(absent)_'
  if (v === unknownValue) return '_(unknown)_'
  const text = typeof v === 'string' ? v : JSON.stringify(v)
  return code(text.length > 120 ? `${text.slice(0, 117)}...` : text)
}
const badge = { high: '🔴 high', medium: '🟠 medium', low: '⚪ low' } as const

export function renderDriftMarkdown(report: DriftReport, options: { stack?: string } = {}): string {
  const s = report.summary
  const title = `## Drift${options.stack === undefined ? '' : ` in stack ${code(options.stack)}`}`
  const lines = [driftMarker(options.stack), title, '']
  if (s.drifted === 0) return [...lines, 'No drift: every tenant matches the topology.', ''].join('\n')
  lines.push(
    `${s.drifted} field${s.drifted === 1 ? '' : 's'} of ${s.resources} object${s.resources === 1 ? '' : 's'} drifted: ` +
      `${s.bySeverity.high} high, ${s.bySeverity.medium} medium, ${s.bySeverity.low} low. ` +
      '`pulumi up --refresh` puts the topology back; change the topology file instead to keep a change.',
    '',
    '| Severity | Tenant | Object | Field | Desired | Live | Changed by |',
    '|---|---|---|---|---|---|---|',
  )
  for (const item of report.items) {
    const audit = item.audit
    const changedBy =
      audit === undefined
        ? s.auditLookedUp
          ? '_no audit record found_'
          : '_not looked up_'
        : `${code(audit.who)} at ${audit.when}: ${audit.activity}`
    lines.push(
      `| ${badge[item.severity]} | ${item.tenant} | ${code(item.resource)} (${item.kind}) | ${code(item.field)} | ` +
        `${cell(value(item.desired))} | ${cell(value(item.live))} | ${cell(changedBy)} |`,
    )
  }
  lines.push('')
  for (const e of report.auditErrors)
    lines.push(`Audit records of ${e.tenant} could not be read: ${e.error}`, '')
  return lines.join('\n')
}
