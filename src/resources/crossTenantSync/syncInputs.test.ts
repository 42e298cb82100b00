// The cross-tenant sync resources' input handling without Graph: check() of each resource (every
// problem at once, unknown preview values tolerated, the golden plans' objects accepted as they are),
// the schema overrides applied to and read back from Entra's default schema, and the secrets' encoding.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import * as pulumi from '@pulumi/pulumi'
import { defaultSyncSchema } from '../../emulator/graph/routes/defaultSyncSchema'
import type { Plan, SyncConfiguration } from '../../topology/plan/types'
import type { TenantRef } from '../shared/tenantRef'
import { SyncConfigurationProvider, type SyncConfigurationInputs } from './syncConfiguration'
import {
  applySchema,
  liveSchema,
  schemaInputsOf,
  schemaProblems,
  sourceOf,
  type SyncSchemaInputs,
} from './syncSchema'
import { SyncScopeAssignmentProvider } from './syncScopeAssignment'
import { liveSecrets, secretsBody } from './syncSecrets'
import { SyncStartProvider } from './syncStart'

const unknown = pulumi.runtime.unknownValue as never
const tenant: TenantRef = {
  alias: 'contoso',
  tenantId: '50dc8c84-d2ae-497c-b9d1-b3b5e6cdba32',
  cloud: 'global',
}
const spId = '0d9ad3c4-53d6-4a2f-9a43-1a4c6f0c9f11'
const reasons = (failures: readonly pulumi.dynamic.CheckFailure[] | undefined) =>
  (failures ?? []).map((f) => `${f.property}: ${f.reason.split(' ')[0]}`)

/** A plan's configuration as the component passes it to the resource. */
function fromPlan(plan: Plan, object: SyncConfiguration): SyncConfigurationInputs {
  return {
    tenant: { alias: object.tenant, tenantId: plan.tenants[object.tenant]!.tenantId, cloud: 'global' },
    partner: { alias: object.partner, tenantId: object.tenantId },
    displayName: object.displayName,
    secrets: object.secrets,
    schema: schemaInputsOf(object.schema),
    adopt: false,
  }
}

