// An example stack applied to an in-memory emulator through the real `pulumi`: the emulator runs in the
// test process; it is seeded from the topology file (tenants with the file's ids, the users its groups
// name, one client app per tenant), and the stack's config points the provider at it with each tenant's
// credentials (the secret ones with --secret), exactly as a user's stack would point at real tenants.
import { startTestEmulator, type TestEmulator } from '../support/emulator'
import { applySeed, readSeed, type SeedCredentials } from '../../src/emulator/seed'
import { projectRoot } from '../../tools/engine/ensure'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { createPulumiWorkspace, type PulumiWorkspace } from './pulumiWorkspace'

export interface TopologyStack {
  readonly t: TestEmulator
  readonly ws: PulumiWorkspace
  readonly credentials: SeedCredentials
  readonly stack: string
  /** The topology file inside the workspace copy (tests may rewrite it to change the topology). */
  readonly topologyFile: string
  dispose(): Promise<void>
}

/**
 * `topology` names an example under stacks/ (`conglomerate` for stacks/conglomerate.topology.yaml), or is
 * an absolute path to a topology file anywhere (benchmarks write theirs to a temp dir): that file is
 * copied into the workspace's stacks/ folder under its own name, because the program reads the topology
 * relative to the copied project.
 */
export async function startTopologyStack(stack: string, topology: string): Promise<TopologyStack> {
  const t = await startTestEmulator()
  // Cycles run when a test asks (POST /_emulator/provisioning/run), not by the clock.
  await t.admin('PUT', '/settings/provisioning', { automatic: false })
  // Multitenant organization operations complete in seconds instead of Entra's minutes to hours.
  await t.admin('PUT', '/settings/mto', {
    activationSeconds: 1,
    joinSeconds: 1,
    roleChangeSeconds: 1,
    removalSeconds: 1,
  })
  const source = path.isAbsolute(topology)
    ? topology
    : path.join(projectRoot, 'stacks', `${topology}.topology.yaml`)
  const credentials = await applySeed(
    async (method, route, body) => {
      const reply = await t.admin<Record<string, unknown>>(method, route, body)
      return { status: reply.status, body: reply.body ?? {} }
    },
    readSeed(source),
    {},
  )
  const ws = await createPulumiWorkspace({ NODE_EXTRA_CA_CERTS: t.emulator.caFile })
  const relative = `stacks/${path.isAbsolute(topology) ? path.basename(topology) : `${topology}.topology.yaml`}`
  const topologyFile = path.join(ws.dir, relative)
  if (path.isAbsolute(topology)) fs.copyFileSync(source, topologyFile)
  await ws.expect(['stack', 'init', stack])
  await ws.expect(['config', 'set', 'topology', relative])
  await ws.expect(['config', 'set', 'authorityHost', t.emulator.url])
  await ws.expect(['config', 'set', 'graphRoot', t.emulator.url])
  for (const [alias, c] of Object.entries(credentials)) {
    await ws.expect(['config', 'set', `${alias}.clientId`, c.clientId])
    await ws.expect(['config', 'set', '--secret', `${alias}.clientSecret`, c.clientSecret])
  }
  return {
    t,
    ws,
    credentials,
    stack,
    topologyFile,
    async dispose() {
      ws.dispose()
      await t.close()
    },
  }
}
