// A synchronization job's schema (default, PUT replaces it, schemaInvalid, functions the provisioning
// engine cannot evaluate) and provisionOnDemand's checks, answer and rate limit, over the wire.
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
  let tenantId: string
  let jobId: string

  before(async () => {
    ;({ t, graph, base, tenantId } = await startSyncEmulator())
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

  it('answers 501 to a schema using a function the engine cannot evaluate; Join and Append are accepted', async () => {
    const schemaPath = `${base}/jobs/${jobId}/schema`
    const withSource = async (target: string, source: Obj) => {
      const schema = (await graph.api(schemaPath).get()) as Obj
      delete schema['@odata.context']
      const mapping = ((schema.synchronizationRules as Obj[])[0]!.objectMappings as Obj[])[0]!
      ;(mapping.attributeMappings as Obj[]).find((m) => m.targetAttributeName === target)!.source = source
      return schema
    }
    const attr = (name: string) => ({ type: 'Attribute', name, expression: `[${name}]`, parameters: [] })
    const constant = (value: string) => ({
      type: 'Constant',
      name: value,
      expression: `"${value}"`,
      parameters: [],
    })
    const formatDate = await withSource('department', {
      type: 'Function',
      name: 'FormatDateTime',
      expression: 'FormatDateTime([department], , "yyyyMMdd", "yyyy-MM-dd")',
      parameters: [
        { key: 'source', value: attr('department') },
        { key: 'inputFormat', value: constant('yyyyMMdd') },
        { key: 'outputFormat', value: constant('yyyy-MM-dd') },
      ],
    })
    const refused = await expectGraphError(graph.api(schemaPath).put(formatDate))
    assert.equal(refused.statusCode, 501)
    assert.equal(refused.code, 'NotImplemented')
    assert.match(refused.message, /FormatDateTime/)

    const join = {
      type: 'Function',
      name: 'Join',
      expression: 'Join(" ", [givenName], [surname])',
      parameters: [
        { key: 'separator', value: constant(' ') },
        { key: 'source1', value: attr('givenName') },
        { key: 'source2', value: attr('surname') },
      ],
    }
    await graph.api(schemaPath).put(await withSource('displayName', join))
    const append = {
      type: 'Function',
      name: 'Append',
      expression: 'Append([jobTitle], " (Contoso)")',
      parameters: [
        { key: 'source', value: attr('jobTitle') },
        { key: 'suffix', value: constant(' (Contoso)') },
      ],
    }
    await graph.api(schemaPath).put(await withSource('jobTitle', append))
    const stored = (await graph.api(schemaPath).get()) as Obj
    const mappings = ((stored.synchronizationRules as Obj[])[0]!.objectMappings as Obj[])[0]!
      .attributeMappings as Obj[]
    assert.deepEqual(mappings.find((m) => m.targetAttributeName === 'displayName')!.source, join)
    assert.deepEqual(mappings.find((m) => m.targetAttributeName === 'jobTitle')!.source, append)
  })

  it('validates provisionOnDemand requests, answers 200 with a JSON string or 404 for an unknown subject, and limits them to 5 per 10 s', async () => {
    const schema = (await graph.api(`${base}/jobs/${jobId}/schema`).get()) as Obj
    const ruleId = String((schema.synchronizationRules as Obj[])[0]!.id)
    const [user] = (
      await t.admin<{ value: Obj[] }>('POST', `/tenants/${tenantId}/users`, {
        users: [{ displayName: 'Adele Vance' }],
      })
    ).body.value
    const send = (body: unknown) =>
      graph.api(`${base}/jobs/${jobId}/provisionOnDemand`).middlewareOptions(noRetries()).post(body)
    const pod = (body: unknown) => expectGraphError(send(body))
    const subject = { objectId: String(user!.id), objectTypeName: 'User' }
    const wrongRule = await pod({ parameters: [{ ruleId: 'nope', subjects: [subject] }] })
    assert.equal(wrongRule.statusCode, 400)
    assert.equal(wrongRule.code, 'Request_BadRequest')
    const wrongType = await pod({
      parameters: [{ ruleId, subjects: [{ ...subject, objectTypeName: 'Group' }] }],
    })
    assert.equal(wrongType.statusCode, 400)
    const unknown = await pod({
      parameters: [{ ruleId, subjects: [{ ...subject, objectId: '0a0a0a0a-0000-4000-8000-000000000001' }] }],
    })
    assert.equal(unknown.statusCode, 404)
    assert.equal(unknown.code, 'Request_ResourceNotFound')
    const valid = { parameters: [{ ruleId, subjects: [subject] }] }
    for (let i = 0; i < 2; i++) {
      const answer = (await send(valid)) as { key: string; value: unknown }
      assert.equal(answer.key, 'Microsoft.Identity.Health.CPP.Common.DataContracts.SyncFabric.StatusInfo')
      assert.equal(typeof answer.value, 'string', 'the value is a JSON string')
      // The job has no credentials: the steps report it, the request itself succeeds.
      const [result] = JSON.parse(answer.value as string) as Obj[]
      assert.equal((result!.sourceIdentity as Obj).id, user!.id)
      assert.equal(result!.result, 'failure')
      assert.match(JSON.stringify(result!.provisioningSteps), /CredentialsMissing/)
    }
    const throttled = await pod(valid)
    assert.equal(throttled.statusCode, 429)
    assert.equal(throttled.code, 'TooManyRequests')
    const retryAfter = Number(throttled.headers?.get('Retry-After'))
    assert.ok(retryAfter >= 1 && retryAfter <= 10, `Retry-After ${retryAfter}`)
    assert.equal((await t.admin('POST', '/clock/advance', { seconds: 10 })).status, 200)
    assert.equal(typeof ((await send(valid)) as { value: unknown }).value, 'string')
  })
})
