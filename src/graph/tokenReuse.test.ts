import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity'
import { reusingTokens, tokenRefreshMarginMs } from './tokenReuse'

const hour = 60 * 60 * 1000

/** A credential that hands out numbered tokens and records every call. */
function countingCredential(expiresInMs = hour, refreshInMs?: number) {
  const calls: { scopes: string | string[]; options?: GetTokenOptions }[] = []
  let clock = 0
  let failNext = false
  const credential: TokenCredential = {
    async getToken(scopes, options) {
      calls.push({ scopes, options })
      await Promise.resolve()
      if (failNext) {
        failNext = false
        throw new Error('AADSTS7000215: invalid client secret')
      }
      const token: AccessToken = {
        token: `token-${calls.length}`,
        expiresOnTimestamp: clock + expiresInMs,
        ...(refreshInMs === undefined ? {} : { refreshAfterTimestamp: clock + refreshInMs }),
      }
      return token
    },
  }
  return {
    credential,
    calls,
    now: () => clock,
    advance: (ms: number) => (clock += ms),
    failOnce: () => (failNext = true),
  }
}

describe('reusingTokens', () => {
  it('asks the credential once for concurrent and later calls while the token is fresh', async () => {
    const c = countingCredential()
    const reusing = reusingTokens(c.credential, c.now)
    const scope = 'https://graph.microsoft.com/.default'
    const [a, b] = await Promise.all([reusing.getToken(scope), reusing.getToken(scope)])
    assert.equal(a?.token, 'token-1')
    assert.equal(b?.token, 'token-1')
    c.advance(hour - tokenRefreshMarginMs - 1)
    assert.equal((await reusing.getToken(scope))?.token, 'token-1')
    assert.equal(c.calls.length, 1)
  })

  it('asks again within five minutes of expiry, or after refreshAfterTimestamp', async () => {
    const c = countingCredential()
    const reusing = reusingTokens(c.credential, c.now)
    await reusing.getToken('s')
    c.advance(hour - tokenRefreshMarginMs)
    assert.equal((await reusing.getToken('s'))?.token, 'token-2')

    const r = countingCredential(hour, 10 * 60 * 1000)
    const refreshing = reusingTokens(r.credential, r.now)
    await refreshing.getToken('s')
    r.advance(10 * 60 * 1000)
    assert.equal((await refreshing.getToken('s'))?.token, 'token-2')
  })

  it('keeps one token per scope', async () => {
    const c = countingCredential()
    const reusing = reusingTokens(c.credential, c.now)
    assert.equal((await reusing.getToken('graph'))?.token, 'token-1')
    assert.equal((await reusing.getToken(['other', 'scope']))?.token, 'token-2')
    assert.equal((await reusing.getToken('graph'))?.token, 'token-1')
  })

  it('does not keep a failure: the next call asks again', async () => {
    const c = countingCredential()
    const reusing = reusingTokens(c.credential, c.now)
    c.failOnce()
    await assert.rejects(reusing.getToken('s'), /invalid client secret/)
    assert.equal((await reusing.getToken('s'))?.token, 'token-2')
  })

  it('passes calls with claims or another tenant straight to the credential', async () => {
    const c = countingCredential()
    const reusing = reusingTokens(c.credential, c.now)
    await reusing.getToken('s')
    assert.equal((await reusing.getToken('s', { claims: '{"access_token":{}}' }))?.token, 'token-2')
    assert.equal((await reusing.getToken('s', { tenantId: 'other' }))?.token, 'token-3')
    assert.equal((await reusing.getToken('s'))?.token, 'token-1')
  })
})
