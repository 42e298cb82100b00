// The HTML reports' styles, inline in the page (page.ts): GitHub-like colours, the same meaning as the
// Markdown report's Mermaid diagram (green added, red removed, amber changed, grey kept; red, amber and
// grey for high, medium and low drift).
export const styles = `
body { font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; margin: 0; }
header, main { max-width: 1200px; margin: 0 auto; padding: 8px 24px; }
h1 { font-size: 22px; } h2 { font-size: 17px; border-bottom: 1px solid #d0d7de; }
table { border-collapse: collapse; margin: 8px 0; } th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } code { background: #f6f8fa; padding: 1px 4px; border-radius: 4px; font-size: 12px; word-break: break-all; }
details.group { border: 1px solid #d0d7de; border-radius: 6px; margin: 6px 0; padding: 4px 10px; }
li.destructive { color: #82071e; margin-bottom: 4px; }
.op.delete, .op.replace { color: #cf222e; font-weight: 600; } .op.create { color: #1a7f37; }
.sev { font-weight: 600; } .sev.high { color: #cf222e; } .sev.medium { color: #9a6700; } .sev.low { color: #57606a; }
#diagram svg { max-width: 100%; height: auto; }
.tenant rect { fill: #f6f8fa; stroke: #8c959f; stroke-width: 1.5; }
.tenant.added rect { fill: #dafbe1; stroke: #1a7f37; } .tenant.removed rect { fill: #ffebe9; stroke: #cf222e; stroke-dasharray: 5 5; }
.tenant.drifted rect { fill: #fff8c5; stroke: #9a6700; }
.tenant .name { font-weight: 600; font-size: 12px; } .tenant .alias { font-size: 11px; fill: #57606a; }
.edge { fill: none; stroke-width: 2; } .edge-label { font-size: 10px; }
.edge.kept, .arrowhead.kept, .edge.low, .arrowhead.low { stroke: #8c959f; fill: #8c959f; }
.edge.added, .arrowhead.added { stroke: #1a7f37; fill: #1a7f37; } .edge.added { stroke-width: 3; }
.edge.removed, .arrowhead.removed, .edge.high, .arrowhead.high { stroke: #cf222e; fill: #cf222e; } .edge.removed { stroke-dasharray: 6 5; }
.edge.changed, .arrowhead.changed, .edge.medium, .arrowhead.medium { stroke: #bf8700; fill: #bf8700; }
.edge { fill: none !important; } .edge-label { stroke: none !important; }
`
