// Test support for resource providers: Connections that reach emulator tenants the way stack config
// would (entra-topology:<alias>.clientId / .clientSecret, authorityHost and graphRoot = the emulator),
// so provider tests go through connectionSettings, @azure/identity and the Graph client unchanged.
import { Connections } from '../../src/resources/shared/connections'
import type { TenantRef } from '../../src/resources/shared/tenantRef'
import type { TestApp, TestEmulator } from './emulator'

export interface ProviderTenant {
  readonly ref: TenantRef
  readonly app: TestApp
}

/** A tenant with an app holding `roles`, as a provider sees it. */
export async function providerTenant(
  t: TestEmulator,
  alias: string,
  roles: readonly string[],
): Promise<ProviderTenant> {
  const { id } = await t.createTenant({ displayName: alias })
  return { ref: { alias, tenantId: id, cloud: 'global' }, app: await t.createApp(id, roles) }
}

/** Connections built from a stack config holding these tenants' credentials and the emulator's URLs. */
export function connectionsFor(t: TestEmulator, tenants: readonly ProviderTenant[]): Connections {
  const config = new Map<string, string>([
    ['entra-topology:authorityHost', t.emulator.url],
    ['entra-topology:graphRoot', t.emulator.url],
  ])
  for (const { ref, app } of tenants) {
    config.set(`entra-topology:${ref.alias}.clientId`, app.appId)
    config.set(`entra-topology:${ref.alias}.clientSecret`, app.clientSecret)
  }
  return new Connections((key) => config.get(key), {})
}
