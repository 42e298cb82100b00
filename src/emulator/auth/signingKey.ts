// The RSA key the emulator signs access tokens with. Generated once and kept in the database, so
// tokens stay valid across a restart, and published as a JWKS for realism (graph-api.md §8.2:
// clients do not validate Graph tokens; the emulator's Graph side does).
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto'
import type { Database } from '../store/database'

export interface SigningKey {
  readonly kid: string
  readonly privateKey: KeyObject
  readonly publicKey: KeyObject
  readonly jwk: Record<string, unknown>
}

export function loadSigningKey(db: Database): SigningKey {
  let pem = db.getMeta('tokenSigningKey')
  if (pem === undefined) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    db.setMeta('tokenSigningKey', pem)
  }
  const privateKey = createPrivateKey(pem)
  const publicKey = createPublicKey(privateKey)
  const publicJwk = publicKey.export({ format: 'jwk' }) as Record<string, string>
  // Real tokens carry a certificate thumbprint as kid and x5t; a hash of the public key serves the same purpose.
  const kid = createHash('sha1').update(`${publicJwk.n}.${publicJwk.e}`).digest('base64url')
  return {
    kid,
    privateKey,
    publicKey,
    jwk: { kty: 'RSA', use: 'sig', kid, x5t: kid, n: publicJwk.n, e: publicJwk.e },
  }
}
