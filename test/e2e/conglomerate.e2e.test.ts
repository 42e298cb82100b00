// The conglomerate example (two companies syncing into a shared resource tenant, one multitenant
// organization) through the real `pulumi` against the emulator: up converges and the promised users
// arrive after a provisioning cycle; a second up changes nothing; a change made by hand is caught by
// `preview --refresh --expect-no-changes` (exit 7) and repaired by `up --refresh` (inbound sync
// disallowed, a partner's MFA trust turned off, a member removed from a restricted scoping group); no
// client secret appears in the state or the engine's output; destroy leaves every tenant exactly as it
// was before the first up (tenantSnapshot.ts says what is compared).
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { clientReader, settledSnapshots, tenantSnapshot } from './tenantSnapshot'
import { startTopologyStack, type TopologyStack } from './topologyStack'

type Obj = Record<string, unknown>

describe('the conglomerate stack on the emulator, through the real engine', { timeout: 900_000 }, () => {
  let s: TopologyStack
  const outputs: string[] = []
  const pulumi = async (args: string[], expected = 0) => {
    const result = await s.ws.expect(args, expected)
    outputs.push(result.stdout, result.stderr)
    return result
  }
  const graphOf = (alias: string) => {
    const c = s.credentials[alias]!
    return s.t.graph({ tenantId: c.tenantId, appId: c.clientId, clientSecret: c.clientSecret })
  }
  const shared = () => graphOf('shared')
  const aliases = ['shared', 'bank', 'insurance']
  const snapshots = () => Promise.all(aliases.map((alias) => tenantSnapshot(clientReader(graphOf(alias)))))
  let beforeFirstUp: Obj[]

  before(async () => {
    s = await startTopologyStack('e2e', 'conglomerate')
    beforeFirstUp = await snapshots()
  })
  after(() => s?.dispose())

  it('converges on the first up', async () => {
    const up = await pulumi(['up', '--yes', '--skip-preview'])
    assert.match(up.stdout, /\+ 27 created/)
  })

  it('after a provisioning cycle, the resource tenant holds the scoped users as Members in the address list', async () => {
    const run = await s.t.admin<{ value: { counts: { created: number }; quarantine: unknown }[] }>(
      'POST',
      '/provisioning/run',
      {},
    )
    assert.equal(run.status, 200)
    assert.deepEqual(
      run.body.value.map((c) => c.quarantine),
      [null, null],
    )
    const users = (
      (await shared()
        .api('/users')
        .select(['userPrincipalName', 'userType', 'showInAddressList', 'creationType'])
        .get()) as { value: Obj[] }
    ).value
    const synced = users.filter((u) => u.creationType === 'Invitation')
    assert.deepEqual(synced.map((u) => String(u.userPrincipalName).split('#EXT#')[0]).sort(), [
      'amelia.ross_woodgrovebank.com',
      'grace.chen_woodgrovebank.com',
      'hannah.schmidt_woodgroveinsurance.com',
      'liam.okafor_woodgrovebank.com',
      'noah.patel_woodgrovebank.com',
      'omar.haddad_woodgroveinsurance.com',
    ])
    for (const u of synced) assert.deepEqual([u.userType, u.showInAddressList], ['Member', true])
  })

  it('changes nothing on a second up', async () => {
    await pulumi(['up', '--yes', '--expect-no-changes'])
  })

  it('catches inbound sync turned off by hand (exit 7) and repairs it with up --refresh', async () => {
    const bank = s.credentials.bank!.tenantId
    await shared()
      .api(`/policies/crossTenantAccessPolicy/partners/${bank}/identitySynchronization`)
      .patch({ userSyncInbound: { isSyncAllowed: false } })
    const preview = await pulumi(['preview', '--refresh', '--expect-no-changes', '--diff'], 7)
    assert.match(preview.stdout, /shared\/identitySync\/bank/)
    await pulumi(['up', '--refresh', '--yes'])
    const live = (await shared()
      .api(`/policies/crossTenantAccessPolicy/partners/${bank}/identitySynchronization`)
      .get()) as Obj
    assert.deepEqual(live.userSyncInbound, { isSyncAllowed: true })
    await pulumi(['preview', '--refresh', '--expect-no-changes'])
  })

  it("catches a partner's MFA trust turned off by hand and repairs it", async () => {
    const insurance = s.credentials.insurance!.tenantId
    const partner = `/policies/crossTenantAccessPolicy/partners/${insurance}`
    await shared()
      .api(partner)
      .patch({ inboundTrust: { isMfaAccepted: false } })
    const preview = await pulumi(['preview', '--refresh', '--expect-no-changes', '--diff'], 7)
    assert.match(preview.stdout, /shared\/partner\/insurance/)
    assert.match(preview.stdout, /isMfaAccepted/)
    await pulumi(['up', '--refresh', '--yes'])
    const live = (await shared().api(partner).get()) as { inboundTrust: Obj }
    assert.equal(live.inboundTrust.isMfaAccepted, true)
  })

  it('catches a member removed by hand from a scoping group in its restricted unit and puts it back', async () => {
    const bank = graphOf('bank')
    const groups = (await bank.api('/groups').filter("mailNickname eq 'finance-apps'").get()) as {
      value: Obj[]
    }
    const groupId = String(groups.value[0]!.id)
    const members = async () =>
      (
        (await bank.api(`/groups/${groupId}/members`).select(['userPrincipalName']).get()) as { value: Obj[] }
      ).value
        .map((m) => String(m.userPrincipalName))
        .sort()
    assert.deepEqual(await members(), ['amelia.ross@woodgrovebank.com', 'noah.patel@woodgrovebank.com'])
    const noah = (await bank.api('/users/noah.patel@woodgrovebank.com').select(['id']).get()) as Obj
    // The stack's own app holds Groups Administrator over the unit; without that role this is a 403.
    await bank.api(`/groups/${groupId}/members/${String(noah.id)}/$ref`).delete()
    const preview = await pulumi(['preview', '--refresh', '--expect-no-changes', '--diff'], 7)
    assert.match(preview.stdout, /bank\/group\/finance-apps/)
    assert.match(preview.stdout, /noah\.patel@woodgrovebank\.com/)
    await pulumi(['up', '--refresh', '--yes'])
    assert.deepEqual(await members(), ['amelia.ross@woodgrovebank.com', 'noah.patel@woodgrovebank.com'])
    await pulumi(['preview', '--refresh', '--expect-no-changes'])
  })

  it('keeps every client secret out of the state and the engine output', () => {
    const state = fs
      .readdirSync(s.ws.stateDir, { recursive: true, encoding: 'utf8' })
      .map((f) => path.join(s.ws.stateDir, f))
      .filter((f) => fs.statSync(f).isFile())
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n')
    assert.ok(state.length > 1000, 'the state was written')
    for (const [alias, c] of Object.entries(s.credentials)) {
      assert.ok(!state.includes(c.clientSecret), `${alias}'s secret is in the state`)
      assert.ok(!outputs.join('\n').includes(c.clientSecret), `${alias}'s secret is in the engine output`)
    }
  })

  it('destroy leaves every tenant as it was before the first up (the synced users deprovisioned)', async () => {
    await pulumi(['destroy', '--yes'])
    // Leaving the multitenant organization completes asynchronously (a second here): wait for it.
    const afterDestroy = await settledSnapshots(snapshots, beforeFirstUp)
    for (const [i, alias] of aliases.entries())
      assert.deepEqual(afterDestroy[i], beforeFirstUp[i], `${alias} after destroy`)
  })
})
