// Both reports from real previews against the emulator: the conglomerate stack is applied with the real
// engine; then a topology change (insurance -> shared removed) is previewed with `pulumi preview --json`
// and reported by `entra-topology plan`, and a change made by hand through Graph (bank's MFA trust
// turned off in shared) is caught by `pulumi preview --refresh --json` and reported by
// `entra-topology drift --stack`, which reads the audit records from the tenants with the stack's own
// credentials. The command line runs as a user runs it: bin/entra-topology in the stack's project.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { projectRoot } from '../../tools/engine/ensure'
import { startTopologyStack, type TopologyStack } from './topologyStack'

function entraTopology(
  s: TopologyStack,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(projectRoot, 'bin/entra-topology'), ...args],
      { cwd: s.ws.dir, env: s.ws.env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    )
  })
}

const graphOf = (s: TopologyStack, alias: string) => {
  const c = s.credentials[alias]!
  return s.t.graph({ tenantId: c.tenantId, appId: c.clientId, clientSecret: c.clientSecret })
}
async function groupId(graph: ReturnType<typeof graphOf>, mailNickname: string): Promise<string> {
  const found = (await graph.api('/groups').filter(`mailNickname eq '${mailNickname}'`).get()) as {
    value: { id: string }[]
  }
  return found.value[0]!.id
}

