// The emulator's admin API, under the reserved prefix /_emulator (no Graph path starts with '_').
// It needs no token: the emulator listens on loopback only. Documented in README.md ("The emulator").
import { randomUUID } from 'node:crypto'
import type { Clock } from '../clock'
import type { RequestCounters } from '../counters'
import { clouds } from '../auth/clouds'
import { clientAppKind, createClientApp } from '../auth/clientApps'
import type { Cloud, Store, TenantRecord, TenantSize } from '../store/store'

export const adminPrefix = '/_emulator'

export interface AdminServices {
  readonly store: Store
  readonly clock: Clock
  readonly counters: RequestCounters
  readonly origin: () => string
}

import { AdminError, adminExtensions, type AdminReply } from './extensions'
import { trafficControlsOf } from '../graph/traffic'
import { defaultFaultSettings } from '../graph/faults'
import { defaultThrottleSettings } from '../graph/throttle'
import { runDueCycles } from '../provisioning/engine'
import { readProvisioningSettings } from '../provisioning/settings'
export type { AdminReply } from './extensions'

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const sizes: readonly TenantSize[] = ['S', 'M', 'L']

function field<T>(
  body: Record<string, unknown>,
  name: string,
  check: (v: unknown) => v is T,
  allowed: string,
): T | undefined {
  const value = body[name]
  if (value === undefined) return undefined
  if (!check(value)) throw new AdminError(400, `'${name}' is ${JSON.stringify(value)}; expected ${allowed}`)
  return value
}
const isString = (v: unknown): v is string => typeof v === 'string' && v !== ''
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string')

function createTenant(services: AdminServices, body: Record<string, unknown>): TenantRecord {
  const id = (field(body, 'tenantId', isString, 'a GUID') ?? randomUUID()).toLowerCase()
  if (!guid.test(id))
    throw new AdminError(400, `'tenantId' is '${id}'; expected a GUID such as ${randomUUID()}`)
  const displayName = field(body, 'displayName', isString, 'a non-empty string') ?? `Tenant ${id.slice(0, 8)}`
  const cloud =
    field(body, 'cloud', (v): v is Cloud => clouds.includes(v as Cloud), clouds.join(' | ')) ?? 'global'
  const size = field(body, 'size', (v): v is TenantSize => sizes.includes(v as TenantSize), sizes.join(' | '))
  const initialDomain =
    field(body, 'initialDomain', isString, 'a domain name') ??
    `${displayName.toLowerCase().replace(/[^a-z0-9]/g, '') || id.slice(0, 8)}.onmicrosoft.com`
  if (services.store.getTenant(id) !== undefined) throw new AdminError(409, `tenant ${id} already exists`)
  if (services.store.getTenant(initialDomain) !== undefined)
    throw new AdminError(409, `a tenant with the domain ${initialDomain} already exists`)
  const tenant: TenantRecord = {
    id,
    displayName,
    initialDomain,
    cloud,
    createdDateTime: services.clock.now().toISOString(),
    ...(size ? { size } : {}),
  }
  services.store.putTenant(tenant)
  return tenant
}

export function handleAdminRequest(
  services: AdminServices,
  method: string,
  path: string,
  bodyText: string,
): AdminReply {
  try {
    let body: Record<string, unknown> = {}
    if (bodyText.trim() !== '') {
      const parsed: unknown = JSON.parse(bodyText)
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new AdminError(400, 'the body must be a JSON object')
      body = parsed as Record<string, unknown>
    }
    const segments = path
      .slice(adminPrefix.length)
      .split('/')
      .filter((s) => s !== '')
    const route = `${method} /${segments.map((s, i) => (segments[0] === 'tenants' && i === 1 ? '{tenant}' : s)).join('/')}`
    const tenantOf = (): TenantRecord => {
      const tenant = services.store.getTenant(segments[1] ?? '')
      if (tenant === undefined) throw new AdminError(404, `no tenant '${segments[1]}' in the emulator`)
      return tenant
    }
    switch (route) {
      case 'GET /health':
        return { status: 200, body: { status: 'ok', tenants: services.store.listTenants().length } }
      case 'GET /tenants':
        return { status: 200, body: { value: services.store.listTenants() } }
      case 'POST /tenants':
        return { status: 201, body: services.store.transaction(() => createTenant(services, body)) }
      case 'GET /tenants/{tenant}':
        return { status: 200, body: tenantOf() }
      case 'POST /tenants/{tenant}/apps': {
        const tenant = tenantOf()
        const displayName = field(body, 'displayName', isString, 'a non-empty string') ?? 'emulator client'
        const roles =
          field(body, 'roles', isStringArray, 'an array of Graph application permission names') ?? []
        const appId = field(body, 'appId', isString, 'a GUID')
        const clientSecret = field(body, 'clientSecret', isString, 'a non-empty string')
        if (appId !== undefined && services.store.tenant(tenant.id).get(clientAppKind, appId) !== undefined) {
          throw new AdminError(409, `an app with appId ${appId} already exists in tenant ${tenant.id}`)
        }
        const created = services.store.transaction(() =>
          createClientApp(services.store.tenant(tenant.id), {
            displayName,
            roles,
            ...(appId ? { appId } : {}),
            ...(clientSecret ? { clientSecret } : {}),
          }),
        )
        return {
          status: 201,
          body: {
            tenantId: tenant.id,
            appId: created.app.appId,
            clientSecret: created.clientSecret,
            servicePrincipalId: created.app.servicePrincipalId,
            roles: created.app.roles,
            authorityHost: services.origin(),
            tokenEndpoint: `${services.origin()}/${tenant.id}/oauth2/v2.0/token`,
          },
        }
      }
      case 'GET /counters':
        return { status: 200, body: { value: services.counters.snapshot() } }
      case 'DELETE /counters':
        services.counters.reset()
        return { status: 204 }
      case 'POST /clock/advance': {
        const seconds = body.seconds
        if (typeof seconds !== 'number' || !(seconds >= 0))
          throw new AdminError(
            400,
            `'seconds' is ${JSON.stringify(seconds)}; expected a number of seconds, 0 or more`,
          )
        services.clock.advance(seconds * 1000)
        // The provisioning cycles that became due run now, as they would have while the time passed.
        const cycles = readProvisioningSettings(services.store).automatic
          ? runDueCycles(services.store, services.clock)
          : []
        return { status: 200, body: { now: services.clock.now().toISOString(), cycles } }
      }
      case 'POST /reset': {
        services.store.reset()
        services.counters.reset()
        // Faults and throttling go back to their defaults too: a reset emulator behaves like a new one.
        const traffic = trafficControlsOf(services.store)
        traffic?.faults.configure(defaultFaultSettings)
        traffic?.throttle.configure(defaultThrottleSettings)
        traffic?.throttle.refill()
        return { status: 204 }
      }
      default: {
        for (const extension of adminExtensions) {
          const reply = services.store.transaction(() =>
            extension({
              method,
              segments,
              body,
              store: services.store,
              clock: services.clock,
              tenant: tenantOf,
            }),
          )
          if (reply !== undefined) return reply
        }
        throw new AdminError(
          404,
          `no admin route ${method} ${path}; see README.md ("The emulator") for the admin API`,
        )
      }
    }
  } catch (error) {
    if (error instanceof AdminError)
      return {
        status: error.status,
        body: { error: { code: 'AdminRequestInvalid', message: error.message } },
      }
    if (error instanceof SyntaxError)
      return {
        status: 400,
        body: { error: { code: 'AdminRequestInvalid', message: `the body is not JSON: ${error.message}` } },
      }
    throw error
  }
}
