// Provisioning engine edge cases users hit (peers-and-pain-points.md §4, items 4, 5, 7): a pending
// invitation adopted as the new user, a UPN held by another user (an entry-level failure retried until
// it clears), the "disabled before unassigned" quirk, and sync across clouds refused.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Client } from '@microsoft/microsoft-graph-client'
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials'
import type { TestEmulator } from '../../../test/support/emulator'
import {
  addUsers,
  configureSync,
  createTenant,
  createTenants,
  jobOf,
  provisioningLogsOf,
  startManualEmulator,
  runCycles,
  unassign,
  usersIn,
  type Tenant,
} from '../../../test/support/ctsTopology'

type Obj = Record<string, unknown>

describe('provisioning edge cases', () => {
  let t: TestEmulator
  let contoso: Tenant
  let fabrikam: Tenant

  before(async () => {
    t = await startManualEmulator()
    const tenants = await createTenants(t, ['Contoso', 'Fabrikam'])
    contoso = tenants.Contoso!
    fabrikam = tenants.Fabrikam!
  })
  after(() => t.close())

  const byName = async (tenant: Tenant, name: string): Promise<Obj | undefined> =>
    (await usersIn(tenant)).find((u) => u.displayName === name)

  it('adopts a pending invitation with the same UPN as an Add, keeping its UPN; a UPN held by a member fails until freed', async () => {
    const [ada, bob] = await addUsers(t, contoso, [
      { displayName: 'Ada Invited' },
      { displayName: 'Bob Clash' },
    ])
    // Fabrikam invited Ada before sync existed; she never redeemed.
    const invitation = (await fabrikam.graph.api('/invitations').post({
      invitedUserEmailAddress: String(ada!.userPrincipalName),
      inviteRedirectUrl: 'https://myapps.microsoft.com',
    })) as Obj
    const invited = (await fabrikam.graph
      .api(`/users/${String((invitation.invitedUser as Obj).id)}`)
      .select(['id', 'userPrincipalName'])
      .get()) as Obj
    // A member of Fabrikam already holds the UPN Bob's B2B user would get.
    const clashUpn = `${String(bob!.userPrincipalName).replace('@', '_')}#EXT#@${fabrikam.initialDomain}`
    const [holder] = await addUsers(t, fabrikam, [
      { displayName: 'Squatter', userPrincipalName: clashUpn.replace('#EXT#', '') },
    ])
    await fabrikam.graph.api(`/users/${String(holder!.id)}`).patch({ userPrincipalName: clashUpn })
    const link = await configureSync(contoso, fabrikam, { assign: [String(ada!.id), String(bob!.id)] })

    const [report] = await runCycles(t, { jobId: link.jobId })
    assert.equal(report!.state, 'EntryLevelErrors')
    assert.equal(report!.counts.failed, 1)
    const adopted = await byName(fabrikam, 'Ada Invited')
    assert.equal(adopted?.id, invited.id, 'the invitation is adopted, not duplicated')
    assert.equal(adopted?.externalUserState, 'Accepted')
    assert.equal(adopted?.userType, 'Member', 'adopted as an Add, so the creation-only userType flows')
    assert.equal(adopted?.userPrincipalName, invited.userPrincipalName)
    assert.equal(await byName(fabrikam, 'Bob Clash'), undefined)
    const job = await jobOf(link)
    const last = (job.status as Obj).lastExecution as Obj
    assert.equal(last.countEscrowed, 1)
    const logs = await provisioningLogsOf(t, link)
    const failure = logs.find((l) => (l.provisioningStatusInfo as Obj).status === 'failure')
    assert.equal(
      ((failure?.provisioningStatusInfo as Obj).errorInformation as Obj).errorCode,
      'AzureActiveDirectoryConflictEncountered',
    )

    await fabrikam.graph.api(`/users/${String(holder!.id)}`).delete()
    const [retry] = await runCycles(t, { jobId: link.jobId })
    assert.equal(retry!.counts.created, 1, 'the escrowed user is retried and created once the UPN is free')
    assert.equal((await byName(fabrikam, 'Bob Clash'))?.userPrincipalName, clashUpn)
  })

  it('does not delete a user who was disabled in the source before being unassigned (documented quirk)', async () => {
    const tailspin = await createTenant(t, 'Tailspin')
    const [cy] = await addUsers(t, contoso, [{ displayName: 'Cy Quirk' }])
    const link = await configureSync(contoso, tailspin, { assign: [String(cy!.id)] })
    await runCycles(t, { jobId: link.jobId })
    await contoso.graph.api(`/users/${String(cy!.id)}`).patch({ accountEnabled: false })
    const [disabled] = await runCycles(t, { jobId: link.jobId })
    assert.equal(disabled!.counts.disabled, 1)
    assert.equal((await byName(tailspin, 'Cy Quirk'))?.accountEnabled, false)
    await unassign(link, String(cy!.id))
    const [after] = await runCycles(t, { jobId: link.jobId })
    assert.equal(after!.counts.deleted, 0)
    assert.ok(await byName(tailspin, 'Cy Quirk'), 'still in the target, disabled')
  })

  it('quarantines sync to a tenant in another cloud with ExternalTenantNotFound', async () => {
    const govTenant = await createTenant(t, 'Gov', 'usgov')
    // A US Government tenant's tokens are for graph.microsoft.us: its client asks for that scope.
    const app = await t.createApp(govTenant.id, ['Policy.ReadWrite.CrossTenantAccess', 'User.Read.All'])
    const gov: Tenant = {
      ...govTenant,
      graph: Client.initWithMiddleware({
        authProvider: new TokenCredentialAuthenticationProvider(t.credential(app), {
          scopes: ['https://graph.microsoft.us/.default'],
        }),
        baseUrl: `${t.emulator.url}/`,
        customHosts: new Set(['127.0.0.1']),
      }),
    }
    const [dee] = await addUsers(t, contoso, [{ displayName: 'Dee Crosscloud' }])
    const link = await configureSync(contoso, gov, { assign: [String(dee!.id)] })
    const [report] = await runCycles(t, { jobId: link.jobId })
    assert.equal(report!.quarantine?.error?.code, 'ExternalTenantNotFound')
    assert.match(report!.quarantine.error.message, /usgov cloud/)
    assert.equal(await byName(gov, 'Dee Crosscloud'), undefined)
  })
})
