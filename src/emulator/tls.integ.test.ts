// TLS material: each emulator has its own CA with its own name, so one process can trust several
// (a shared CA name made OpenSSL check chains against the wrong key: CERT_SIGNATURE_FAILURE).
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { after, describe, it } from 'node:test'
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'
import { startTestEmulator } from '../../test/support/emulator'
import { ensureTlsMaterial } from './tls'

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-tls-'))
after(() => fs.rmSync(scratch, { recursive: true, force: true }))

describe('emulator TLS material', () => {
  it('creates a CA once and a server certificate for localhost, 127.0.0.1 and ::1 signed by it', async () => {
    const dir = path.join(scratch, 'one')
    const first = await ensureTlsMaterial(dir)
    const again = await ensureTlsMaterial(dir)
    assert.equal(again.caPem, first.caPem)
    const server = new x509.X509Certificate(first.certPem)
    const ca = new x509.X509Certificate(first.caPem)
    assert.equal(server.issuer, ca.subject)
    assert.ok(await server.verify({ publicKey: ca.publicKey, signatureOnly: true }))
    const names = server.getExtension(x509.SubjectAlternativeNameExtension)!.names.items.map((n) => n.value)
    assert.deepEqual(names.sort(), ['127.0.0.1', '::1', 'localhost'].sort())
  })

  it('gives two CAs different names', async () => {
    const a = await ensureTlsMaterial(path.join(scratch, 'a'))
    const b = await ensureTlsMaterial(path.join(scratch, 'b'))
    assert.notEqual(new x509.X509Certificate(a.caPem).subject, new x509.X509Certificate(b.caPem).subject)
  })

  it('serves two emulators to one client process without certificate errors', async () => {
    const one = await startTestEmulator()
    const two = await startTestEmulator()
    try {
      for (let round = 0; round < 20; round++) {
        for (const emulator of [one, two]) assert.equal((await emulator.admin('GET', '/health')).status, 200)
      }
      const tenant = await two.createTenant()
      const app = await two.createApp(tenant.id, ['Policy.Read.All'])
      assert.ok(await two.graph(app).api('/policies/crossTenantAccessPolicy').get())
    } finally {
      await one.close()
      await two.close()
    }
  })
})
