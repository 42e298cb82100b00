// The identity platform surface: tokens through @azure/identity, its errors, and what Graph does with
// tokens (isolation between tenants, expiry, audience).
import assert from 'node:assert/strict'
import { createPublicKey, createVerify } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { ClientSecretCredential } from '@azure/identity'
import type { GraphError } from '@microsoft/microsoft-graph-client'
import {
  expectGraphError,
  startTestEmulator,
  type TestApp,
  type TestEmulator,
} from '../../../test/support/emulator'

type Rejection = Error & Partial<GraphError>

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >
}

describe('tokens and tenant isolation', () => {
  let t: TestEmulator
  let contoso: { id: string }
  let fabrikam: { id: string }
  let contosoApp: TestApp
  let fabrikamApp: TestApp

  before(async () => {
    t = await startTestEmulator()
    contoso = await t.createTenant({ displayName: 'Contoso' })
    fabrikam = await t.createTenant({ displayName: 'Fabrikam' })
    contosoApp = await t.createApp(contoso.id, ['Policy.ReadWrite.CrossTenantAccess'])
    fabrikamApp = await t.createApp(fabrikam.id, ['Policy.ReadWrite.CrossTenantAccess'])
  })
  after(() => t.close())

  it('issues a v1-format app token with tid, appid, roles and the Graph audience, signed by the published key', async () => {
    const token = await t.credential(contosoApp).getToken('https://graph.microsoft.com/.default')
    const claims = claimsOf(token.token)
    assert.equal(claims.tid, contoso.id)
    assert.equal(claims.appid, contosoApp.appId)
    assert.deepEqual(claims.roles, ['Policy.ReadWrite.CrossTenantAccess'])
    assert.equal(claims.aud, 'https://graph.microsoft.com')
    assert.equal(claims.iss, `https://sts.windows.net/${contoso.id}/`)
    assert.equal(claims.idtyp, 'app')
    assert.equal(claims.scp, undefined)
    const discovery = (await (
      await fetch(`${t.emulator.url}/${contoso.id}/v2.0/.well-known/openid-configuration`)
    ).json()) as { jwks_uri: string; token_endpoint: string }
    assert.equal(discovery.token_endpoint, `${t.emulator.url}/${contoso.id}/oauth2/v2.0/token`)
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: { kid: string }[] }
    const [header, payload, signature] = token.token.split('.') as [string, string, string]
    const kid = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { kid: string }).kid
    const jwk = jwks.keys.find((k) => k.kid === kid)
    assert.ok(jwk, 'the token key is in the JWKS')
    const key = createPublicKey({ key: jwk, format: 'jwk' })
    assert.ok(
      createVerify('RSA-SHA256')
        .update(`${header}.${payload}`)
        .verify(key, Buffer.from(signature, 'base64url')),
    )
  })

  it('refuses a wrong client secret with AADSTS7000215', async () => {
    const wrong = new ClientSecretCredential(contoso.id, contosoApp.appId, 'not-the-secret', {
      authorityHost: t.emulator.url,
      disableInstanceDiscovery: true,
    })
    const error = await expectGraphError<Rejection>(wrong.getToken('https://graph.microsoft.com/.default'))
    assert.match(error.message, /AADSTS7000215/)
  })

  it('refuses an app from another tenant with AADSTS700016', async () => {
    const foreign = new ClientSecretCredential(fabrikam.id, contosoApp.appId, contosoApp.clientSecret, {
      authorityHost: t.emulator.url,
      disableInstanceDiscovery: true,
    })
    assert.match(
      (await expectGraphError<Rejection>(foreign.getToken('https://graph.microsoft.com/.default'))).message,
      /AADSTS700016/,
    )
  })

  it('refuses a scope for another cloud with AADSTS70011', async () => {
    assert.match(
      (
        await expectGraphError<Rejection>(
          t.credential(contosoApp).getToken('https://graph.microsoft.us/.default'),
        )
      ).message,
      /AADSTS70011/,
    )
  })

  it('gives a US Gov tenant tokens for graph.microsoft.us', async () => {
    const gov = await t.createTenant({ displayName: 'Gov', cloud: 'usgov' })
    const app = await t.createApp(gov.id, [])
    const token = await t.credential(app).getToken('https://graph.microsoft.us/.default')
    assert.equal(claimsOf(token.token).aud, 'https://graph.microsoft.us')
    assert.equal(claimsOf(token.token).roles, undefined, 'no roles claim when nothing is granted')
  })

  it('keeps each tenant to its own objects: a partner made in one is invisible in the other', async () => {
    const partnerId = '8e7f1a5b-3c4d-4f6e-8a1b-2c3d4e5f6a7b'
    await t.graph(contosoApp).api('/policies/crossTenantAccessPolicy/partners').post({ tenantId: partnerId })
    const fromFabrikam = (await t
      .graph(fabrikamApp)
      .api('/policies/crossTenantAccessPolicy/partners')
      .get()) as { value: unknown[] }
    assert.deepEqual(fromFabrikam.value, [])
    const direct = await expectGraphError<Rejection>(
      t.graph(fabrikamApp).api(`/policies/crossTenantAccessPolicy/partners/${partnerId}`).get(),
    )
    assert.equal(direct.statusCode, 404)
  })

  it('answers 401 InvalidAuthenticationToken without a token, with a forged one, and after expiry', async () => {
    const noToken = await fetch(`${t.emulator.url}/v1.0/policies/crossTenantAccessPolicy`)
    assert.equal(noToken.status, 401)
    assert.equal(
      ((await noToken.json()) as { error: { code: string } }).error.code,
      'InvalidAuthenticationToken',
    )

    const token = (await t.credential(contosoApp).getToken('https://graph.microsoft.com/.default')).token
    const [header, , signature] = token.split('.') as [string, string, string]
    const forgedPayload = Buffer.from(JSON.stringify({ ...claimsOf(token), tid: fabrikam.id })).toString(
      'base64url',
    )
    const forged = await fetch(`${t.emulator.url}/v1.0/policies/crossTenantAccessPolicy`, {
      headers: { Authorization: `Bearer ${header}.${forgedPayload}.${signature}` },
    })
    assert.equal(forged.status, 401, 'a token whose tid was edited must not verify')

    await t.admin('POST', '/clock/advance', { seconds: 2 * 3600 })
    const expired = await fetch(`${t.emulator.url}/v1.0/policies/crossTenantAccessPolicy`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    assert.equal(expired.status, 401)
    assert.match(((await expired.json()) as { error: { message: string } }).error.message, /expired/)
  })
})
