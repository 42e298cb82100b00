// The plan report's diagram: a Mermaid flowchart of the tenants, with one arrow per synchronization
// pair (source to target) marked added, removed, changed or kept. GitHub renders a ```mermaid block in
// a pull-request comment; the HTML report draws the same text. Node ids are derived from aliases
// (letters, digits and '-', made safe for Mermaid); labels are the tenants' display names.
import type { EdgeView, TenantView } from './planReport'

const nodeId = (alias: string): string => `t_${alias.replace(/-/g, '_')}`
/** Mermaid labels are quoted strings: quotes and angle brackets as entities. */
const label = (text: string): string =>
  text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;')

const edgeStyle: Readonly<Record<EdgeView['change'], { arrow: string; style: string }>> = {
  added: { arrow: '==>', style: 'stroke:#1a7f37,stroke-width:3px' },
  removed: { arrow: '-.->', style: 'stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5' },
  changed: { arrow: '-->', style: 'stroke:#bf8700,stroke-width:2px' },
  kept: { arrow: '-->', style: 'stroke:#8c959f,stroke-width:1px' },
}

export function mermaidDiagram(tenants: readonly TenantView[], edges: readonly EdgeView[]): string {
  const lines = ['flowchart LR']
  for (const t of tenants) {
    const mark = t.change === 'kept' ? '' : ` (${t.change})`
    lines.push(`  ${nodeId(t.alias)}["${label(t.displayName)}<br/>${t.alias}${mark}"]:::${t.change}`)
  }
  edges.forEach((e) => {
    lines.push(`  ${nodeId(e.from)} ${edgeStyle[e.change].arrow}|${e.change}| ${nodeId(e.to)}`)
  })
  edges.forEach((e, i) => lines.push(`  linkStyle ${i} ${edgeStyle[e.change].style}`))
  lines.push(
    '  classDef kept fill:#f6f8fa,stroke:#8c959f',
    '  classDef added fill:#dafbe1,stroke:#1a7f37',
    '  classDef removed fill:#ffebe9,stroke:#cf222e,stroke-dasharray:5 5',
  )
  return lines.join('\n')
}
