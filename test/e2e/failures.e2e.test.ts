// How the real engine fails, on the acquisition stack against the emulator: an invalid topology stops
// before any request reaches Graph (the emulator's counters stay at zero for Graph routes), and an app
// missing a Graph permission fails with the tenant, the operation and the permission to grant.
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { startTopologyStack, type TopologyStack } from './topologyStack'

type Counter = { route: string; status: number; count: number }

describe('failures through the real engine', { timeout: 600_000 }, () => {
  let s: TopologyStack
  before(async () => {
    s = await startTopologyStack('e2e', 'acquisition')
  })
  after(() => s?.dispose())

  const graphRequests = async (): Promise<number> => {
    const counters = await s.t.admin<{ value: Counter[] | Record<string, unknown> }>('GET', '/counters')
    const list = Array.isArray(counters.body.value) ? counters.body.value : []
    return list.filter((c) => !String(c.route).includes('/_emulator')).length
  }

  it('stops on an invalid topology before any request reaches Graph, naming file, line and fix', async () => {
    const valid = fs.readFileSync(s.topologyFile, 'utf8')
    fs.writeFileSync(s.topologyFile, valid.replace(/topology: mesh/, 'topology: mesh\n  hub: nowhere'))
    await s.t.admin('DELETE', '/counters')
    const up = await s.ws.run(['up', '--yes', '--skip-preview'])
    assert.notEqual(up.code, 0)
    assert.match(up.stdout + up.stderr, /acquisition\.topology\.yaml:\d+:\d+: .*\/sync\/hub/)
    assert.match(up.stdout + up.stderr, /nothing was changed in any tenant/)
    assert.equal(await graphRequests(), 0, 'no Graph or token request was made')
    fs.writeFileSync(s.topologyFile, valid)
  })

  it('names the tenant, the operation and the permission when an app lacks one', async () => {
    const [alias, c] = Object.entries(s.credentials)[0]!
    const weak = await s.t.createApp(c.tenantId, ['Policy.Read.All'])
    await s.ws.expect(['config', 'set', `${alias}.clientId`, weak.appId])
    await s.ws.expect(['config', 'set', '--secret', `${alias}.clientSecret`, weak.clientSecret])
    const up = await s.ws.run(['up', '--yes', '--skip-preview'])
    assert.notEqual(up.code, 0)
    const text = up.stdout + up.stderr
    assert.match(text, new RegExp(`tenant ${alias} \\(${c.tenantId}\\): create the partner configuration`))
    assert.match(
      text,
      /grant it the Microsoft Graph application permission Policy\.ReadWrite\.CrossTenantAccess/,
    )
    assert.ok(!text.includes(weak.clientSecret) && !text.includes(c.clientSecret), 'no secret in the output')
  })
})
