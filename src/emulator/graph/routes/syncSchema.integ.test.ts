// A synchronization job's schema (default, PUT replaces it, schemaInvalid) and provisionOnDemand's
// checks and rate limit, over the wire.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, noRetries, type TestEmulator } from '../../../../test/support/emulator'
import { startSyncEmulator } from '../../../../test/support/syncFixture'

type Obj = Record<string, unknown>

describe('synchronization schema and provisionOnDemand', () => {
  let t: TestEmulator
  let graph: Client
  let base: string
  let jobId: string

  before(async () => {
    ;({ t, graph, base } = await startSyncEmulator())
    jobId = String(((await graph.api(`${base}/jobs`).post({ templateId: 'Azure2Azure' })) as Obj).id)
  })
  after(() => t.close())

  it('returns the default schema: USER_INBOUND_USER with the default user mappings', async () => {
    const schema = (await graph.api(`${base}/jobs/${jobId}/schema`).get()) as Obj
    assert.equal(schema.id, jobId)
    const [rule] = schema.synchronizationRules as Obj[]
    assert.equal(rule!.name, 'USER_INBOUND_USER')
    const [mapping] = rule!.objectMappings as Obj[]
    assert.equal(mapping!.flowTypes, 'Add, Update, Delete')
    assert.equal(mapping!.sourceObjectName, 'User')
    const byTarget = new Map((mapping!.attributeMappings as Obj[]).map((m) => [m.targetAttributeName, m]))
    const userType = byTarget.get('userType')!
    assert.equal(userType.flowType, 'ObjectAddOnly')
    assert.deepEqual(userType.source, {
      expression: '"Member"',
      name: 'Member',
      parameters: [],
      type: 'Constant',
    })
    assert.equal((byTarget.get('showInAddressList')!.source as Obj).type, 'Constant')
    const matching = byTarget.get('alternativeSecurityIds')!
    assert.equal(matching.matchingPriority, 1)
    assert.equal((matching.source as Obj).expression, 'AltSecIdFromNetId([netId])')
    for (const name of [
      'isSoftDeleted',
      'accountEnabled',
      'displayName',
      'userPrincipalName',
      'mail',
      'manager',
    ])
      assert.ok(byTarget.has(name), `a default mapping for ${name}`)
    assert.equal(
      (mapping!.attributeMappings as Obj[]).filter((m) => (m.matchingPriority as number) > 0).length,
      1,
    )
  })

  it('replaces the whole schema on PUT (204)', async () => {
    const schema = (await graph.api(`${base}/jobs/${jobId}/schema`).get()) as Obj
    const mapping = ((schema.synchronizationRules as Obj[])[0]!.objectMappings as Obj[])[0]!
    mapping.flowTypes = 'Add, Update'
    mapping.attributeMappings = (mapping.attributeMappings as Obj[]).filter(
      (m) => m.targetAttributeName !== 'manager',
    )
    ;(mapping.attributeMappings as Obj[]).find((m) => m.targetAttributeName === 'userType')!.flowType =
      'Always'
    mapping.scope = {
      groups: [
        {
          name: 'Sales only',
          clauses: [
            { operatorName: 'EQUALS', sourceOperandName: 'department', targetOperand: { values: ['Sales'] } },
          ],
        },
      ],
    }
    await graph.api(`${base}/jobs/${jobId}/schema`).put(schema)
    const stored = (await graph.api(`${base}/jobs/${jobId}/schema`).get()) as Obj
    const { ['@odata.context']: _a, ...storedBody } = stored
    const { ['@odata.context']: _b, ...sentBody } = schema
    assert.deepEqual(storedBody, sentBody)
  })

  it('refuses changing the matching attribute or adding one with 400 schemaInvalid', async () => {
    const fresh = async () => {
      const schema = (await graph.api(`${base}/jobs/${jobId}/schema`).get()) as Obj
      const mapping = ((schema.synchronizationRules as Obj[])[0]!.objectMappings as Obj[])[0]!
      return { schema, mappings: mapping.attributeMappings as Obj[] }
    }
    const changed = await fresh()
    changed.mappings.find((m) => m.targetAttributeName === 'alternativeSecurityIds')!.source = {
      expression: '[mail]',
      name: 'mail',
      parameters: [],
      type: 'Attribute',
    }
    const change = await expectGraphError(graph.api(`${base}/jobs/${jobId}/schema`).put(changed.schema))
    assert.equal(change.statusCode, 400)
    assert.equal(change.code, 'schemaInvalid')

    const added = await fresh()
    added.mappings.find((m) => m.targetAttributeName === 'mail')!.matchingPriority = 2
    const add = await expectGraphError(graph.api(`${base}/jobs/${jobId}/schema`).put(added.schema))
    assert.equal(add.statusCode, 400)
    assert.equal(add.code, 'schemaInvalid')

    const rule = await fresh()
    ;(rule.schema.synchronizationRules as Obj[])[0]!.id = 'made-up-rule'
    assert.equal(
      (await expectGraphError(graph.api(`${base}/jobs/${jobId}/schema`).put(rule.schema))).code,
      'schemaInvalid',
    )

    const unknownAttribute = await fresh()
    unknownAttribute.mappings.push({
      targetAttributeName: 'shoeSize',
      source: { type: 'Constant', name: '42', expression: '"42"' },
    })
    assert.equal(
      (await expectGraphError(graph.api(`${base}/jobs/${jobId}/schema`).put(unknownAttribute.schema))).code,
      'schemaInvalid',
    )

    const flow = await fresh()
    ;((flow.schema.synchronizationRules as Obj[])[0]!.objectMappings as Obj[])[0]!.flowTypes = 'Add, Remove'
    assert.equal(
      (await expectGraphError(graph.api(`${base}/jobs/${jobId}/schema`).put(flow.schema))).code,
      'Request_BadRequest',
    )
  })

  it('validates provisionOnDemand requests, answers 501 until the engine exists, and limits them to 5 per 10 s', async () => {
    const schema = (await graph.api(`${base}/jobs/${jobId}/schema`).get()) as Obj
    const ruleId = String((schema.synchronizationRules as Obj[])[0]!.id)
    const pod = (body: unknown) =>
      expectGraphError(
        graph.api(`${base}/jobs/${jobId}/provisionOnDemand`).middlewareOptions(noRetries()).post(body),
      )
    const subject = { objectId: '0a0a0a0a-0000-4000-8000-000000000001', objectTypeName: 'User' }
    const wrongRule = await pod({ parameters: [{ ruleId: 'nope', subjects: [subject] }] })
    assert.equal(wrongRule.statusCode, 400)
    assert.equal(wrongRule.code, 'Request_BadRequest')
    const wrongType = await pod({
      parameters: [{ ruleId, subjects: [{ ...subject, objectTypeName: 'Group' }] }],
    })
    assert.equal(wrongType.statusCode, 400)
    const valid = { parameters: [{ ruleId, subjects: [subject] }] }
    for (let i = 0; i < 3; i++) {
      const error = await pod(valid)
      assert.equal(error.statusCode, 501)
      assert.equal(error.code, 'NotImplemented')
    }
    const throttled = await pod(valid)
    assert.equal(throttled.statusCode, 429)
    assert.equal(throttled.code, 'TooManyRequests')
    const retryAfter = Number(throttled.headers?.get('Retry-After'))
    assert.ok(retryAfter >= 1 && retryAfter <= 10, `Retry-After ${retryAfter}`)
    assert.equal((await t.admin('POST', '/clock/advance', { seconds: 10 })).status, 200)
    assert.equal((await pod(valid)).statusCode, 501)
  })
})
