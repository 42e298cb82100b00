// Issuing and checking app-only access tokens, v1 format like Graph's (graph-api.md §8.2): iss
// https://sts.windows.net/{tid}/, aud the cloud's Graph resource, permission names in `roles`,
// oid = sub = the client's service principal, no scp.
import { createSign, createVerify, randomUUID } from 'node:crypto'
import type { SigningKey } from './signingKey'
import { graphAppId } from './clouds'

export interface AccessTokenClaims {
  readonly aud: string
  readonly iss: string
  readonly iat: number
  readonly nbf: number
  readonly exp: number
  readonly appid: string
  readonly app_displayname: string
  readonly appidacr: '1' | '2'
  readonly idtyp: 'app'
  readonly oid: string
  readonly sub: string
  readonly roles?: readonly string[]
  readonly tid: string
  readonly uti: string
  readonly ver: '1.0'
}

export const tokenLifetimeSeconds = 3599

export function issueAccessToken(
  key: SigningKey,
  claims: {
    tenantId: string
    audience: string
    appId: string
    appDisplayName: string
    servicePrincipalId: string
    roles: readonly string[]
  },
  nowSeconds: number,
): string {
  const header = { typ: 'JWT', alg: 'RS256', x5t: key.kid, kid: key.kid }
  const payload: AccessTokenClaims = {
    aud: claims.audience,
    iss: `https://sts.windows.net/${claims.tenantId}/`,
    iat: nowSeconds,
    nbf: nowSeconds,
    exp: nowSeconds + tokenLifetimeSeconds,
    appid: claims.appId,
    app_displayname: claims.appDisplayName,
    appidacr: '1',
    idtyp: 'app',
    oid: claims.servicePrincipalId,
    sub: claims.servicePrincipalId,
    // Absent when nothing is granted, as in real tokens.
    ...(claims.roles.length > 0 ? { roles: [...claims.roles] } : {}),
    tid: claims.tenantId,
    uti: randomUUID().replace(/-/g, ''),
    ver: '1.0',
  }
  const signingInput = `${b64(header)}.${b64(payload)}`
  const signature = createSign('RSA-SHA256').update(signingInput).sign(key.privateKey).toString('base64url')
  return `${signingInput}.${signature}`
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

export type TokenCheck =
  { readonly ok: true; readonly claims: AccessTokenClaims } | { readonly ok: false; readonly reason: string }

/**
 * Verifies signature, lifetime and audience. Verified tokens are cached by their text (a client sends
 * the same token for an hour), so the common path costs one Map lookup.
 */
export class TokenVerifier {
  private readonly cache = new Map<string, AccessTokenClaims>()

  constructor(private readonly key: SigningKey) {}

  verify(token: string, acceptedAudiences: readonly string[], nowSeconds: number): TokenCheck {
    let claims = this.cache.get(token)
    if (claims === undefined) {
      const parts = token.split('.')
      if (parts.length !== 3)
        return { ok: false, reason: 'IDX14100: JWT is not well formed, there are no dots (.).' }
      const [header, payload, signature] = parts as [string, string, string]
      const valid = createVerify('RSA-SHA256')
        .update(`${header}.${payload}`)
        .verify(this.key.publicKey, Buffer.from(signature, 'base64url'))
      if (!valid) return { ok: false, reason: 'Invalid signature.' }
      try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AccessTokenClaims
      } catch {
        return { ok: false, reason: 'IDX12729: Unable to decode the payload as Base64Url encoded string.' }
      }
      if (this.cache.size > 10_000) this.cache.clear()
      this.cache.set(token, claims)
    }
    if (claims.exp <= nowSeconds || claims.nbf > nowSeconds + 300) {
      return { ok: false, reason: 'Access token has expired or is not yet valid.' }
    }
    if (!acceptedAudiences.includes(claims.aud) && claims.aud !== graphAppId) {
      return { ok: false, reason: 'Invalid audience.' }
    }
    return { ok: true, claims }
  }
}
