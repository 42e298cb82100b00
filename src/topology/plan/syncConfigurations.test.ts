// Sync configurations and job starts: secrets, schema changes per deprovision mode and userType
// setting, scope assignments, and the dependencies that make Entra's order.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { resolveTopology } from '../model'
import type { Sync, Topology } from '../topology.generated'
import { planTopology } from './planner'
import type { SyncConfiguration } from './types'

const tenants = {
  src: { tenantId: 'AAAAAAAA-1111-4111-8111-111111111111', displayName: 'Source' },
  tgt: { tenantId: '22222222-2222-4222-8222-222222222222', displayName: 'Target Co' },
}
const groups = { src: { out: { members: ['Ann@src.example', 'bob@src.example'] } } }

function configuration(sync: Partial<Sync> = {}, raw: Partial<Topology> = {}): SyncConfiguration {
  const plan = planTopology(
    resolveTopology({
      organization: 'Org',
      tenants,
      groups,
      sync: {
        topology: 'pairs',
        pairs: [{ from: 'src', to: 'tgt' }],
        scope: { src: { groups: ['out'] } },
        ...sync,
      },
      ...raw,
    }),
  )
  const object = plan.objects['src/sync/tgt']
  assert.ok(object?.kind === 'syncConfiguration')
  return object
}

describe('sync configuration', () => {
  it('lives in the source, names the target and carries the documented secrets', () => {
    const c = configuration()
    assert.equal(c.tenant, 'src')
    assert.equal(c.partner, 'tgt')
    assert.equal(c.tenantId, '22222222-2222-4222-8222-222222222222')
    assert.equal(c.displayName, 'Org to Target Co')
    assert.equal(c.applicationTemplateId, '518e5f48-1fc8-4c48-9387-9fdf28b0dfe7')
    assert.deepEqual(c.secrets, {
      AuthenticationType: 'SyncPolicy',
      CompanyId: '22222222-2222-4222-8222-222222222222',
      SyncAll: 'false',
      SyncNotificationSettings: {
        Enabled: false,
        DeleteThresholdEnabled: true,
        DeleteThresholdValue: 500,
        HumanResourcesLookaheadQueryEnabled: false,
      },
    })
  })

  it('accidentalDeletionThreshold: null turns the protection off; a number sets it', () => {
    assert.deepEqual(configuration({ accidentalDeletionThreshold: null }).secrets.SyncNotificationSettings, {
      Enabled: false,
      DeleteThresholdEnabled: false,
      HumanResourcesLookaheadQueryEnabled: false,
    })
    assert.equal(
      configuration({ accidentalDeletionThreshold: 7 }).secrets.SyncNotificationSettings.DeleteThresholdValue,
      7,
    )
  })

  it('scope.allUsers sets SyncAll', () => {
    assert.equal(configuration({ scope: { src: { allUsers: true } } }).secrets.SyncAll, 'true')
  })

  it('assigns the scoping groups by key and the users by lower-cased principal name', () => {
    const c = configuration({
      scope: { src: { groups: ['out'], users: ['Zed@src.example', 'amy@src.example'] } },
    })
    assert.deepEqual(c.assignments, {
      groups: ['src/group/out'],
      users: ['amy@src.example', 'zed@src.example'],
    })
  })

  it('a source without a scope assigns nothing (only assigned users sync)', () => {
    const c = configuration({ scope: {} })
    assert.deepEqual(c.assignments, { groups: [], users: [] })
    assert.equal(c.secrets.SyncAll, 'false')
  })

  it('deprovision softDelete keeps Delete and the isSoftDeleted mapping', () => {
    const s = configuration({ deprovision: 'softDelete' }).schema
    assert.equal(s.flowTypes, 'Add, Update, Delete')
    assert.deepEqual(s.removedAttributeMappings, [])
  })

  it('deprovision disable keeps Delete but removes isSoftDeleted, so leaving users are blocked, not deleted', () => {
    const s = configuration({ deprovision: 'disable' }).schema
    assert.equal(s.flowTypes, 'Add, Update, Delete')
    assert.deepEqual(s.removedAttributeMappings, ['isSoftDeleted'])
  })

  it('deprovision none drops the Delete target object action', () => {
    const s = configuration({ deprovision: 'none' }).schema
    assert.equal(s.flowTypes, 'Add, Update')
    assert.deepEqual(s.removedAttributeMappings, [])
  })

  it('userType is a constant; applyUserType picks its flowType (always: Always, onCreate: ObjectAddOnly)', () => {
    assert.deepEqual(configuration().schema.attributeMappings.userType, {
      source: { type: 'Constant', name: 'Member', expression: '"Member"', parameters: [] },
      flowType: 'Always',
    })
    const guest = configuration({ userType: 'Guest', applyUserType: 'onCreate' }).schema.attributeMappings
      .userType
    assert.equal(guest.source.expression, '"Guest"')
    assert.equal(guest.flowType, 'ObjectAddOnly')
  })

  it('showInAddressList is a constant True or False', () => {
    assert.equal(configuration().schema.attributeMappings.showInAddressList.source.name, 'True')
    assert.equal(
      configuration({ showInAddressList: false }).schema.attributeMappings.showInAddressList.source.name,
      'False',
    )
  })

  it('depends on both partner entries, the target allowance and its scoping groups', () => {
    assert.deepEqual(configuration().dependsOn, [
      'src/group/out',
      'src/partner/tgt',
      'tgt/identitySync/src',
      'tgt/partner/src',
    ])
  })
})

describe('sync start', () => {
  it('starts the job only after the configuration and everything it depends on', () => {
    const plan = planTopology(
      resolveTopology({
        organization: 'Org',
        tenants,
        groups,
        sync: { topology: 'pairs', pairs: [{ from: 'src', to: 'tgt' }], scope: { src: { groups: ['out'] } } },
      }),
    )
    assert.deepEqual(plan.objects['src/sync/tgt/start'], {
      kind: 'syncStart',
      tenant: 'src',
      partner: 'tgt',
      configuration: 'src/sync/tgt',
      dependsOn: [
        'src/group/out',
        'src/partner/tgt',
        'src/sync/tgt',
        'tgt/identitySync/src',
        'tgt/partner/src',
      ],
    })
  })
})

describe('pairs summary', () => {
  it('lists each pair with its source scope and deprovision mode', () => {
    const plan = planTopology(
      resolveTopology({
        organization: 'Org',
        tenants,
        groups,
        sync: {
          topology: 'mesh',
          deprovision: 'disable',
          scope: { src: { groups: ['out'] }, tgt: { allUsers: true } },
        },
      }),
    )
    assert.deepEqual(plan.pairs, [
      {
        from: 'src',
        to: 'tgt',
        scope: { allUsers: false, groups: ['out'], users: [] },
        deprovision: 'disable',
      },
      { from: 'tgt', to: 'src', scope: { allUsers: true, groups: [], users: [] }, deprovision: 'disable' },
    ])
  })
})