describe('cross-tenant sync inputs', () => {
  it('accepts every configuration of the golden plans as the plan has it', async () => {
    const provider = new SyncConfigurationProvider()
    for (const name of ['acquisition', 'collaboration', 'conglomerate']) {
      const file = join(__dirname, '../../topology/plan/golden', `${name}.plan.json`)
      const plan = JSON.parse(readFileSync(file, 'utf8')) as Plan
      const objects = Object.values(plan.objects).filter((o) => o.kind === 'syncConfiguration')
      assert.ok(objects.length > 0, name)
      for (const object of objects) {
        const inputs = fromPlan(plan, object)
        assert.deepEqual(
          (await provider.check(inputs, inputs)).failures,
          [],
          `${name}: ${object.displayName}`,
        )
      }
    }
  })

  it('tolerates unknown values during preview', async () => {
    const start = { tenant, partner: 'fabrikam', servicePrincipalId: unknown, jobId: unknown, started: true }
    assert.deepEqual((await new SyncStartProvider().check(start, start)).failures, [])
    const assignment = {
      tenant,
      partner: 'fabrikam',
      servicePrincipalId: unknown,
      appRoleId: unknown,
      principal: { type: 'Group' as const, id: unknown },
      adopt: false,
    }
    assert.deepEqual((await new SyncScopeAssignmentProvider().check(assignment, assignment)).failures, [])
  })

  it('reports every problem of a start and of an assignment', async () => {
    const start = {
      tenant: { ...tenant, cloud: 'mars' },
      partner: '',
      servicePrincipalId: 'x',
      jobId: 'a/b',
      started: 'yes',
    }
    assert.deepEqual(
      reasons((await new SyncStartProvider().check(start as never, start as never)).failures),
      [
        'tenant: cloud',
        'partner: partner',
        'servicePrincipalId: servicePrincipalId',
        'jobId: jobId',
        'started: started',
      ],
    )
    const provider = new SyncScopeAssignmentProvider()
    const bad = {
      tenant,
      partner: 'f',
      servicePrincipalId: spId,
      appRoleId: 'r',
      principal: { type: 'User' },
      adopt: 1,
    }
    assert.deepEqual(reasons((await provider.check(bad as never, bad as never)).failures), [
      'appRoleId: appRoleId',
      'principal: principal.userPrincipalName',
      'adopt: adopt',
    ])
    const service = {
      ...bad,
      appRoleId: spId,
      principal: { type: 'ServicePrincipal', id: spId },
      adopt: false,
    }
    assert.deepEqual(reasons((await provider.check(service as never, service as never)).failures), [
      'principal: principal',
    ])
  })

  const desired: SyncSchemaInputs = {
    flowTypes: 'Add, Update',
    userType: '"Guest"',
    userTypeFlowType: 'Always',
    removedAttributeMappings: ['isSoftDeleted'],
  }

  it('turns a mapping expression into the source Graph takes, and refuses functions', () => {
    assert.deepEqual(sourceOf('"Member"'), {
      type: 'Constant',
      name: 'Member',
      expression: '"Member"',
      parameters: [],
    })
    assert.deepEqual(sourceOf('"say \\"hi\\""')?.name, 'say "hi"')
    assert.deepEqual(sourceOf('[userType]'), {
      type: 'Attribute',
      name: 'userType',
      expression: '[userType]',
      parameters: [],
    })
    assert.equal(sourceOf('Switch([userType], "Guest", "Member", "Member")'), undefined)
    assert.equal(sourceOf('Member'), undefined)
  })

  it("flattens the plan's schema and names each problem of a flat one", () => {
    const constant = (value: string, flowType: 'Always' | 'ObjectAddOnly') => ({
      source: { type: 'Constant' as const, name: value, expression: `"${value}"`, parameters: [] },
      flowType,
    })
    assert.deepEqual(
      schemaInputsOf({
        flowTypes: 'Add, Update',
        attributeMappings: {
          showInAddressList: constant('True', 'Always'),
          userType: constant('Guest', 'Always'),
        },
        removedAttributeMappings: ['isSoftDeleted'],
      }),
      {
        flowTypes: 'Add, Update',
        showInAddressList: '"True"',
        showInAddressListFlowType: 'Always',
        userType: '"Guest"',
        userTypeFlowType: 'Always',
        removedAttributeMappings: ['isSoftDeleted'],
      },
    )
    assert.deepEqual(schemaProblems(desired), [])
    assert.deepEqual(
      schemaProblems({
        flowTypes: 'Delete',
        userType: 'Switch([a])',
        showInAddressListFlowType: 'Sometimes',
        mail: '"x"',
        removedAttributeMappings: ['manager'],
      }),
      [
        'schema.mail is not managed; the keys are flowTypes, showInAddressList, showInAddressListFlowType, userType, userTypeFlowType, removedAttributeMappings',
        "schema.flowTypes must be one of 'Add, Update, Delete', 'Add, Update', got \"Delete\"",
        "schema.showInAddressList must be a constant ('\"Member\"') or an attribute ('[userType]'), got undefined; functions are not supported",
        "schema.showInAddressListFlowType must be 'Always' or 'ObjectAddOnly', got \"Sometimes\"",
        'schema.userType must be a constant (\'"Member"\') or an attribute (\'[userType]\'), got "Switch([a])"; functions are not supported',
        "schema.userTypeFlowType must be 'Always' or 'ObjectAddOnly', got undefined",
        'schema.removedAttributeMappings must list only isSoftDeleted, got ["manager"]',
      ],
    )
  })

  it("applies the schema changes to Entra's default schema and reads them back, the rest untouched", () => {
    const before = { '@odata.context': 'https://graph/$metadata#schema', ...defaultSyncSchema('job1') }
    const after = applySchema(before, desired, 'test')
    assert.equal(after['@odata.context'], undefined)
    assert.deepEqual(liveSchema(after, desired), desired)
    const count = (s: Record<string, unknown>) => JSON.stringify(s).match(/targetAttributeName/g)?.length
    assert.equal(count(after), count(before)! - 1, 'only isSoftDeleted is gone')
    assert.deepEqual(liveSchema(before, desired), {
      flowTypes: 'Add, Update, Delete',
      userType: '"Member"',
      userTypeFlowType: 'ObjectAddOnly',
      removedAttributeMappings: [],
    })
    const userType = (schema: Record<string, unknown>) =>
      JSON.stringify(schema).match(/"source":\{[^}]*\},"targetAttributeName":"userType"/)?.[0]
    assert.equal(
      userType(after),
      '"source":{"type":"Constant","name":"Guest","expression":"\\"Guest\\"","parameters":[]},"targetAttributeName":"userType"',
      "Graph's full source is written",
    )
    const back = applySchema(after, { ...desired, removedAttributeMappings: [] }, 'test')
    assert.deepEqual(liveSchema(back, desired).removedAttributeMappings, [], 'isSoftDeleted mapped again')
    assert.throws(
      () => applySchema({ synchronizationRules: [] }, desired, 'the test'),
      /no User object mapping/,
    )
  })

  it('encodes SyncNotificationSettings as a JSON string and reads the secrets back in plan shape', () => {
    const secrets = {
      AuthenticationType: 'SyncPolicy' as const,
      CompanyId: tenant.tenantId,
      SyncAll: 'false' as const,
      SyncNotificationSettings: {
        Enabled: false,
        DeleteThresholdEnabled: true,
        DeleteThresholdValue: 50,
        HumanResourcesLookaheadQueryEnabled: false,
      },
    }
    const body = secretsBody(secrets)
    assert.equal(
      body.value.find((p) => p.key === 'SyncNotificationSettings')?.value,
      JSON.stringify(secrets.SyncNotificationSettings),
    )
    assert.deepEqual(liveSecrets(body), secrets)
    const handEdited = liveSecrets({
      value: [
        ...body.value.slice(0, 2),
        { key: 'SyncNotificationSettings', value: 'nope' },
        { key: 'SecretToken', value: '*' },
      ],
    })
    assert.deepEqual(handEdited, {
      AuthenticationType: 'SyncPolicy',
      CompanyId: tenant.tenantId,
      SyncNotificationSettings: 'nope',
      SecretToken: '*',
    })
  })
})
