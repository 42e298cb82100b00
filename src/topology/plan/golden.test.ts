// Golden files: the plan of each example stack (golden/<stack>.plan.json) and the diff of a destructive
// change to the conglomerate (golden/conglomerate-destructive.diff.json). A change to the planner shows
// up here as a readable JSON diff for review. To accept an intended change, rewrite the files with
//   UPDATE_GOLDEN=1 node --import tsx --test src/topology/plan/golden.test.ts
// and review `git diff src/topology/plan/golden/`.
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { format, resolveConfig } from 'prettier'
import { formatDiagnostic } from '../diagnostics'
import type { ResolvedTopology } from '../model'
import { validateTopologyFile } from '../validate'
import { matchGolden as matchGoldenFile } from '../../../test/support/golden'
import { diffPlans } from './diff'
import { planTopology } from './planner'

const root = path.resolve(__dirname, '../../..')
const stacks = path.join(root, 'stacks')
const golden = path.join(__dirname, 'golden')

/** Warnings a stack has on purpose, by stack: rule ids (none so far; each needs a comment in the stack). */
const intendedWarnings: Record<string, readonly string[]> = {}

function load(file: string): ResolvedTopology {
  const result = validateTopologyFile(file)
  const unexpected = result.diagnostics.filter(
    (d) => d.severity === 'error' || !(intendedWarnings[path.basename(file)] ?? []).includes(d.ruleId),
  )
  assert.deepEqual(
    unexpected.map(formatDiagnostic),
    [],
    `${file} validates with no errors and no unintended warnings`,
  )
  assert.ok(result.topology)
  return result.topology
}

/** Compares `value` with the golden file (formatted as prettier would), or rewrites it under UPDATE_GOLDEN=1. */
async function matchGolden(name: string, value: unknown): Promise<void> {
  const file = path.join(golden, name)
  const text = await format(JSON.stringify(value, null, 2), {
    ...(await resolveConfig(file)),
    filepath: file,
  })
  matchGoldenFile(file, text, __filename)
}

const stackFiles = fs
  .readdirSync(stacks)
  .filter((f) => f.endsWith('.topology.yaml'))
  .sort()

describe('golden plans of the example stacks', () => {
  it('covers the four example stacks', () => {
    assert.deepEqual(stackFiles, [
      'acquisition.topology.yaml',
      'collaboration.topology.yaml',
      'conglomerate.topology.yaml',
      'gov.topology.yaml',
    ])
  })

  for (const stack of stackFiles)
    it(`${stack} plans as golden/${stack.replace('.topology.yaml', '.plan.json')}`, async () => {
      const plan = planTopology(load(path.join(stacks, stack)))
      await matchGolden(stack.replace('.topology.yaml', '.plan.json'), plan)
    })

  it('has no golden plan left from a stack that is gone', () => {
    const plans = fs.readdirSync(golden).filter((f) => f.endsWith('.plan.json'))
    assert.deepEqual(plans.sort(), stackFiles.map((f) => f.replace('.topology.yaml', '.plan.json')).sort())
  })
})

describe('golden diff', () => {
  it('a spoke removed and a scope narrowed in the conglomerate: golden/conglomerate-destructive.diff.json', async () => {
    const before = planTopology(load(path.join(stacks, 'conglomerate.topology.yaml')))
    const after = planTopology(load(path.join(golden, 'conglomerate-destructive.topology.yaml')))
    const diff = diffPlans(before, after)
    await matchGolden('conglomerate-destructive.diff.json', diff)
    // What the golden file must say, whatever else changes in it.
    assert.deepEqual(
      diff.destructive.map((d) => d.reason),
      ['pairRemoved', 'scopeNarrowed'],
    )
  })
})
