// The emulator's TLS material. @azure/identity and MSAL refuse http authorities, so the emulator
// serves HTTPS with a certificate from a CA it generates on first start. Clients trust the CA through
// NODE_EXTRA_CA_CERTS (another process) or tls.setDefaultCACertificates (the same process).
import { randomBytes, webcrypto } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
// @peculiar/x509 resolves its ASN.1 types through tsyringe, which needs the reflect-metadata polyfill first.
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(webcrypto as never)

type CryptoKey = webcrypto.CryptoKey

export interface TlsMaterial {
  readonly caFile: string
  readonly caPem: string
  readonly certPem: string
  readonly keyPem: string
}

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const
const serverNames = ['localhost', '127.0.0.1', '::1']
const day = 24 * 60 * 60 * 1000

async function exportKeyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key))
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`
}

async function importKeyPem(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64')
  return webcrypto.subtle.importKey('pkcs8', der, algorithm, true, ['sign'])
}

async function createCa(): Promise<{ cert: x509.X509Certificate; key: CryptoKey }> {
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Date.now().toString(16),
    // A unique name per CA: OpenSSL finds an issuer by name, so two emulators' CAs trusted in one process
    // (tests do this) must not share one, or chains get checked against the wrong key.
    name: `CN=entra-topology emulator local CA ${randomBytes(6).toString('hex')}`,
    notBefore: new Date(Date.now() - day),
    notAfter: new Date(Date.now() + 3650 * day),
    signingAlgorithm: algorithm,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  return { cert, key: keys.privateKey }
}

async function createServerCert(ca: {
  cert: x509.X509Certificate
  key: CryptoKey
}): Promise<{ certPem: string; keyPem: string }> {
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: (Date.now() + 1).toString(16),
    subject: 'CN=localhost',
    issuer: ca.cert.subject,
    notBefore: new Date(Date.now() - day),
    notAfter: new Date(Date.now() + 365 * day),
    signingAlgorithm: algorithm,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: 'localhost' },
        { type: 'ip', value: '127.0.0.1' },
        { type: 'ip', value: '::1' },
      ]),
    ],
  })
  return { certPem: cert.toString('pem'), keyPem: await exportKeyPem(keys.privateKey) }
}

function stillValid(certPem: string): boolean {
  const cert = new x509.X509Certificate(certPem)
  const names = cert.getExtension(x509.SubjectAlternativeNameExtension)?.names.items.map((n) => n.value) ?? []
  return cert.notAfter.getTime() > Date.now() + 7 * day && serverNames.every((n) => names.includes(n))
}

/**
 * Loads the CA and server certificate from `dir`, creating what is missing. The CA is kept (clients
 * have been told to trust it); the server certificate is renewed a week before it expires.
 */
export async function ensureTlsMaterial(dir: string): Promise<TlsMaterial> {
  fs.mkdirSync(dir, { recursive: true })
  const file = (name: string): string => path.join(dir, name)
  let ca: { cert: x509.X509Certificate; key: CryptoKey }
  if (fs.existsSync(file('ca.pem')) && fs.existsSync(file('ca.key.pem'))) {
    ca = {
      cert: new x509.X509Certificate(fs.readFileSync(file('ca.pem'), 'utf8')),
      key: await importKeyPem(fs.readFileSync(file('ca.key.pem'), 'utf8')),
    }
  } else {
    ca = await createCa()
    fs.writeFileSync(file('ca.key.pem'), await exportKeyPem(ca.key), { mode: 0o600 })
    fs.writeFileSync(file('ca.pem'), ca.cert.toString('pem'))
    fs.rmSync(file('server.pem'), { force: true })
  }
  if (!fs.existsSync(file('server.pem')) || !stillValid(fs.readFileSync(file('server.pem'), 'utf8'))) {
    const server = await createServerCert(ca)
    fs.writeFileSync(file('server.key.pem'), server.keyPem, { mode: 0o600 })
    fs.writeFileSync(file('server.pem'), server.certPem)
  }
  return {
    caFile: file('ca.pem'),
    caPem: fs.readFileSync(file('ca.pem'), 'utf8'),
    certPem: fs.readFileSync(file('server.pem'), 'utf8'),
    keyPem: fs.readFileSync(file('server.key.pem'), 'utf8'),
  }
}
