import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { commentBudget, renderMarkdown, reportMarker } from './markdown'
import { mermaidDiagram } from './mermaid'
import type { ChangeGroup, PlanReport } from './planReport'

const group = (i: number): ChangeGroup => ({
  title: `tenant-${String(i).padStart(3, '0')} ↔ tenant-999`,
  tenants: [`tenant-${i}`, 'tenant-999'],
  added: [],
  removed: [],
  settings: Array.from({ length: 20 }, (_, k) => ({
    key: `tenant-${i}/partner/tenant-999`,
    kind: 'partnerAccess' as const,
    pointer: `/inboundTrust/setting${k}`,
    before: true,
    after: false,
  })),
  resources: [],
})

function report(groups: number, users: number): PlanReport {
  return {
    organization: 'Big | Org',
    before: 'main:t.yaml',
    after: 't.yaml',
    summary: {
      pairs: { added: 0, removed: 0, changed: groups, kept: 0 },
      usersLeavingScope: users,
      unlistedUsersAffected: false,
      destructiveChanges: 1,
      warnings: 0,
    },
    tenants: [],
    edges: [],
    destructive: [
      {
        reason: 'pairRemoved',
        summary: 'a → b stops synchronizing',
        pairs: ['a → b'],
        users: Array.from({ length: users }, (_, i) => `user${i}@a.example`),
        unlistedUsers: false,
      },
    ],
    warnings: [],
    groups: Array.from({ length: groups }, (_, i) => group(i)),
    mermaid: 'flowchart LR',
  }
}

describe('the Markdown plan report', () => {
  it('stays under the comment budget, naming the pairs that did not fit', () => {
    const text = renderMarkdown(report(400, 5000))
    assert.ok(text.length <= commentBudget, `${text.length} characters`)
    assert.match(text, /^<!-- entra-topology plan -->\n/)
    assert.match(text, /and 4975 more/, 'long user lists are cut with a count')
    const fitted = (text.match(/<summary><b>/g) ?? []).length
    assert.ok(fitted > 10 && fitted < 400, `${fitted} pairs in detail`)
    assert.match(
      text,
      new RegExp(`${400 - fitted} more pairs did not fit in a comment \\(see the JSON report\\)`),
    )
    assert.match(text, /, and \d+ more\.\n$/, 'the names left out are counted')
  })

  it('prints everything when it fits, and marks the stack in the comment marker', () => {
    const text = renderMarkdown(report(2, 1), { stack: 'prod' })
    assert.equal(reportMarker('prod'), '<!-- entra-topology plan stack=prod -->')
    assert.ok(text.startsWith(`${reportMarker('prod')}\n## Topology plan: Big | Org (stack \`prod\`)`))
    assert.equal((text.match(/<summary><b>/g) ?? []).length, 2)
    assert.doesNotMatch(text, /did not fit/)
    assert.match(
      text,
      /\| `tenant-1\/partner\/tenant-999` \| `\/inboundTrust\/setting0` \| `true` → `false` \|/,
    )
  })
})

describe('the Mermaid diagram', () => {
  it('draws every tenant and one styled arrow per pair, with labels made safe', () => {
    const text = mermaidDiagram(
      [
        { alias: 'a-1', displayName: 'A "quoted" <b>', cloud: 'global', change: 'kept' },
        { alias: 'b', displayName: 'B', cloud: 'global', change: 'added' },
      ],
      [
        { from: 'a-1', to: 'b', change: 'added' },
        { from: 'b', to: 'a-1', change: 'removed' },
      ],
    )
    assert.deepEqual(text.split('\n').slice(0, 7), [
      'flowchart LR',
      '  t_a_1["A #quot;quoted#quot; #lt;b#gt;<br/>a-1"]:::kept',
      '  t_b["B<br/>b (added)"]:::added',
      '  t_a_1 ==>|added| t_b',
      '  t_b -.->|removed| t_a_1',
      '  linkStyle 0 stroke:#1a7f37,stroke-width:3px',
      '  linkStyle 1 stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5',
    ])
  })
})
