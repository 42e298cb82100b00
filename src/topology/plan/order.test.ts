// topologicalOrder: dependencies first, otherwise key order, and clear failures on broken plans.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { resolveTopology } from '../model'
import { topologicalOrder } from './order'
import { planTopology } from './planner'
import type { Plan, PlanObject } from './types'

/** A plan of bare objects: key -> dependsOn. */
function objects(graph: Record<string, string[]>): Pick<Plan, 'objects'> {
  const result: Record<string, PlanObject> = {}
  for (const [key, dependsOn] of Object.entries(graph))
    result[key] = {
      kind: 'allowedCloudEndpoints',
      tenant: key.split('/')[0]!,
      dependsOn,
      allowedCloudEndpoints: [],
    }
  return { objects: result }
}

describe('topologicalOrder', () => {
  it('puts every object after its dependencies, and otherwise in key order', () => {
    const order = topologicalOrder(
      objects({ 'a/3': [], 'a/1': ['b/2'], 'b/2': [], 'a/2': ['a/1'], 'c/1': ['a/3'] }),
    )
    assert.deepEqual(order, ['a/3', 'b/2', 'a/1', 'a/2', 'c/1'])
  })

  it('is stable: the same plan gives the same order whatever order its objects were inserted in', () => {
    const graph = { 'x/1': ['y/1'], 'y/1': [], 'z/1': ['x/1', 'y/1'], 'w/1': [] }
    const reversed = Object.fromEntries(Object.entries(graph).reverse())
    assert.deepEqual(topologicalOrder(objects(reversed)), topologicalOrder(objects(graph)))
    assert.deepEqual(topologicalOrder(objects(graph)), ['w/1', 'y/1', 'x/1', 'z/1'])
  })

  it('orders a planned pair the way Entra requires (graph-api.md §3.1)', () => {
    const plan = planTopology(
      resolveTopology({
        organization: 'Org',
        tenants: {
          s: { tenantId: '11111111-1111-4111-8111-111111111111' },
          t: { tenantId: '22222222-2222-4222-8222-222222222222' },
        },
        groups: { s: { out: { members: ['a@s.example'] } } },
        sync: { topology: 'pairs', pairs: [{ from: 's', to: 't' }], scope: { s: { groups: ['out'] } } },
      }),
    )
    const order = topologicalOrder(plan)
    const at = (key: string): number => order.indexOf(key)
    assert.equal(order.length, Object.keys(plan.objects).length)
    assert.ok(at('t/partner/s') < at('t/identitySync/s'))
    assert.ok(at('t/identitySync/s') < at('s/sync/t'))
    assert.ok(at('s/partner/t') < at('s/sync/t'))
    assert.ok(at('s/rmau/scoping-groups') < at('s/group/out'))
    assert.ok(at('s/group/out') < at('s/sync/t'))
    assert.equal(order.at(-1), 's/sync/t/start')
  })

  it('names a dependency the plan does not contain', () => {
    assert.throws(() => topologicalOrder(objects({ 'a/1': ['a/missing'] })), /'a\/1' depends on 'a\/missing'/)
  })

  it('names the objects caught in a cycle', () => {
    assert.throws(
      () => topologicalOrder(objects({ 'a/1': ['a/2'], 'a/2': ['a/1'], 'a/3': [] })),
      /dependency cycle: a\/1, a\/2$/,
    )
  })
})
