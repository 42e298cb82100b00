import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { explainingRecord, objectIdsOf, type AuditRecord } from './audit'
import { severityOf } from './severity'

const group = 'c2f84050-c921-46f3-999f-4656f74a4ca2'
const partner = 'a6eb1803-cc39-43c9-9122-eb7a1d465a4d'
const record = (
  id: string,
  at: string,
  target: string,
  properties: [string, string | null][],
  user?: string,
): AuditRecord => ({
  id,
  activityDisplayName: id,
  activityDateTime: at,
  initiatedBy:
    user === undefined
      ? { app: { displayName: 'Portal', appId: 'c44b4083' } }
      : { user: { userPrincipalName: user } },
  targetResources: [
    {
      id: target,
      modifiedProperties: properties.map(([displayName, newValue]) => ({
        displayName,
        oldValue: null,
        newValue,
      })),
    },
  ],
})

describe('explainingRecord', () => {
  const records = [
    record(
      'sync changed',
      '2026-11-20T10:00:00Z',
      partner,
      [['userSyncInbound', '{"isSyncAllowed":false}']],
      'ada@contoso.com',
    ),
    record('joined the organization', '2026-11-21T10:00:00Z', partner, [['tenantId', null]]),
    record('member removed', '2026-11-19T10:00:00Z', 'user-1', [['Group.ObjectID', `"${group}"`]]),
  ]

  it('prefers a record that names the drifted field over a later one about the same object', () => {
    const view = explainingRecord(records, [partner], 'userSyncInbound.isSyncAllowed')
    assert.deepEqual(view, {
      when: '2026-11-20T10:00:00Z',
      who: 'ada@contoso.com',
      activity: 'sync changed',
      changes: ['userSyncInbound: null → {"isSyncAllowed":false}'],
      recordId: 'sync changed',
    })
    assert.equal(explainingRecord(records, [partner], 'displayName')?.activity, 'joined the organization')
  })

  it('finds a record that names the object in a modified property, and nothing for an unknown object', () => {
    assert.equal(explainingRecord(records, [group], 'members')?.who, 'app Portal (c44b4083)')
    assert.equal(explainingRecord(records, ['00000000-0000-4000-8000-000000000009'], 'members'), undefined)
    assert.equal(explainingRecord(records, [], 'members'), undefined)
  })

  it("takes a resource id's object ids, not its own tenant's", () => {
    assert.deepEqual(
      objectIdsOf(
        `eb218d70-ba0a-4bb7-ad0b-0dc488bfa21b/partners/${partner.toUpperCase()}/identitySynchronization`,
      ),
      [partner],
    )
    assert.deepEqual(objectIdsOf('x'), [])
  })
})

describe('severityOf', () => {
  it('ranks trust and sync allowances high, membership medium, names low', () => {
    assert.equal(severityOf('PartnerAccess', 'inboundTrust.isMfaAccepted').severity, 'high')
    assert.equal(severityOf('IdentitySync', 'userSyncInbound.isSyncAllowed').severity, 'high')
    assert.equal(severityOf('SyncStart', 'started').severity, 'high')
    assert.equal(severityOf('ScopingGroup', 'members').severity, 'medium')
    assert.equal(severityOf('PartnerAccess', 'displayName').severity, 'low')
    assert.equal(severityOf('InvitedUser', 'invitedUserDisplayName').severity, 'medium')
  })
})
