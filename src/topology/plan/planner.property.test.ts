// Properties of the planner over random topologies (arbitraryTopology.ts): the plan depends only on the
// file's content, not on the order it was written in; every sync pair's target allows inbound sync; a
// mesh of n tenants gives n(n-1) pairs; every dependency exists and the dependencies have an order.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { parseTopologyText } from '../load'
import { resolveTopology } from '../model'
import { checkSchema } from '../schemaCheck'
import type { Topology } from '../topology.generated'
import { arbitraryTopology } from './arbitraryTopology'
import { topologicalOrder } from './order'
import { planTopology } from './planner'

/** A small seeded generator (mulberry32), so a shuffle is reproducible from fast-check's seed. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy
}

/** The same document with every map's keys, and every list (all of them sets in meaning), in another order. */
function reorder(value: unknown, next: () => number): unknown {
  if (Array.isArray(value)) return shuffled(value, next).map((v) => reorder(v, next))
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(shuffled(Object.entries(value), next).map(([k, v]) => [k, reorder(v, next)]))
  return value
}

const plan = (raw: Topology) => planTopology(resolveTopology(raw))

describe('planner properties', () => {
  it('generates documents that follow the schema (so the other properties test real topologies)', () => {
    fc.assert(
      fc.property(arbitraryTopology, (raw) => {
        const loaded = parseTopologyText(JSON.stringify(raw), 'generated.json')
        assert.deepEqual(checkSchema(loaded), [])
      }),
      { numRuns: 50 },
    )
  })

  it('is deterministic and independent of the order of keys and lists in the file', () => {
    fc.assert(
      fc.property(arbitraryTopology, fc.integer(), (raw, seed) => {
        const expected = JSON.stringify(plan(raw))
        assert.equal(JSON.stringify(plan(raw)), expected, 'the same document plans the same twice')
        const other = reorder(raw, random(seed)) as Topology
        assert.equal(JSON.stringify(plan(other)), expected)
      }),
    )
  })

  it("every sync pair's target allows inbound sync before the pair's job starts", () => {
    fc.assert(
      fc.property(arbitraryTopology, (raw) => {
        const p = plan(raw)
        const redemption = raw.access?.automaticRedemption ?? true
        for (const { from, to } of p.pairs) {
          const allowance = p.objects[`${to}/identitySync/${from}`]
          assert.equal(allowance?.kind === 'identitySync' && allowance.userSyncInbound.isSyncAllowed, true)
          const target = p.objects[`${to}/partner/${from}`]
          const source = p.objects[`${from}/partner/${to}`]
          assert.ok(target?.kind === 'partnerAccess' && source?.kind === 'partnerAccess')
          assert.equal(target.automaticUserConsentSettings.inboundAllowed, redemption ? true : null)
          assert.equal(source.automaticUserConsentSettings.outboundAllowed, redemption ? true : null)
          const start = p.objects[`${from}/sync/${to}/start`]
          assert.ok(start !== undefined)
          assert.ok(start.dependsOn.includes(`${to}/identitySync/${from}`))
          assert.ok(start.dependsOn.includes(`${from}/sync/${to}`))
        }
      }),
    )
  })

  it('a mesh of n tenants has n(n-1) pairs, each with a sync configuration, a start and an allowance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), (n) => {
        const tenants = Object.fromEntries(
          Array.from({ length: n }, (_, i) => [
            `t${i}`,
            { tenantId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
          ]),
        )
        const p = plan({ organization: 'Org', tenants, sync: { topology: 'mesh' } })
        const count = (kind: string) => Object.values(p.objects).filter((o) => o.kind === kind).length
        assert.equal(p.pairs.length, n * (n - 1))
        assert.equal(count('syncConfiguration'), n * (n - 1))
        assert.equal(count('syncStart'), n * (n - 1))
        assert.equal(count('identitySync'), n * (n - 1))
        assert.equal(count('partnerAccess'), n * (n - 1))
      }),
      { numRuns: 30 },
    )
  })

  it('every dependency is in the plan and the dependencies are acyclic', () => {
    fc.assert(
      fc.property(arbitraryTopology, (raw) => {
        const p = plan(raw)
        for (const [key, object] of Object.entries(p.objects))
          for (const dependency of object.dependsOn)
            assert.ok(
              Object.hasOwn(p.objects, dependency),
              `${key} depends on ${dependency}, which is planned`,
            )
        const order = topologicalOrder(p)
        assert.equal(order.length, Object.keys(p.objects).length)
        const position = new Map(order.map((key, i) => [key, i]))
        for (const [key, object] of Object.entries(p.objects))
          for (const dependency of object.dependsOn) assert.ok(position.get(dependency)! < position.get(key)!)
      }),
    )
  })
})
