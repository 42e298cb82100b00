// Seeding an emulator from a topology file, then using the credentials it wrote, as the demo will.
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { startTestEmulator, type TestEmulator } from '../../test/support/emulator'
import { credentialsFileName, seedEmulator } from './seedEmulator'

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-emulator-'))
const topology = path.join(scratch, 'demo.topology.yaml')
fs.writeFileSync(
  topology,
  `organization: Contoso
tenants:
  contoso: { tenantId: 00000000-0000-4000-8000-00000000c0c0 }
  emea: { tenantId: 00000000-0000-4000-8000-00000000e0e0 }
groups:
  emea:
    sync-out: { members: [annie@emea.contoso.com] }
`,
)

describe('emulator --seed', () => {
  let t: TestEmulator
  before(async () => {
    t = await startTestEmulator()
  })
  after(async () => {
    await t.close()
    fs.rmSync(scratch, { recursive: true, force: true })
  })

  it('creates the tenants, the named users and a client app whose credentials reach Graph', async () => {
    await seedEmulator(t.emulator, topology, scratch)
    const file = path.join(scratch, credentialsFileName)
    assert.equal(fs.statSync(file).mode & 0o777, 0o600)
    const credentials = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<
      string,
      { tenantId: string; clientId: string; clientSecret: string }
    >
    const emea = credentials.emea!
    const graph = t.graph({ tenantId: emea.tenantId, appId: emea.clientId, clientSecret: emea.clientSecret })
    const users = (await graph.api('/users').get()) as { value: { userPrincipalName: string }[] }
    assert.deepEqual(
      users.value.map((u) => u.userPrincipalName),
      ['annie@emea.contoso.com'],
    )
    assert.ok(
      await graph.api('/policies/crossTenantAccessPolicy/partners').get(),
      'the app may manage cross-tenant access',
    )
  })

  it('changes nothing when seeded again, and keeps the credentials', async () => {
    const file = path.join(scratch, credentialsFileName)
    const before = fs.readFileSync(file, 'utf8')
    await seedEmulator(t.emulator, topology, scratch)
    assert.equal(fs.readFileSync(file, 'utf8'), before)
    const tenants = await t.admin<{ value: unknown[] }>('GET', '/tenants')
    assert.equal(tenants.body.value.length, 2)
  })
})
