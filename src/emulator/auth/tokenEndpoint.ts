// The Microsoft identity platform surface the emulator serves for each tenant (graph-api.md §8.1):
// POST /{tenant}/oauth2/v2.0/token (client credentials with a secret), the OpenID discovery document
// and the JWKS. Errors use AADSTS codes in the identity platform's error shape.
//
// LIMITATIONS: only the client_credentials grant with client_secret (form or HTTP Basic). A client
// assertion (certificate, workload identity federation) is refused with invalid_request.
import { randomUUID } from 'node:crypto'
import type { Store } from '../store/store'
import { clientAppKind, secretMatches, type ClientApp } from './clientApps'
import { graphAppId, graphResourceByCloud } from './clouds'
import { issueAccessToken, tokenLifetimeSeconds } from './tokens'
import type { SigningKey } from './signingKey'

export interface AuthReply {
  readonly status: number
  readonly body: unknown
}

function aadError(status: number, error: string, code: number, description: string, now: Date): AuthReply {
  const traceId = randomUUID()
  const correlationId = randomUUID()
  const timestamp = now.toISOString().replace('T', ' ').slice(0, 19) + 'Z'
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
    },
  }
}

export function openIdConfiguration(baseUrl: string, tenantId: string): unknown {
  const authority = `${baseUrl}/${tenantId}`
  return {
    issuer: `${authority}/v2.0`,
    token_endpoint: `${authority}/oauth2/v2.0/token`,
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    jwks_uri: `${authority}/discovery/v2.0/keys`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    response_types_supported: ['token'],
    grant_types_supported: ['client_credentials'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid'],
    tenant_region_scope: 'NA',
  }
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  if (header === undefined || !header.startsWith('Basic ')) return undefined
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  return {
    id: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  }
}

export function handleTokenRequest(
  store: Store,
  key: SigningKey,
  tenantPath: string,
  form: URLSearchParams,
  authorization: string | undefined,
  now: Date,
): AuthReply {
  const tenant = store.getTenant(tenantPath)
  if (tenant === undefined) {
    return aadError(
      400,
      'invalid_request',
      90002,
      `Tenant '${tenantPath}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      now,
    )
  }
  const grantType = form.get('grant_type')
  if (grantType !== 'client_credentials') {
    return aadError(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grantType ?? ''}'. The emulator supports client_credentials only.`,
      now,
    )
  }
  if (form.has('client_assertion')) {
    return aadError(
      400,
      'invalid_request',
      900144,
      'The emulator supports client secrets only; client assertions (certificates, federated credentials) are not supported.',
      now,
    )
  }
  const basic = basicCredentials(authorization)
  const clientId = form.get('client_id') ?? basic?.id
  const secret = form.get('client_secret') ?? basic?.secret
  if (!clientId)
    return aadError(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'client_id'.",
      now,
    )
  const resource = graphResourceByCloud[tenant.cloud]
  const scope = form.get('scope') ?? ''
  const scopes = scope.split(' ').filter((s) => s !== '')
  const accepted = [`${resource}/.default`, `${graphAppId}/.default`]
  if (scopes.length !== 1 || !accepted.includes(scopes[0]!)) {
    return aadError(
      400,
      'invalid_scope',
      70011,
      `The provided request must include a 'scope' input parameter with a single resource's /.default scope; this tenant's Graph is ${resource}/.default. Got '${scope}'.`,
      now,
    )
  }
  const app = store.tenant(tenant.id).get<ClientApp>(clientAppKind, clientId)
  if (app === undefined) {
    return aadError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant.displayName}'.`,
      now,
    )
  }
  if (!secret)
    return aadError(
      401,
      'invalid_client',
      7000216,
      "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
      now,
    )
  if (!secretMatches(app, secret)) {
    return aadError(
      401,
      'invalid_client',
      7000215,
      'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
      now,
    )
  }
  const accessToken = issueAccessToken(
    key,
    {
      tenantId: tenant.id,
      audience: resource,
      appId: app.appId,
      appDisplayName: app.displayName,
      servicePrincipalId: app.servicePrincipalId,
      roles: app.roles,
    },
    Math.floor(now.getTime() / 1000),
  )
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: tokenLifetimeSeconds,
      ext_expires_in: tokenLifetimeSeconds,
      access_token: accessToken,
    },
  }
}
