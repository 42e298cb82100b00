// Each app credential kind asks the custom cloud's authority (the emulator) for a token, for the
// tenant's Graph scope, without Entra's instance discovery: a client secret gets a token; a certificate
// and a federated token file reach the emulator's token endpoint, which answers that it only takes
// client secrets (AADSTS900144). Had the authority host or skipped discovery not reached the credential,
// the request would have gone to login.microsoftonline.com (no network here) and failed otherwise.
import assert from 'node:assert/strict'
import { webcrypto } from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
// @peculiar/x509 resolves its ASN.1 types through tsyringe, which needs the reflect-metadata polyfill first.
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'
import { startTestEmulator, type TestApp, type TestEmulator } from '../../test/support/emulator'
import { cloudEndpoints, type CloudEndpoints } from './clouds'
import { createCredential } from './credentials'

x509.cryptoProvider.set(webcrypto as never)

/** A PEM with an RSA private key and its self-signed certificate, as ClientCertificateCredential reads it. */
async function certificatePem(): Promise<string> {
  const algorithm = {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  }
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=entra-topology test app',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 3_600_000),
    keys,
    signingAlgorithm: algorithm,
  })
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey))
  const key = `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`
  return `${key}${cert.toString('pem')}\n`
}

describe('credentials against the emulator as a custom cloud', () => {
  let t: TestEmulator
  let app: TestApp
  let endpoints: CloudEndpoints
  let dir: string

  before(async () => {
    t = await startTestEmulator()
    app = await t.createApp((await t.createTenant()).id, ['User.Read.All'])
    endpoints = cloudEndpoints('global', { authorityHost: t.emulator.url, graphRoot: t.emulator.url })
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credentials-test-'))
  })
  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true })
    await t.close()
  })

  it('gets a token for the tenant’s Graph with a client secret', async () => {
    const credential = createCredential(app.tenantId, endpoints, {
      kind: 'clientSecret',
      clientId: app.appId,
      clientSecret: app.clientSecret,
    })
    const token = await credential.getToken(endpoints.scope)
    const claims = JSON.parse(Buffer.from(token!.token.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >
    assert.equal(claims.tid, app.tenantId)
    assert.equal(claims.appid, app.appId)
    assert.deepEqual(claims.roles, ['User.Read.All'])
  })

  it('sends a certificate’s signed assertion to the custom authority', async () => {
    const certificatePath = path.join(dir, 'app.pem')
    fs.writeFileSync(certificatePath, await certificatePem())
    const credential = createCredential(app.tenantId, endpoints, {
      kind: 'certificate',
      clientId: app.appId,
      certificatePath,
    })
    await assert.rejects(
      credential.getToken(endpoints.scope),
      /AADSTS900144: The emulator supports client secrets only/,
    )
  })

  it('sends a workload identity’s federated token (from its file) to the custom authority', async () => {
    const tokenFilePath = path.join(dir, 'federated-token')
    fs.writeFileSync(tokenFilePath, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJjaSJ9.')
    const credential = createCredential(app.tenantId, endpoints, {
      kind: 'workloadIdentity',
      clientId: app.appId,
      tokenFilePath,
    })
    await assert.rejects(
      credential.getToken(endpoints.scope),
      /AADSTS900144: The emulator supports client secrets only/,
    )
  })
})
