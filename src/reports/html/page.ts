// The HTML form of the plan and drift reports: one self-contained file (styles, script and data
// inline; no network, no library), for people who would rather look than read. The details are HTML
// written here; the diagram is drawn in the browser by clientScript.ts from the data embedded in the
// page, which is also the report's JSON, whole. `--format html` on `plan` and `drift`.
import type { DriftReport } from '../drift/driftReport'
import { pairPartnerOfKey, type PlanReport } from '../plan/planReport'
import { unknownValue } from '../plan/previewSteps'
import { clientScript } from './clientScript'
import { styles } from './styles'

export interface DiagramData {
  readonly nodes: readonly { id: string; label: string; style: string; note?: string }[]
  readonly edges: readonly { from: string; to: string; style: string; label: string }[]
}

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const code = (text: string): string => `<code>${escapeHtml(text)}</code>`
function value(v: unknown): string {
  if (v === unknownValue) return '<em>known after the update</em>'
  if (v === undefined) return '<em>absent</em>'
  return code(typeof v === 'string' ? v : JSON.stringify(v))
}
const table = (head: readonly string[], rows: readonly string[][]): string =>
  `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`

function page(title: string, summary: string, diagram: DiagramData, body: string, data: unknown): string {
  // JSON in a script element: '<' escaped so no text in it can close the element.
  const json = JSON.stringify({ diagram, report: data }).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1>${summary}</header>
<main>
<section><h2>Diagram</h2><div id="diagram"></div></section>
${body}
</main>
<script type="application/json" id="report-data">${json}</script>
<script>${clientScript}</script>
</body>
</html>
`
}

const filterBox = `<p><input id="filter" type="search" placeholder="Filter by tenant, object or field" aria-label="Filter"> <span id="filter-count"></span></p>`

export function planHtml(report: PlanReport): string {
  const s = report.summary
  const summary = table(
    ['Sync pairs', 'Users leaving a scope', 'Destructive changes', 'Warnings', 'Resources (preview)'],
    [
      [
        `${s.pairs.added} added, ${s.pairs.removed} removed, ${s.pairs.changed} changed, ${s.pairs.kept} unchanged`,
        `${s.usersLeavingScope}${s.unlistedUsersAffected ? ' and every user of an all-users scope' : ''}`,
        String(s.destructiveChanges),
        String(s.warnings),
        s.resources === undefined
          ? 'not given'
          : `${s.resources.create} create, ${s.resources.update} update, ${s.resources.replace} replace, ${s.resources.delete} delete`,
      ],
    ],
  )
  const destructive = report.destructive.map(
    (d) =>
      `<li class="destructive">${escapeHtml(d.summary)}${d.users.length > 0 ? `<details><summary>${d.users.length} users</summary>${d.users.map(code).join(' ')}</details>` : ''}</li>`,
  )
  const warnings = report.warnings.map(
    (w) =>
      `<li>${code(w.ruleId)} at ${code(w.at)}: ${escapeHtml(w.message)}${w.fix ? ` <em>Fix: ${escapeHtml(w.fix)}</em>` : ''}</li>`,
  )
  const groups = report.groups.map((g) => {
    const settings = g.settings.map((c) => [code(c.key), code(c.pointer), value(c.before), value(c.after)])
    const resources = g.resources.map((r) => [
      code(r.key),
      escapeHtml(r.kind),
      `<span class="op ${r.op}">${r.op}</span>`,
      r.fields.map((f) => `${code(f.path)}: ${value(f.before)} → ${value(f.after)}`).join('<br>') +
        (r.note === undefined ? '' : `<br><em>${escapeHtml(r.note)}</em>`),
    ])
    const filterText = [
      g.title,
      ...g.added,
      ...g.removed,
      ...g.settings.map((c) => `${c.key} ${c.pointer}`),
      ...g.resources.map((r) => `${r.key} ${r.kind}`),
    ]
      .join(' ')
      .toLowerCase()
    return `<details class="group" data-filter="${escapeHtml(filterText)}"><summary><b>${escapeHtml(g.title)}</b>: ${g.added.length} added, ${g.removed.length} removed, ${g.settings.length} settings, ${g.resources.length} resource changes</summary>
${g.added.length > 0 ? `<p>Added: ${g.added.map(code).join(', ')}</p>` : ''}${g.removed.length > 0 ? `<p>Removed: ${g.removed.map(code).join(', ')}</p>` : ''}
${settings.length > 0 ? table(['Object', 'Setting', 'Before', 'After'], settings) : ''}
${resources.length > 0 ? table(['Resource', 'Kind', 'Operation', 'Fields'], resources) : ''}
</details>`
  })
  const body = [
    destructive.length > 0
      ? `<section><h2>Destructive changes</h2><ul>${destructive.join('')}</ul></section>`
      : '',
    warnings.length > 0 ? `<section><h2>Guardrail warnings</h2><ul>${warnings.join('')}</ul></section>` : '',
    `<section><h2>Changes by tenant pair</h2>${filterBox}${groups.join('\n')}</section>`,
  ].join('\n')
  const diagram: DiagramData = {
    nodes: report.tenants.map((t) => ({
      id: t.alias,
      label: t.displayName,
      style: t.change,
      ...(t.change === 'kept' ? {} : { note: t.change }),
    })),
    edges: report.edges.map((e) => ({ from: e.from, to: e.to, style: e.change, label: e.change })),
  }
  return page(
    `Topology plan: ${report.organization}`,
    `<p>${code(report.before)} → ${code(report.after)}</p>${summary}`,
    diagram,
    body,
    report,
  )
}

export function driftHtml(report: DriftReport, stack?: string): string {
  const s = report.summary
  const aliases = new Set(report.items.map((i) => i.tenant))
  // A pair object's drift is an arrow from its tenant to the partner, in the colour of its severity.
  const edges = new Map<string, { from: string; to: string; style: string; label: string }>()
  for (const item of report.items) {
    const other = pairPartnerOfKey(item.resource)
    if (other === undefined) continue
    aliases.add(other)
    const key = `${item.tenant}>${other}`
    if (!edges.has(key))
      edges.set(key, { from: item.tenant, to: other, style: item.severity, label: item.field })
  }
  const counts = new Map<string, number>()
  for (const item of report.items) counts.set(item.tenant, (counts.get(item.tenant) ?? 0) + 1)
  const diagram: DiagramData = {
    nodes: [...aliases].sort().map((alias) => ({
      id: alias,
      label: alias,
      style: counts.has(alias) ? 'drifted' : 'kept',
      ...(counts.has(alias) ? { note: `${counts.get(alias)} drifted` } : {}),
    })),
    edges: [...edges.values()],
  }
  const rows = report.items.map(
    (i) =>
      `<tr data-severity="${i.severity}" data-filter="${escapeHtml(`${i.tenant} ${i.resource} ${i.kind} ${i.field}`.toLowerCase())}"><td><span class="sev ${i.severity}">${i.severity}</span></td><td>${escapeHtml(i.tenant)}</td><td>${code(i.resource)} ${escapeHtml(i.kind)}</td><td>${code(i.field)}</td><td>${value(i.desired)}</td><td>${value(i.live)}</td><td>${
        i.audit === undefined
          ? `<em>${s.auditLookedUp ? 'no audit record found' : 'not looked up'}</em>`
          : `${code(i.audit.who)} at ${escapeHtml(i.audit.when)}: ${escapeHtml(i.audit.activity)}`
      }</td></tr>`,
  )
  const severities = (['high', 'medium', 'low'] as const)
    .map(
      (sev) =>
        `<label><input type="checkbox" checked data-severity="${sev}"> ${sev} (${s.bySeverity[sev]})</label>`,
    )
    .join(' ')
  const body =
    s.drifted === 0
      ? '<section><p>No drift: every tenant matches the topology.</p></section>'
      : `<section><h2>Drifted fields</h2>${filterBox}<p>${severities}</p><table class="drift"><thead><tr><th>Severity</th><th>Tenant</th><th>Object</th><th>Field</th><th>Desired</th><th>Live</th><th>Changed by</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`
  const title = `Drift${stack === undefined ? '' : ` in stack ${stack}`}`
  const summary = `<p>${s.drifted} fields of ${s.resources} objects drifted: ${s.bySeverity.high} high, ${s.bySeverity.medium} medium, ${s.bySeverity.low} low.</p>`
  return page(title, summary, diagram, body, report)
}
