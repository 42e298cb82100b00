// Every other example stack through the real `pulumi` against the emulator: up converges, a
// provisioning cycle brings the users the topology promises into each target with the promised
// userType and visibility (and the invited users into their hosts), a second up changes nothing, a
// partner's MFA trust flipped by hand is caught by a refresh preview (exit 7) and repaired, and destroy
// leaves every tenant as it was before the first up. conglomerate.e2e.test.ts covers more drift, secrets
// and the rest. E2E_STACKS=collaboration (a comma-separated list) runs some of the stacks only.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { cloudEndpoints } from '../../src/graph/clouds'
import { createCredential } from '../../src/graph/credentials'
import { TenantGraph } from '../../src/graph/tenantGraph'
import { validateTopologyFile } from '../../src/topology/validate'
import type { ResolvedTopology } from '../../src/topology/model'
import { planTopology } from '../../src/topology/plan/planner'
import { settledSnapshots, tenantSnapshot } from './tenantSnapshot'
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

/** Lower-case address prefixes (`alias_domain`) of the users the pairs sync into `alias`. */
function syncedInto(topology: ResolvedTopology, alias: string): string[] {
  const prefixes = new Set<string>()
  for (const pair of topology.sync?.pairs ?? []) {
    if (pair.to !== alias) continue
    const scope = topology.sync!.scope[pair.from]!
    for (const upn of [
      ...scope.users,
      ...scope.groups.flatMap((g) => topology.groups[pair.from]![g]!.members),
    ])
      prefixes.add(upn.replace('@', '_').toLowerCase())
  }
  return [...prefixes]
}

for (const name of (process.env.E2E_STACKS ?? 'acquisition,collaboration,gov').split(',')) {
  describe(`the ${name} stack on the emulator, through the real engine`, { timeout: 900_000 }, () => {
    let s: TopologyStack
    let topology: ResolvedTopology
    let beforeFirstUp: Obj[]
    const aliases = () => Object.keys(topology.tenants)
    const snapshots = () =>
      Promise.all(
        aliases().map((alias) =>
          tenantSnapshot(
            async (path) =>
              (await graphOf(alias).find({ operation: 'snapshot', permissions: [] }, path)) ?? null,
            { mto: topology.tenants[alias]!.cloud === 'global' },
          ),
        ),
      )
    before(async () => {
      s = await startTopologyStack('e2e', name)
      topology = validateTopologyFile(s.topologyFile).topology!
      beforeFirstUp = await snapshots()
    })
    after(() => s?.dispose())

    // Through the provider's own client: a US Government tenant's tokens are for graph.microsoft.us.
    const graphOf = (alias: string): TenantGraph => {
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
      return new TenantGraph({ tenant: alias, credential, endpoints })
    }
    const usersOf = (alias: string): Promise<Obj[]> =>
      graphOf(alias).list(
        { operation: `list the users of ${alias}`, permissions: ['User.Read.All'] },
        '/users?$select=userPrincipalName,userType,showInAddressList,creationType&$top=999',
      )

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

    it("catches a partner's MFA trust flipped by hand (exit 7) and repairs it with up --refresh", async () => {
      const planned = Object.entries(planTopology(topology).objects).find(
        ([, o]) => o.kind === 'partnerAccess',
      )
      assert.ok(planned !== undefined, `${name} plans a partner entry`)
      const [key, entry] = planned
      if (entry.kind !== 'partnerAccess') throw new Error('unreachable')
      const path = `/policies/crossTenantAccessPolicy/partners/${entry.tenantId}`
      const graph = graphOf(entry.tenant)
      const op = { operation: `flip the MFA trust of ${key}`, permissions: [] }
      const flipped = !entry.inboundTrust.isMfaAccepted
      await graph.request(op, 'PATCH', path, { body: { inboundTrust: { isMfaAccepted: flipped } } })
      const preview = await s.ws.expect(['preview', '--refresh', '--expect-no-changes', '--diff'], 7)
      assert.ok(preview.stdout.includes(key), `the preview names ${key}`)
      await s.ws.expect(['up', '--refresh', '--yes'])
      const live = (await graph.find(op, path)) as { inboundTrust: Obj }
      assert.equal(live.inboundTrust.isMfaAccepted, entry.inboundTrust.isMfaAccepted)
      await s.ws.expect(['preview', '--refresh', '--expect-no-changes'])
    })

    it('destroy leaves every tenant as it was before the first up', async () => {
      await s.ws.expect(['destroy', '--yes'])
      const state = await s.ws.expect(['stack', 'export'])
      assert.equal(
        (JSON.parse(state.stdout) as { deployment: { resources?: unknown[] } }).deployment.resources
          ?.length ?? 0,
        0,
      )
      // The topology may ask for synced users to be disabled, never deleted: destroy honours that, so
      // those users (and only those, disabled) are set aside before comparing.
      const disabledSynced = (i: number, snapshot: Obj): string[] =>
        topology.sync?.deprovision !== 'disable'
          ? []
          : (snapshot.users as string[]).filter((u) => !(beforeFirstUp[i]!.users as string[]).includes(u))
      const comparable = (snapshot: Obj, i: number): Obj => {
        const left = disabledSynced(i, snapshot)
        return { ...snapshot, users: (snapshot.users as string[]).filter((u) => !left.includes(u)) }
      }
      // Leaving a multitenant organization completes asynchronously (a second here): wait for it.
      const afterDestroy = await settledSnapshots(snapshots, beforeFirstUp, comparable)
      for (const [i, alias] of aliases().entries()) {
        const left = disabledSynced(i, afterDestroy[i]!)
        assert.deepEqual(
          left.map((u) => u.split(' ')[0]!.split('@')[0]!.toLowerCase()).sort(),
          topology.sync?.deprovision === 'disable'
            ? syncedInto(topology, alias)
                .map((prefix) => `${prefix}#ext#`)
                .sort()
            : [],
          `${alias}: the synced users left behind`,
        )
        for (const u of left) assert.match(u, / enabled=false$/, `${u} is disabled`)
        assert.deepEqual(comparable(afterDestroy[i]!, i), beforeFirstUp[i], `${alias} after destroy`)
      }
    })
  })
}
