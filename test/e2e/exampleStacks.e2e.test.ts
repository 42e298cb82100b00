// Every other example stack through the real `pulumi` against the emulator: up converges, a
// provisioning cycle brings the users the topology promises into each target with the promised
// userType and visibility (and the invited users into their hosts), a second up changes nothing, and
// destroy removes what the topology declared. conglomerate.e2e.test.ts covers drift, secrets and more.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { cloudEndpoints } from '../../src/graph/clouds'
import { createCredential } from '../../src/graph/credentials'
import { TenantGraph } from '../../src/graph/tenantGraph'
import { validateTopologyFile } from '../../src/topology/validate'
import type { ResolvedTopology } from '../../src/topology/model'
import { startTopologyStack, type TopologyStack } from './topologyStack'

type Obj = Record<string, unknown>

/** alias -> [lower-case address prefix of the B2B UPN, userType, showInAddressList] the topology promises. */
function promised(topology: ResolvedTopology): Map<string, string[]> {
  const expected = new Map<string, string[]>()
  const add = (alias: string, line: string): void =>
    void expected.set(alias, [...(expected.get(alias) ?? []), line].sort())
  for (const pair of topology.sync?.pairs ?? []) {
    const scope = topology.sync!.scope[pair.from]!
    const members = new Set([
      ...scope.users,
      ...scope.groups.flatMap((g) => topology.groups[pair.from]![g]!.members),
    ])
    for (const upn of members)
      add(
        pair.to,
        `${upn.replace('@', '_')} ${topology.sync!.userType} ${String(topology.sync!.showInAddressList)}`,
      )
  }
  for (const [host, list] of Object.entries(topology.invitations))
    for (const invitation of list)
      add(
        host,
        `${invitation.email.replace('@', '_')} ${invitation.userType} ${String(invitation.showInAddressList)}`,
      )
  return expected
}

for (const name of ['acquisition', 'collaboration', 'gov']) {
  describe(`the ${name} stack on the emulator, through the real engine`, { timeout: 900_000 }, () => {
    let s: TopologyStack
    let topology: ResolvedTopology
    before(async () => {
      s = await startTopologyStack('e2e', name)
      topology = validateTopologyFile(s.topologyFile).topology!
    })
    after(() => s?.dispose())

    // Through the provider's own client: a US Government tenant's tokens are for graph.microsoft.us.
    const usersOf = async (alias: string): Promise<Obj[]> => {
      const c = s.credentials[alias]!
      const endpoints = cloudEndpoints(topology.tenants[alias]!.cloud, {
        authorityHost: s.t.emulator.url,
        graphRoot: s.t.emulator.url,
      })
      const credential = createCredential(c.tenantId, endpoints, {
        kind: 'clientSecret',
        clientId: c.clientId,
        clientSecret: c.clientSecret,
      })
      const graph = new TenantGraph({ tenant: alias, credential, endpoints })
      return graph.list(
        { operation: `list the users of ${alias}`, permissions: ['User.Read.All'] },
        '/users?$select=userPrincipalName,userType,showInAddressList,creationType&$top=999',
      )
    }

    it('converges on the first up, and a second up changes nothing', async () => {
      await s.ws.expect(['up', '--yes', '--skip-preview'])
      await s.ws.expect(['up', '--yes', '--expect-no-changes'])
    })

    it('brings the promised users into each tenant after a provisioning cycle', async () => {
      const run = await s.t.admin<{ value: { quarantine: unknown }[] }>('POST', '/provisioning/run', {})
      assert.equal(run.status, 200)
      for (const cycle of run.body.value) assert.equal(cycle.quarantine, null)
      for (const [alias, lines] of promised(topology)) {
        const b2b = (await usersOf(alias)).filter((u) => u.creationType === 'Invitation')
        const seen = b2b
          .map(
            (u) =>
              `${String(u.userPrincipalName).split('#EXT#')[0]!.toLowerCase()} ${String(u.userType)} ${String(u.showInAddressList)}`,
          )
          .sort()
        assert.deepEqual(seen, lines, `users in ${alias}`)
      }
    })

    it('destroys what the topology declared', async () => {
      await s.ws.expect(['destroy', '--yes'])
      const state = await s.ws.expect(['stack', 'export'])
      assert.equal(
        (JSON.parse(state.stdout) as { deployment: { resources?: unknown[] } }).deployment.resources
          ?.length ?? 0,
        0,
      )
    })
  })
}
