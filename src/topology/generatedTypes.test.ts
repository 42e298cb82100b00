// The TypeScript types must follow the JSON Schema editors use: the committed topology.generated.ts
// must be exactly what tools/topologyTypes.ts produces from schemas/topology.schema.json now.
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import { describe, it } from 'node:test'
import { generatedTypes, typesFile } from '../../tools/topologyTypes'

/** The first line where two texts differ, 1-based, with both versions of it. */
function firstDifference(committed: string, expected: string): string {
  const [a, b] = [committed.split('\n'), expected.split('\n')]
  const i = a.findIndex((line, k) => line !== b[k])
  const at = i === -1 ? a.length : i
  return `line ${at + 1}:\n  committed: ${JSON.stringify(a[at])}\n  generated: ${JSON.stringify(b[at])}`
}

describe('generated topology types', () => {
  it('match the schema', async () => {
    const expected = await generatedTypes()
    const committed = fs.readFileSync(typesFile, 'utf8')
    assert.ok(
      committed === expected,
      'src/topology/topology.generated.ts is stale: schemas/topology.schema.json changed since it was ' +
        'generated. Run `npm run generate` and commit the result (never edit the generated file by hand). ' +
        `First difference at ${firstDifference(committed, expected)}`,
    )
  })
})
