// Client applications that may get tokens: created through the admin API with the Graph application
// permissions they are granted (the `roles` claim). Secrets are stored as SHA-256 hashes; the clear
// value is shown once, when it is created.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import type { Json, TenantStore } from '../store/tenantStore'

export const clientAppKind = 'emulator.clientApp'

export interface ClientApp extends Json {
  appId: string
  displayName: string
  servicePrincipalId: string
  roles: string[]
  secretHashes: string[]
}

const hash = (secret: string): string => createHash('sha256').update(secret).digest('hex')

export function createClientApp(
  store: TenantStore,
  input: { displayName: string; roles: string[]; appId?: string; clientSecret?: string },
): { app: ClientApp; clientSecret: string } {
  const clientSecret = input.clientSecret ?? `emu~${randomBytes(24).toString('base64url')}`
  const app: ClientApp = {
    appId: input.appId ?? randomUUID(),
    displayName: input.displayName,
    servicePrincipalId: randomUUID(),
    roles: [...new Set(input.roles)],
    secretHashes: [hash(clientSecret)],
  }
  store.insert(clientAppKind, app.appId, app)
  return { app, clientSecret }
}

export function secretMatches(app: ClientApp, secret: string): boolean {
  const candidate = Buffer.from(hash(secret), 'hex')
  return app.secretHashes.some((stored) => timingSafeEqual(Buffer.from(stored, 'hex'), candidate))
}
