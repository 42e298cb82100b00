// State survives a restart and a killed process: the database (WAL) and the TLS material live in the
// data folder, and a client keeps its credentials and CA.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as readline from 'node:readline'
import { after, describe, it } from 'node:test'
import { startTestEmulator, trustCa, type TestApp } from '../../test/support/emulator'

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-durability-'))
after(() => fs.rmSync(scratch, { recursive: true, force: true }))
const projectRoot = path.resolve(__dirname, '..', '..')
const partnerId = '7d6e0f4a-2b3c-4e5d-9f0a-1b2c3d4e5f6a'

describe('emulator durability', () => {
  it('keeps tenants, apps, secrets, partners and its CA across a restart', async () => {
    const dataDir = path.join(scratch, 'restart')
    const first = await startTestEmulator({ dataDir })
    const tenant = await first.createTenant({ displayName: 'Durable' })
    const app = await first.createApp(tenant.id, ['Policy.ReadWrite.CrossTenantAccess'])
    await first.graph(app).api('/policies/crossTenantAccessPolicy/partners').post({ tenantId: partnerId })
    const ca = first.emulator.caPem
    await first.close()

    const second = await startTestEmulator({ dataDir })
    try {
      assert.equal(second.emulator.caPem, ca, 'the CA changed: clients would have to trust a new one')
      const partner = (await second
        .graph(app)
        .api(`/policies/crossTenantAccessPolicy/partners/${partnerId}`)
        .get()) as { tenantId: string }
      assert.equal(partner.tenantId, partnerId)
    } finally {
      await second.close()
    }
  })

  it('keeps every committed change when the process is killed with SIGKILL', async () => {
    const dataDir = path.join(scratch, 'killed')
    const child = spawn(
      process.execPath,
      [path.join(projectRoot, 'bin', 'entra-topology'), 'emulator', '--port', '0', '--data-dir', dataDir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    const url = await new Promise<string>((resolve, reject) => {
      const lines = readline.createInterface({ input: child.stdout })
      lines.on('line', (line) => {
        const match = /listening on (https:\/\/\S+)/.exec(line)
        if (match) resolve(match[1]!)
      })
      child.once('exit', (code) => reject(new Error(`the emulator exited with ${code} before listening`)))
    })
    trustCa(fs.readFileSync(path.join(dataDir, 'tls', 'ca.pem'), 'utf8'))
    const admin = async (route: string, body: unknown): Promise<Record<string, string>> => {
      const response = await fetch(`${url}/_emulator${route}`, { method: 'POST', body: JSON.stringify(body) })
      assert.equal(response.status, 201)
      return (await response.json()) as Record<string, string>
    }
    const tenant = await admin('/tenants', { displayName: 'Crashy' })
    const created = await admin(`/tenants/${tenant.id}/apps`, {
      roles: ['Policy.ReadWrite.CrossTenantAccess'],
    })
    const app: TestApp = { tenantId: tenant.id!, appId: created.appId!, clientSecret: created.clientSecret! }
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited

    const restarted = await startTestEmulator({ dataDir })
    try {
      const tenants = await restarted.admin<{ value: { id: string }[] }>('GET', '/tenants')
      assert.deepEqual(
        tenants.body.value.map((t) => t.id),
        [tenant.id],
      )
      // The client secret made before the crash still gets a token, and Graph answers.
      const policy = (await restarted.graph(app).api('/policies/crossTenantAccessPolicy').get()) as {
        displayName: string
      }
      assert.equal(policy.displayName, 'CrossTenantAccessPolicy')
    } finally {
      await restarted.close()
    }
  })
})
