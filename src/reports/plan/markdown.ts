// The plan report as Markdown for a pull-request comment: the summary table first, then what needs a
// reviewer's attention (destructive changes with who they touch, guardrail warnings), the diagram, and
// the details by tenant pair folded in <details>. GitHub refuses comments over 65,536 characters, so the
// text stays under `budget`: long user lists are cut with a count, and when the details do not fit,
// the pairs that did not fit are listed by name with their counts (the JSON report has everything).
import type { LiveRadius } from './liveBlastRadius'
import type { ChangeGroup, PlanReport } from './planReport'
import { unknownValue, type ResourceStep } from './previewSteps'

/** GitHub's limit for a comment body is 65,536 characters; this leaves room for the workflow's text. */
export const commentBudget = 60_000
/** The first line: the workflow finds its own comment by it and updates it instead of adding another. */
export const reportMarker = (stack?: string): string =>
  `<!-- entra-topology plan${stack === undefined ? '' : ` stack=${stack}`} -->`
const listedUsers = 25
/** Destructive changes and warnings listed in full; the rest are counted (the JSON report has them). */
const listedItems = 40
const more = (total: number, what: string): string[] =>
  total > listedItems ? [`- and ${total - listedItems} more ${what}s (see the JSON report)`] : []

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``
function value(v: unknown): string {
  if (v === unknownValue) return '_(known after the update)_'
  if (v === undefined) return '—'
  const text = typeof v === 'string' ? v : JSON.stringify(v)
  return code(text.length > 80 ? `${text.slice(0, 77)}...` : text)
}
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`
const isScalarList = (v: unknown): v is (string | number | boolean)[] =>
  Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)

/** A setting's change: a list as what leaves and what joins it, anything else as before → after. */
function settingChange(before: unknown, after: unknown): string {
  if (isScalarList(before) && isScalarList(after)) {
    const gone = before.filter((x) => !after.includes(x)).map((x) => `− ${value(x)}`)
    const added = after.filter((x) => !before.includes(x)).map((x) => `+ ${value(x)}`)
    return [...gone, ...added].join('<br>') || 'reordered'
  }
  return `${value(before)} → ${value(after)}`
}

const opText: Readonly<Record<ResourceStep['op'], string>> = {
  create: 'create',
  update: 'update',
  replace: '**replace**',
  delete: '**delete**',
  same: 'no change',
}

function summaryTable(report: PlanReport): string[] {
  const s = report.summary
  const pairs = `${s.pairs.added} added, ${s.pairs.removed} removed, ${s.pairs.changed} changed, ${s.pairs.kept} unchanged`
  const users = s.unlistedUsersAffected
    ? `${s.usersLeavingScope} listed, **and every user of a scope that was all users**`
    : String(s.usersLeavingScope)
  const rows = [
    ['Sync pairs', pairs],
    ['Users leaving a sync scope', s.usersLeavingScope > 0 || s.unlistedUsersAffected ? `⚠️ ${users}` : '0'],
    ...(s.usersInTargetsLive === undefined
      ? []
      : [
          [
            'Users deprovisioned (read from the tenants)',
            s.usersInTargetsLive > 0 ? `⚠️ ${s.usersInTargetsLive}` : '0',
          ],
        ]),
    ['Destructive changes', s.destructiveChanges > 0 ? `⚠️ ${s.destructiveChanges}` : '0'],
    ['Guardrail warnings', s.warnings > 0 ? `⚠️ ${s.warnings}` : '0'],
  ]
  if (s.resources !== undefined) {
    const r = s.resources
    rows.push([
      'Resources (preview)',
      `${r.create} to create, ${r.update} to update, ${r.replace} to replace, ${r.delete} to delete`,
    ])
  } else rows.push(['Resources (preview)', 'not given (run with --preview)'])
  return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)]
}

/** What the tenants say (plan --live), under a destructive change. */
function liveLines(live: LiveRadius | undefined): string[] {
  if (live === undefined) return []
  if (live.error !== undefined) return ['', `  Read from the tenants: could not (${live.error}).`, '']
  const head = `  Read from the tenants: ${plural(live.leaving.length, 'user')} in the scope now ${live.leaving.length === 1 ? 'leaves' : 'leave'} it; ${live.inTarget.length} of them ${live.inTarget.length === 1 ? 'is' : 'are'} in the target now and will be deprovisioned.`
  return ['', head, ...(live.inTarget.length > 0 ? ['', `  ${userList(live.inTarget)}`] : []), '']
}

function userList(users: readonly string[]): string {
  const shown = users.slice(0, listedUsers).map(code).join(', ')
  const more = users.length > listedUsers ? `, and ${users.length - listedUsers} more` : ''
  return `<details><summary>${plural(users.length, 'user')}</summary>\n\n${shown}${more}\n\n</details>`
}

function groupDetails(group: ChangeGroup): string {
  const lines: string[] = []
  const counts = [
    group.added.length > 0 ? `${group.added.length} added` : '',
    group.removed.length > 0 ? `${group.removed.length} removed` : '',
    group.settings.length > 0 ? plural(group.settings.length, 'setting') : '',
    group.resources.length > 0 ? plural(group.resources.length, 'resource change') : '',
  ].filter((c) => c !== '')
  lines.push(`<details><summary><b>${group.title}</b>: ${counts.join(', ')}</summary>`, '')
  if (group.added.length > 0) lines.push(`Added: ${group.added.map(code).join(', ')}`, '')
  if (group.removed.length > 0) lines.push(`Removed: ${group.removed.map(code).join(', ')}`, '')
  if (group.settings.length > 0) {
    lines.push('| Object | Setting | Change |', '|---|---|---|')
    for (const s of group.settings)
      lines.push(`| ${code(s.key)} | ${code(s.pointer)} | ${cell(settingChange(s.before, s.after))} |`)
    lines.push('')
  }
  if (group.resources.length > 0) {
    lines.push('| Resource | Kind | Operation | Fields |', '|---|---|---|---|')
    for (const r of group.resources) {
      const fields = r.fields
        .map((f) => {
          const replaces = f.replaces && r.note === undefined ? ' (forces replacement)' : ''
          return `${code(f.path)}${replaces}: ${value(f.before)} → ${value(f.after)}`
        })
        .join('<br>')
      const note = r.note === undefined ? '' : `<br>_${r.note}_`
      lines.push(`| ${code(r.key)} | ${r.kind} | ${opText[r.op]} | ${cell(fields + note)} |`)
    }
    lines.push('')
  }
  lines.push('</details>', '')
  return lines.join('\n')
}

export function renderMarkdown(
  report: PlanReport,
  options: { stack?: string; budget?: number } = {},
): string {
  const budget = options.budget ?? commentBudget
  const head: string[] = [
    reportMarker(options.stack),
    `## Topology plan: ${report.organization}${options.stack === undefined ? '' : ` (stack ${code(options.stack)})`}`,
    '',
    `${code(report.before)} → ${code(report.after)}`,
    '',
    ...summaryTable(report),
    '',
  ]
  if (report.destructive.length > 0) {
    head.push('### ⚠️ Destructive changes', '')
    for (const d of report.destructive.slice(0, listedItems))
      head.push(
        `- ${d.summary}.`,
        ...(d.users.length > 0 ? ['', `  ${userList(d.users)}`, ''] : []),
        ...liveLines(d.live),
      )
    head.push(...more(report.destructive.length, 'destructive change'), '')
  }
  if (report.warnings.length > 0) {
    head.push('### Guardrail warnings', '')
    for (const w of report.warnings.slice(0, listedItems))
      head.push(
        `- ${code(w.ruleId)} at ${code(w.at)} (${code(w.pointer)}): ${w.message}${w.fix ? ` Fix: ${w.fix}` : ''}`,
      )
    head.push(...more(report.warnings.length, 'warning'), '')
  }
  head.push('### Tenants and sync pairs', '', '```mermaid', report.mermaid, '```', '')
  if (report.groups.length === 0) return [...head, 'Nothing changes.', ''].join('\n')
  head.push('### Changes by tenant pair', '')
  let text = head.join('\n')
  const left: ChangeGroup[] = []
  for (const group of report.groups) {
    const details = groupDetails(group)
    if (left.length === 0 && text.length + details.length + 2000 <= budget) text += `\n${details}`
    else left.push(group)
  }
  if (left.length === 0) return text
  // The pairs left out, named while they fit (the details above reserved room for this line).
  text += `\n${plural(left.length, 'more pair')} did not fit in a comment (see the JSON report): `
  const names = left.map((g) => `${g.title} (${plural(g.settings.length + g.resources.length, 'change')})`)
  let named = 0
  while (named < names.length && text.length + names[named]!.length + 40 <= budget) {
    text += `${named > 0 ? ', ' : ''}${names[named]}`
    named++
  }
  return `${text}${named < names.length ? `${named > 0 ? ', ' : ''}and ${names.length - named} more` : ''}.\n`
}
