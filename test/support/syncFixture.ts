// Test support for the cross-tenant synchronization tests (applications, appRoleAssignments,
// crossTenantSync, synchronization and syncSchema): the cross-tenant sync application template and an
// emulator with a configuration app instantiated from it.
import type { Client } from '@microsoft/microsoft-graph-client'
import { startTestEmulator, type TestEmulator } from './emulator'

type Obj = Record<string, unknown>

/** The id of Microsoft's cross-tenant synchronization application template. */
export const ctsTemplateId = '518e5f48-1fc8-4c48-9387-9fdf28b0dfe7'

/** Instantiates the cross-tenant sync template: the new application and its service principal. */
export async function instantiateCts(
  client: Client,
  displayName: string,
): Promise<{ application: Obj; servicePrincipal: Obj } & Obj> {
  return (await client.api(`/applicationTemplates/${ctsTemplateId}/instantiate`).post({ displayName })) as {
    application: Obj
    servicePrincipal: Obj
  } & Obj
}

export interface SyncFixture {
  t: TestEmulator
  tenantId: string
  /** A client with Application.ReadWrite.All and Synchronization.ReadWrite.All. */
  graph: Client
  /** The service principal of the 'Fabrikam' configuration app. */
  sp: Obj
  /** Its synchronization path, /servicePrincipals/{id}/synchronization. */
  base: string
}

/** Starts an emulator with a Contoso tenant and a 'Fabrikam' cross-tenant sync configuration app. */
export async function startSyncEmulator(): Promise<SyncFixture> {
  const t = await startTestEmulator()
  const tenantId = (await t.createTenant({ displayName: 'Contoso' })).id
  const graph = t.graph(
    await t.createApp(tenantId, ['Application.ReadWrite.All', 'Synchronization.ReadWrite.All']),
  )
  const sp = (await instantiateCts(graph, 'Fabrikam')).servicePrincipal
  return { t, tenantId, graph, sp, base: `/servicePrincipals/${String(sp.id)}/synchronization` }
}
