// Test support for the groups tests (groups.integ.test.ts and groupsPatch.integ.test.ts): an emulator
// with a Contoso tenant and a Group.ReadWrite.All client, and the small builders both files use.
import assert from 'node:assert/strict'
import type { Client } from '@microsoft/microsoft-graph-client'
import { startTestEmulator, type TestEmulator } from './emulator'

type Json = Record<string, unknown>

export const ref = (id: string) => `https://graph.microsoft.com/v1.0/directoryObjects/${id}`
export const missingId = '0f0e0d0c-0b0a-4909-8807-060504030201'

export const securityGroup = (name: string, extra: Json = {}): Json => ({
  displayName: name,
  mailEnabled: false,
  mailNickname: name.replace(/\W/g, ''),
  securityEnabled: true,
  ...extra,
})

/** Starts an emulator with a Contoso tenant and a Graph client holding Group.ReadWrite.All. */
export async function startGroupsEmulator(): Promise<{ t: TestEmulator; graph: Client; tenantId: string }> {
  const t = await startTestEmulator()
  const tenantId = (await t.createTenant({ displayName: 'Contoso' })).id
  const graph = t.graph(await t.createApp(tenantId, ['Group.ReadWrite.All']))
  return { t, graph, tenantId }
}

/** Creates `count` users in a tenant through the admin API and returns their ids. */
export async function createUsers(t: TestEmulator, tenant: string, count: number): Promise<string[]> {
  const users = Array.from({ length: count }, (_, i) => ({ displayName: `User ${i} ${Math.random()}` }))
  const reply = await t.admin<{ value: { id: string }[] }>('POST', `/tenants/${tenant}/users`, { users })
  assert.equal(reply.status, 201, JSON.stringify(reply.body))
  return reply.body.value.map((u) => u.id)
}

/** The ids of a group's direct members, in the order Graph lists them. */
export async function memberIds(graph: Client, groupId: string): Promise<string[]> {
  return ((await graph.api(`/groups/${groupId}/members`).get()) as { value: Json[] }).value.map((m) =>
    String(m.id),
  )
}
