// Reusing a tenant's access token across requests. The Graph client asks the credential for a token
// before every request; @azure/identity answers from MSAL's in-memory cache, which looks the token up
// and validates it each time (about 0.4 ms of CPU per request: a fifth of the provider's HTTP cost in a
// 480-resource refresh, bench/README.md). This wrapper keeps the token it got and hands it out until
// five minutes before it expires, or until the credential's own refreshAfterTimestamp (Entra's
// refresh_in), whichever is first; concurrent callers share one request to the authority. A token the
// authority refuses is never cached (getToken throws), and a request Graph answers 401 is retried by
// no one here: the next call after expiry fetches a new token, as the credential itself would.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity'

/** Tokens are handed out until this long before they expire (the Azure SDKs' refresh window). */
export const tokenRefreshMarginMs = 5 * 60 * 1000

interface Held {
  readonly token: AccessToken
  /** When to stop handing it out. */
  readonly until: number
}

export function reusingTokens(credential: TokenCredential, now: () => number = Date.now): TokenCredential {
  const held = new Map<string, Held>()
  const pending = new Map<string, Promise<AccessToken | null>>()
  const fetchToken = async (key: string, scopes: string | string[], options?: GetTokenOptions) => {
    try {
      const token = await credential.getToken(scopes, options)
      if (token !== null) {
        const expiring = token.expiresOnTimestamp - tokenRefreshMarginMs
        const until = Math.min(expiring, token.refreshAfterTimestamp ?? expiring)
        held.set(key, { token, until })
      }
      return token
    } finally {
      pending.delete(key)
    }
  }
  return {
    getToken(scopes, options) {
      // Claims or a different tenant ask for a token of their own: pass them through.
      if (options?.claims !== undefined || options?.tenantId !== undefined)
        return credential.getToken(scopes, options)
      const key = Array.isArray(scopes) ? scopes.join(' ') : scopes
      const current = held.get(key)
      if (current !== undefined && now() < current.until) return Promise.resolve(current.token)
      let request = pending.get(key)
      if (request === undefined) {
        request = fetchToken(key, scopes, options)
        pending.set(key, request)
      }
      return request
    },
  }
}
