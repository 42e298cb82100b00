// Golden files of the plan report: the conglomerate narrowed (a pair removed, a member taken out of a
// scoping group, the deletion threshold and MFA trust changed) with its real preview
// (test/fixtures/previews), and the acquisition stack applied to a new stack (everything added, no
// preview). The Markdown is what the pull-request comment shows; the JSON is `--format json`. To accept
// an intended change, rewrite them with
//   UPDATE_GOLDEN=1 node --import tsx --test src/reports/plan/planReport.golden.test.ts
// and review `git diff src/reports/plan/golden/`.
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { matchGolden as matchGoldenFile } from '../../../test/support/golden'
import { planTopology } from '../../topology/plan/planner'
import { validateTopologyFile, validateTopologyText } from '../../topology/validate'
import { renderMarkdown } from './markdown'
import { buildPlanReport, type TopologyVersion } from './planReport'
import { previewSteps } from './previewSteps'

const root = path.resolve(__dirname, '../../..')
const golden = path.join(__dirname, 'golden')
const fixtures = path.join(root, 'test/fixtures/previews')

function version(file: string, label: string): TopologyVersion {
  const result = validateTopologyFile(path.join(root, file))
  assert.ok(result.topology, `${file} is valid`)
  const diagnostics = result.diagnostics.map((d) => ({ ...d, file }))
  return { label, plan: planTopology(result.topology), diagnostics }
}
const absent: TopologyVersion = {
  label: 'main:stacks/acquisition.topology.yaml (absent)',
  plan: { organization: '', tenants: {}, pairs: [], objects: {} },
  diagnostics: [],
}

const matchGolden = (name: string, text: string): void =>
  matchGoldenFile(path.join(golden, name), text, __filename)

describe('the plan report (golden files)', () => {
  it('conglomerate narrowed: destructive changes, settings and the preview by tenant pair', () => {
    const before = version('stacks/conglomerate.topology.yaml', 'main:stacks/conglomerate.topology.yaml')
    const after = version(
      'test/fixtures/previews/conglomerate-narrowed.topology.yaml',
      'stacks/conglomerate.topology.yaml',
    )
    const preview = path.join(fixtures, 'conglomerate-narrowed.preview.json')
    const steps = previewSteps(JSON.parse(fs.readFileSync(preview, 'utf8')), preview)
    const report = buildPlanReport(before, after, steps)
    assert.deepEqual(report.summary, {
      pairs: { added: 0, removed: 1, changed: 1, kept: 0 },
      usersLeavingScope: 3,
      unlistedUsersAffected: false,
      destructiveChanges: 2,
      warnings: 2,
      resources: { create: 0, update: 9, replace: 0, delete: 6, same: 0 },
    })
    assert.ok(
      report.groups.every(
        (g) => g.added.length + g.removed.length + g.settings.length + g.resources.length > 0,
      ),
      'no empty group (an object whose only change is its ordering makes none)',
    )
    assert.deepEqual(
      report.edges.map((e) => `${e.from}>${e.to} ${e.change}`),
      ['bank>shared changed', 'insurance>shared removed'],
    )
    matchGolden('conglomerate-narrowed.md', renderMarkdown(report, { stack: 'conglomerate' }))
    matchGolden('conglomerate-narrowed.json', `${JSON.stringify(report, null, 2)}\n`)
  })

  it('makes no group for an object whose only change is its ordering (dependsOn)', () => {
    const file = path.join(root, 'stacks/conglomerate.topology.yaml')
    const text = fs
      .readFileSync(file, 'utf8')
      .replace(/^( {2}hub: shared.*)$/m, '$1\n  tenants: [shared, bank]')
    const result = validateTopologyText(text, file)
    const after = { label: 'after', plan: planTopology(result.topology!), diagnostics: result.diagnostics }
    const report = buildPlanReport(version('stacks/conglomerate.topology.yaml', 'before'), after)
    // bank's join request only waits for one partner entry fewer: nothing of bank's changes.
    assert.deepEqual(
      report.groups.map((g) => g.title),
      ['insurance', 'insurance ↔ shared', 'shared'],
    )
  })

  it('acquisition on a new stack: every tenant and pair added', () => {
    const report = buildPlanReport(
      absent,
      version('stacks/acquisition.topology.yaml', 'stacks/acquisition.topology.yaml'),
    )
    assert.ok(report.tenants.every((t) => t.change === 'added'))
    assert.ok(report.edges.length > 0 && report.edges.every((e) => e.change === 'added'))
    assert.equal(report.summary.resources, undefined)
    matchGolden('acquisition-new.md', renderMarkdown(report))
  })
})
