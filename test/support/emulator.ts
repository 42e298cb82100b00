// Test support: an in-memory emulator on a free port, trusted by this process, with helpers to make
// tenants and client apps through the admin API and to reach Graph through the real clients
// (@azure/identity's ClientSecretCredential and @microsoft/microsoft-graph-client).
import assert from 'node:assert/strict'
import * as tls from 'node:tls'
import { ClientSecretCredential } from '@azure/identity'
import { Client, RetryHandlerOptions, type GraphError } from '@microsoft/microsoft-graph-client'
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials'
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/server'

export interface TestApp {
  readonly tenantId: string
  readonly appId: string
  readonly clientSecret: string
  /** The app's service principal id (its tokens' oid); createApp sets it. */
  readonly servicePrincipalId?: string
}

export interface TestEmulator {
  readonly emulator: RunningEmulator
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>
  createTenant(input?: {
    displayName?: string
    cloud?: string
    size?: string
  }): Promise<{ id: string; initialDomain: string }>
  createApp(tenantId: string, roles: readonly string[]): Promise<TestApp>
  credential(app: TestApp): ClientSecretCredential
  graph(app: TestApp, version?: 'v1.0' | 'beta'): Client
  close(): Promise<void>
}

const trusted = new Set<string>()

/**
 * Awaits a call that must fail and returns what it threw (a GraphError from the Graph client; pass
 * another type for calls that throw something else, such as a credential's getToken).
 */
export async function expectGraphError<E = GraphError>(call: Promise<unknown>): Promise<E> {
  try {
    await call
  } catch (error) {
    return error as E
  }
  assert.fail('expected the call to fail')
}

/** Per-request middleware options that turn the Graph client's RetryHandler off, to see a 429 or 5xx itself. */
export const noRetries = (): RetryHandlerOptions[] => [new RetryHandlerOptions(0, 0)]

/** Adds a CA to this process's default trust store (for @azure/identity, fetch and https alike). */
export function trustCa(caPem: string): void {
  if (trusted.has(caPem)) return
  trusted.add(caPem)
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), ...trusted])
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator(options)
  trustCa(emulator.caPem)
  const admin = async <T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${emulator.url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T }
  }
  const expectCreated = <T>(result: { status: number; body: T }, what: string): T => {
    if (result.status !== 201)
      throw new Error(
        `creating ${what} through the admin API: ${result.status} ${JSON.stringify(result.body)}`,
      )
    return result.body
  }
  const credential = (app: TestApp): ClientSecretCredential =>
    new ClientSecretCredential(app.tenantId, app.appId, app.clientSecret, {
      authorityHost: emulator.url,
      disableInstanceDiscovery: true,
    })
  return {
    emulator,
    admin,
    credential,
    async createTenant(input = {}) {
      return expectCreated(
        await admin<{ id: string; initialDomain: string }>('POST', '/tenants', input),
        'a tenant',
      )
    },
    async createApp(tenantId, roles) {
      const body = expectCreated(
        await admin<TestApp>('POST', `/tenants/${tenantId}/apps`, { displayName: 'test client', roles }),
        'an app',
      )
      return {
        tenantId,
        appId: body.appId,
        clientSecret: body.clientSecret,
        servicePrincipalId: body.servicePrincipalId,
      }
    },
    graph(app, version = 'v1.0') {
      const authProvider = new TokenCredentialAuthenticationProvider(credential(app), {
        scopes: ['https://graph.microsoft.com/.default'],
      })
      return Client.initWithMiddleware({
        authProvider,
        baseUrl: `${emulator.url}/`,
        defaultVersion: version,
        customHosts: new Set(['127.0.0.1']),
      })
    },
    close: () => emulator.close(),
  }
}