describe('the plan and drift reports from real previews against the emulator', () => {
  let s: TopologyStack
  let extraMember: (add: boolean) => Promise<void>
  before(async () => {
    s = await startTopologyStack('reports', 'conglomerate')
    await s.ws.expect(['up', '--yes', '--skip-preview'])
    // A member the file does not list, added by hand to insurance's scoping group: the live blast
    // radius must count them, the file cannot. Then a cycle brings everyone in scope into shared.
    const insurance = graphOf(s, 'insurance')
    const extra = (await insurance.api('/users').post({
      accountEnabled: true,
      displayName: 'Iris Novak',
      mailNickname: 'iris.novak',
      userPrincipalName: 'iris.novak@woodgroveinsurance.com',
      mail: 'iris.novak@woodgroveinsurance.com',
      passwordProfile: { password: 'Unused-in-tests-1!' },
    })) as { id: string }
    extraMember = async (add) => {
      const group = await groupId(insurance, 'shared-workspace')
      if (add)
        await insurance
          .api(`/groups/${group}/members/$ref`)
          .post({ '@odata.id': `${s.t.emulator.url}/v1.0/directoryObjects/${extra.id}` })
      else await insurance.api(`/groups/${group}/members/${extra.id}/$ref`).delete()
    }
    await extraMember(true)
    await s.t.admin('POST', '/provisioning/run', {})
  })
  after(() => s.dispose())

  it('plan: reports the pair removal with the users it deprovisions and the preview by pair', async () => {
    const original = fs.readFileSync(s.topologyFile, 'utf8')
    const beforeFile = path.join(s.ws.dir, 'before.topology.yaml')
    fs.writeFileSync(beforeFile, original)
    fs.writeFileSync(
      s.topologyFile,
      original.replace(/^( {2}hub: shared.*)$/m, '$1\n  tenants: [shared, bank]'),
    )
    try {
      const preview = await s.ws.expect(['preview', '--json'])
      fs.writeFileSync(path.join(s.ws.dir, 'preview.json'), preview.stdout)
      const topology = path.relative(s.ws.dir, s.topologyFile)
      const args = [
        'plan',
        '--topology',
        topology,
        '--before',
        'before.topology.yaml',
        '--preview',
        'preview.json',
        '--stack',
        'reports',
      ]
      const plan = await entraTopology(s, args)
      assert.equal(plan.code, 0, plan.stderr)
      assert.match(plan.stdout, /^<!-- entra-topology plan stack=reports -->/)
      assert.match(plan.stdout, /\| Sync pairs \| 0 added, 1 removed, 0 changed, 1 unchanged \|/)
      assert.match(
        plan.stdout,
        /insurance → shared stops synchronizing: 2 users the file lists will be soft-deleted/,
      )
      assert.match(plan.stdout, /hannah\.schmidt@woodgroveinsurance\.com/)
      assert.match(plan.stdout, /t_insurance -\.->\|removed\| t_shared/)
      assert.match(
        plan.stdout,
        /\| `insurance\/sync\/shared\/assign\/group\/shared-workspace` \| SyncScopeAssignment \| \*\*delete\*\* \|/,
      )
      const json = await entraTopology(s, [...args, '--format', 'json'])
      const report = JSON.parse(json.stdout) as { summary: { resources: Record<string, number> } }
      assert.deepEqual(report.summary.resources, { create: 0, update: 2, replace: 0, delete: 6, same: 0 })
      // Read from the tenants: the hand-added member leaves too, and all three are in shared now.
      const live = await entraTopology(s, [...args, '--live'])
      assert.equal(live.code, 0, live.stderr)
      assert.match(live.stdout, /\| Users deprovisioned \(read from the tenants\) \| ⚠️ 3 \|/)
      assert.match(
        live.stdout,
        /Read from the tenants: 3 users in the scope now leave it; 3 of them are in the target now/,
      )
      assert.match(live.stdout, /iris\.novak@woodgroveinsurance\.com/)

      // A narrowed scope: a member the file takes out of bank's group is in shared now.
      fs.writeFileSync(s.topologyFile, original.replace('        - liam.okafor@woodgrovebank.com\n', ''))
      const narrowed = await s.ws.expect(['preview', '--json'])
      fs.writeFileSync(path.join(s.ws.dir, 'preview.json'), narrowed.stdout)
      const scope = await entraTopology(s, [...args, '--live'])
      assert.equal(scope.code, 0, scope.stderr)
      assert.match(
        scope.stdout,
        /the scope of bank narrows \(1 member out of shared-workspace\): 1 user the file lists/,
      )
      assert.match(
        scope.stdout,
        /Read from the tenants: 1 user in the scope now leaves it; 1 of them is in the target now/,
      )
    } finally {
      fs.writeFileSync(s.topologyFile, original)
      await extraMember(false)
    }
  })

  it('drift: names the tenant, object, field, desired and live values, and who changed it (exit 3)', async () => {
    const c = s.credentials.shared!
    const shared = graphOf(s, 'shared')
    await shared
      .api(`/policies/crossTenantAccessPolicy/partners/${s.credentials.bank!.tenantId}`)
      .patch({ inboundTrust: { isMfaAccepted: false } })
    const preview = await s.ws.expect(['preview', '--refresh', '--json'])
    fs.writeFileSync(path.join(s.ws.dir, 'refresh.json'), preview.stdout)
    const drift = await entraTopology(s, [
      'drift',
      '--preview',
      'refresh.json',
      '--stack',
      'reports',
      '--format',
      'json',
    ])
    assert.equal(drift.code, 3, drift.stderr)
    const report = JSON.parse(drift.stdout) as {
      items: {
        severity: string
        tenant: string
        resource: string
        field: string
        desired: unknown
        live: unknown
        audit?: { activity: string; who: string }
      }[]
      auditErrors: unknown[]
    }
    assert.deepEqual(report.auditErrors, [])
    assert.equal(report.items.length, 1)
    const [item] = report.items
    assert.deepEqual(
      { ...item, audit: undefined },
      {
        ...item,
        severity: 'high',
        tenant: 'shared',
        resource: 'shared/partner/bank',
        field: 'inboundTrust.isMfaAccepted',
        desired: true,
        live: false,
        audit: undefined,
      },
    )
    assert.equal(item!.audit?.activity, 'Update a partner cross-tenant access setting')
    assert.match(item!.audit.who, new RegExp(`\\(${c.clientId}\\)`))

    await s.ws.expect(['up', '--refresh', '--yes'])
    const clean = await s.ws.expect(['preview', '--refresh', '--json'])
    fs.writeFileSync(path.join(s.ws.dir, 'refresh.json'), clean.stdout)
    const none = await entraTopology(s, ['drift', '--preview', 'refresh.json', '--stack', 'reports'])
    assert.equal(none.code, 0, none.stderr)
    assert.match(none.stdout, /No drift/)
  })
})
