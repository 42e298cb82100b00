// Removing a sync pair deprovisions exactly its users (issue 6), through the real `pulumi` against the
// emulator: the conglomerate stack is up and a cycle has brought bank and insurance staff into the
// shared tenant; the topology then drops the insurance -> shared pair (the smallest edit: sync.tenants
// leaves insurance out of the hub). The next up deletes that pair's start, scope assignment,
// configuration and partner policies, and, since no cycle will ever run for the pair again, the
// assignment's delete deprovisions its users on demand: the insurance users are soft-deleted in
// shared, the bank users are untouched, and a second up changes nothing.
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { startTopologyStack, type TopologyStack } from './topologyStack'

type Obj = Record<string, unknown>
const insurance = ['hannah.schmidt_woodgroveinsurance.com', 'omar.haddad_woodgroveinsurance.com']
const bank = [
  'amelia.ross_woodgrovebank.com',
  'grace.chen_woodgrovebank.com',
  'liam.okafor_woodgrovebank.com',
  'noah.patel_woodgrovebank.com',
]
const fields = ['id', 'userPrincipalName', 'displayName', 'userType', 'accountEnabled', 'showInAddressList']

describe('removing a sync pair from the conglomerate, through the real engine', { timeout: 300_000 }, () => {
  let s: TopologyStack
  const shared = () => {
    const c = s.credentials.shared!
    return s.t.graph({ tenantId: c.tenantId, appId: c.clientId, clientSecret: c.clientSecret })
  }
  /** Synced users of a shared-tenant collection, keyed by the source address part of their UPN. */
  const synced = async (path: string): Promise<Record<string, Obj>> => {
    const page = (await shared().api(path).select(fields).get()) as { value: Obj[] }
    return Object.fromEntries(
      page.value
        .filter((u) => String(u.userPrincipalName).includes('#EXT#'))
        .map((u) => [String(u.userPrincipalName).split('#EXT#')[0]!, u]),
    )
  }
  let beforeRemoval: Record<string, Obj>

  before(async () => {
    s = await startTopologyStack('e2e', 'conglomerate')
  })
  after(() => s?.dispose())

  it('brings both companies into shared: up, then one provisioning cycle', async () => {
    await s.ws.expect(['up', '--yes', '--skip-preview'])
    const run = await s.t.admin<{ value: { quarantine: unknown }[] }>('POST', '/provisioning/run', {})
    assert.equal(run.status, 200)
    assert.deepEqual(
      run.body.value.map((c) => c.quarantine),
      [null, null],
    )
    beforeRemoval = await synced('/users')
    assert.deepEqual(Object.keys(beforeRemoval).sort(), [...bank, ...insurance].sort())
  })

  it('soft-deletes the insurance users in shared when the pair is removed, and leaves the bank users as they were', async () => {
    const text = fs.readFileSync(s.topologyFile, 'utf8')
    const edited = text.replace(/^( {2}hub: shared.*)$/m, '$1\n  tenants: [shared, bank]')
    assert.notEqual(edited, text, 'the hub line is where the test expects it')
    fs.writeFileSync(s.topologyFile, edited)
    const up = await s.ws.expect(['up', '--yes', '--skip-preview'])
    // The pair's start, scope assignment and configuration; both partner entries and the inbound allowance.
    assert.match(up.stdout, /- 6 deleted/)
    assert.match(up.stdout, /insurance\/sync\/shared\/assign\/group\/shared-workspace/)
    const after_ = await synced('/users')
    assert.deepEqual(
      after_,
      Object.fromEntries(bank.map((u) => [u, beforeRemoval[u]])),
      'the bank users, unchanged, and no one else',
    )
    const deleted = await synced('/directory/deletedItems/microsoft.graph.user')
    assert.deepEqual(Object.keys(deleted).sort(), insurance)
    for (const u of insurance)
      assert.equal(deleted[u]!.id, beforeRemoval[u]!.id, `${u} is the same object, soft-deleted`)
  })

  it('changes nothing on a second up', async () => {
    await s.ws.expect(['up', '--yes', '--expect-no-changes'])
  })
})
