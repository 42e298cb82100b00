// Cross-tenant access policy over the wire, through @azure/identity and the Microsoft Graph client.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@microsoft/microsoft-graph-client'
import { expectGraphError, startTestEmulator, type TestEmulator } from '../../../../test/support/emulator'

const partnerId = '5b4c8d2e-0f1a-4c3b-9d8e-7f6a5b4c3d2e'
const otherPartnerId = '6c5d9e3f-1a2b-4d4c-8e9f-8a7b6c5d4e3f'

describe('cross-tenant access policy', () => {
  let t: TestEmulator
  let graph: Client
  let beta: Client
  let reader: Client
  let tenantId: string

  before(async () => {
    t = await startTestEmulator()
    tenantId = (await t.createTenant({ displayName: 'Contoso' })).id
    const writer = await t.createApp(tenantId, ['Policy.ReadWrite.CrossTenantAccess'])
    graph = t.graph(writer)
    beta = t.graph(writer, 'beta')
    reader = t.graph(await t.createApp(tenantId, ['Policy.Read.All']))
  })
  after(() => t.close())

  it('shows the system default until it is changed, and again after resetToSystemDefault', async () => {
    const initial = (await graph.api('/policies/crossTenantAccessPolicy/default').get()) as Record<
      string,
      unknown
    >
    assert.equal(initial.isServiceDefault, true)
    assert.deepEqual(initial.automaticUserConsentSettings, { inboundAllowed: false, outboundAllowed: false })
    assert.equal(
      (initial.b2bDirectConnectInbound as { usersAndGroups: { accessType: string } }).usersAndGroups
        .accessType,
      'blocked',
    )

    const trust = {
      isMfaAccepted: true,
      isCompliantDeviceAccepted: false,
      isHybridAzureADJoinedDeviceAccepted: false,
    }
    await graph.api('/policies/crossTenantAccessPolicy/default').patch({ inboundTrust: trust })
    const changed = (await graph.api('/policies/crossTenantAccessPolicy/default').get()) as Record<
      string,
      unknown
    >
    assert.equal(changed.isServiceDefault, false)
    assert.deepEqual(changed.inboundTrust, trust)

    await graph.api('/policies/crossTenantAccessPolicy/default/resetToSystemDefault').post(undefined)
    assert.deepEqual(await graph.api('/policies/crossTenantAccessPolicy/default').get(), initial)
  })

  it('refuses to set automaticUserConsentSettings on the default configuration', async () => {
    const error = await expectGraphError(
      graph
        .api('/policies/crossTenantAccessPolicy/default')
        .patch({ automaticUserConsentSettings: { inboundAllowed: true } }),
    )
    assert.equal(error.statusCode, 400)
    assert.equal(error.code, 'Request_BadRequest')
  })

  it('creates a partner with every policy null except automaticUserConsentSettings, and 409s a duplicate', async () => {
    const created = (await graph
      .api('/policies/crossTenantAccessPolicy/partners')
      .post({ tenantId: partnerId })) as Record<string, unknown>
    assert.equal(created.tenantId, partnerId)
    assert.equal(created.inboundTrust, null)
    assert.equal(created.b2bCollaborationInbound, null)
    assert.deepEqual(created.automaticUserConsentSettings, { inboundAllowed: null, outboundAllowed: null })
    assert.match(
      String(created['@odata.context']),
      /\/v1\.0\/\$metadata#policies\/crossTenantAccessPolicy\/partners\/\$entity$/,
    )

    const duplicate = await expectGraphError(
      graph.api('/policies/crossTenantAccessPolicy/partners').post({ tenantId: partnerId }),
    )
    assert.equal(duplicate.statusCode, 409)
    assert.equal(duplicate.code, 'Request_MultipleObjectsWithSameKeyValue')
    assert.equal(
      duplicate.message,
      'Another object with the same value for property tenantId already exists.',
    )
    assert.ok(duplicate.requestId, 'the error carries the request-id')
  })

  it('patches a partner (204), keeping members of nested objects the body does not name', async () => {
    const path = `/policies/crossTenantAccessPolicy/partners/${partnerId}`
    await graph.api(path).patch({ automaticUserConsentSettings: { inboundAllowed: true } })
    await graph.api(path).patch({
      automaticUserConsentSettings: { outboundAllowed: true },
      inboundTrust: { isMfaAccepted: true },
    })
    const partner = (await graph.api(path).get()) as Record<string, unknown>
    assert.deepEqual(partner.automaticUserConsentSettings, { inboundAllowed: true, outboundAllowed: true })
    assert.deepEqual(partner.inboundTrust, { isMfaAccepted: true })
    await graph.api(path).patch({ inboundTrust: null })
    assert.equal(((await graph.api(path).get()) as Record<string, unknown>).inboundTrust, null)
  })

  it('refuses unknown properties and wrong types, naming the property', async () => {
    const unknown = await expectGraphError(
      graph
        .api(`/policies/crossTenantAccessPolicy/partners/${partnerId}`)
        .patch({ b2bColaborationInbound: {} }),
    )
    assert.equal(unknown.statusCode, 400)
    assert.match(unknown.message, /'b2bColaborationInbound' does not exist/)
    const wrongType = await expectGraphError(
      graph
        .api(`/policies/crossTenantAccessPolicy/partners/${partnerId}`)
        .patch({ b2bCollaborationInbound: { usersAndGroups: { accessType: 'maybe' } } }),
    )
    assert.match(
      wrongType.message,
      /b2bCollaborationInbound\.usersAndGroups\.accessType.*"maybe".*allowed, blocked/,
    )
  })

  it('answers Directory_ObjectNotFound for a partner that does not exist', async () => {
    const error = await expectGraphError(
      graph.api(`/policies/crossTenantAccessPolicy/partners/${otherPartnerId}`).get(),
    )
    assert.equal(error.statusCode, 404)
    assert.equal(error.code, 'Directory_ObjectNotFound')
  })

  it('creates the identity sync policy once (PUT 204, then 409 ConflictingObjects) and expands it on partners', async () => {
    const path = `/policies/crossTenantAccessPolicy/partners/${partnerId}/identitySynchronization`
    await graph.api(path).put({ displayName: 'Fabrikam', userSyncInbound: { isSyncAllowed: true } })
    const again = await expectGraphError(
      graph.api(path).put({ displayName: 'Fabrikam', userSyncInbound: { isSyncAllowed: true } }),
    )
    assert.equal(again.statusCode, 409)
    assert.equal(again.code, 'Request_MultipleObjectsWithSameKeyValue')
    const list = (await graph
      .api('/policies/crossTenantAccessPolicy/partners')
      .select('tenantId')
      .expand('identitySynchronization')
      .get()) as {
      value: { tenantId: string; identitySynchronization?: unknown }[]
    }
    assert.deepEqual(list.value, [
      {
        tenantId: partnerId,
        identitySynchronization: {
          tenantId: partnerId,
          displayName: 'Fabrikam',
          userSyncInbound: { isSyncAllowed: true },
        },
      },
    ])
  })

  it('will not delete a partner that still has a sync policy; deletes it softly afterwards and restores it from the bin', async () => {
    const partner = `/policies/crossTenantAccessPolicy/partners/${partnerId}`
    const blocked = await expectGraphError(graph.api(partner).delete())
    assert.equal(blocked.statusCode, 400)
    await graph.api(`${partner}/identitySynchronization`).delete()
    await graph.api(partner).delete()
    assert.equal((await expectGraphError(graph.api(partner).get())).statusCode, 404)
    const bin = (await beta.api('/policies/deletedItems/crossTenantPartners').get()) as {
      value: { tenantId: string; deletedDateTime: string }[]
    }
    assert.deepEqual(
      bin.value.map((p) => p.tenantId),
      [partnerId],
    )
    assert.ok(bin.value[0]!.deletedDateTime)
    await beta.api(`/policies/deletedItems/crossTenantPartners/${partnerId}/restore`).post(undefined)
    assert.equal(((await graph.api(partner).get()) as { tenantId: string }).tenantId, partnerId)
  })

  it('keeps the deleted bin beta-only', async () => {
    const error = await expectGraphError(graph.api('/policies/deletedItems/crossTenantPartners').get())
    assert.equal(error.statusCode, 400)
    assert.match(error.message, /Resource not found for the segment/)
  })

  it('sets allowedCloudEndpoints to the documented values only', async () => {
    await graph
      .api('/policies/crossTenantAccessPolicy')
      .patch({ allowedCloudEndpoints: ['microsoftonline.us'] })
    assert.deepEqual(
      ((await graph.api('/policies/crossTenantAccessPolicy').get()) as { allowedCloudEndpoints: string[] })
        .allowedCloudEndpoints,
      ['microsoftonline.us'],
    )
    const error = await expectGraphError(
      graph.api('/policies/crossTenantAccessPolicy').patch({ allowedCloudEndpoints: ['example.com'] }),
    )
    assert.equal(error.statusCode, 400)
  })

  it('lets a reader read and refuses its writes with 403 Authorization_RequestDenied', async () => {
    await reader.api('/policies/crossTenantAccessPolicy/partners').get()
    const error = await expectGraphError(
      reader.api('/policies/crossTenantAccessPolicy/partners').post({ tenantId: otherPartnerId }),
    )
    assert.equal(error.statusCode, 403)
    assert.equal(error.code, 'Authorization_RequestDenied')
  })

  it('refuses query options the route does not support instead of ignoring them', async () => {
    const error = await expectGraphError(
      graph.api('/policies/crossTenantAccessPolicy/partners').filter("tenantId eq 'x'").get(),
    )
    assert.equal(error.statusCode, 501)
    assert.equal(error.code, 'NotImplemented')
  })

  it('pages partners with $top and @odata.nextLink followed verbatim', async () => {
    for (let i = 0; i < 5; i++) {
      await graph
        .api('/policies/crossTenantAccessPolicy/partners')
        .post({ tenantId: `00000000-0000-4000-8000-00000000000${i}` })
    }
    const seen: string[] = []
    let page = (await graph.api('/policies/crossTenantAccessPolicy/partners').top(2).get()) as {
      value: { tenantId: string }[]
      '@odata.nextLink'?: string
    }
    seen.push(...page.value.map((p) => p.tenantId))
    while (page['@odata.nextLink']) {
      page = (await graph.api(page['@odata.nextLink']).get()) as typeof page
      seen.push(...page.value.map((p) => p.tenantId))
    }
    assert.equal(seen.length, 6)
    assert.equal(new Set(seen).size, 6)
  })

  it('records audit entries in the CrossTenantAccessSettings category', () => {
    const audits = t.emulator.store.tenant(tenantId).audits()
    const activities = audits.map((a) => a.activityDisplayName)
    assert.ok(activities.includes('Add a partner to cross-tenant access setting'))
    assert.ok(activities.includes('Delete partner specific cross-tenant access setting'))
    assert.ok(activities.includes('Create a partner cross-tenant identity sync setting'))
  })
})
