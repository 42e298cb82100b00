// Benchmark: one provisioning cycle that provisions 10,000 users into each of 10 target tenants
// (100,000 B2B users), next to the following cycle with nothing to do, in one run, in an emulator child
// process configured over Graph as a real client would (graph-api.md §3.1). Prints both times, the
// cost per provisioned user net of the idle cycle, and the child's memory. Goal (issue 4): the full
// cycle under 30 s on these machines.
//
//   npm run bench -- provisioning        (BENCH_USERS=n, BENCH_TARGETS=n to change the size;
//                                          BENCH_DURABLE=1 for the SQLite file mode instead of memory)
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as tls from 'node:tls'
import { startChild } from './support/children'

const userCount = Number(process.env.BENCH_USERS ?? 10_000)
const targetCount = Number(process.env.BENCH_TARGETS ?? 10)
const ctsTemplate = '518e5f48-1fc8-4c48-9387-9fdf28b0dfe7'
type Obj = Record<string, unknown>

async function call(url: string, method: string, body?: unknown, headers: Obj = {}): Promise<Obj> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(headers as Record<string, string>),
    },
    ...(body === undefined ? {} : { body: body instanceof URLSearchParams ? body : JSON.stringify(body) }),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`)
  return (text === '' ? {} : JSON.parse(text)) as Obj
}

async function main(): Promise<void> {
  const dataDir =
    process.env.BENCH_DURABLE === '1'
      ? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-provisioning-'))
      : undefined
  const emulator = await startChild('emulatorChild', dataDir === undefined ? [] : [dataDir])
  process.stdout.write(
    `emulator state: ${dataDir === undefined ? 'in memory' : `SQLite file in ${dataDir}`}\n`,
  )
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), emulator.caPem!])
  const admin = (method: string, path: string, body?: unknown): Promise<Obj> =>
    call(`${emulator.url}/_emulator${path}`, method, body)
  await admin('PUT', '/throttling', { enabled: false })
  await admin('PUT', '/settings/provisioning', { automatic: false })
  const roles = [
    'Policy.ReadWrite.CrossTenantAccess',
    'Application.ReadWrite.All',
    'Synchronization.ReadWrite.All',
    'AppRoleAssignment.ReadWrite.All',
  ]
  const tenant = async (
    name: string,
  ): Promise<{ id: string; graph: (m: string, p: string, b?: unknown) => Promise<Obj> }> => {
    const created = await admin('POST', '/tenants', { displayName: name })
    const id = String(created.id)
    const app = await admin('POST', `/tenants/${id}/apps`, { roles })
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: String(app.appId),
      client_secret: String(app.clientSecret),
      scope: 'https://graph.microsoft.com/.default',
    })
    const token = await call(`${emulator.url}/${id}/oauth2/v2.0/token`, 'POST', form)
    const auth = { Authorization: `Bearer ${String(token.access_token)}` }
    return { id, graph: (m, p, b) => call(`${emulator.url}/v1.0${p}`, m, b, auth) }
  }
  const setupStarted = performance.now()
  const source = await tenant('Bench Source')
  const users = Array.from({ length: userCount }, (_, i) => ({
    displayName: `User ${i}`,
    department: `Dept ${i % 20}`,
    jobTitle: 'Engineer',
    mail: `user${i}@benchsource.example`,
  }))
  const created = await admin('POST', `/tenants/${source.id}/users`, { users })
  const ids = (created.value as Obj[]).map((u) => String(u.id))
  const groups = await admin('POST', `/tenants/${source.id}/groups`, {
    groups: [{ displayName: 'Everyone synced', securityEnabled: true, mailEnabled: false, members: ids }],
  })
  const groupId = String((groups.value as Obj[])[0]!.id)
  const partners = '/policies/crossTenantAccessPolicy/partners'
  for (let i = 0; i < targetCount; i++) {
    const target = await tenant(`Bench Target ${i}`)
    await target.graph('POST', partners, { tenantId: source.id })
    await target.graph('PUT', `${partners}/${source.id}/identitySynchronization`, {
      userSyncInbound: { isSyncAllowed: true },
    })
    await target.graph('PATCH', `${partners}/${source.id}`, {
      automaticUserConsentSettings: { inboundAllowed: true },
    })
    await source.graph('POST', partners, { tenantId: target.id })
    await source.graph('PATCH', `${partners}/${target.id}`, {
      automaticUserConsentSettings: { outboundAllowed: true },
    })
    const instance = await source.graph('POST', `/applicationTemplates/${ctsTemplate}/instantiate`, {
      displayName: `Target ${i}`,
    })
    const sp = instance.servicePrincipal as Obj
    const role = (sp.appRoles as Obj[]).find((r) => r.displayName === 'msiam_access')!
    const base = `/servicePrincipals/${String(sp.id)}/synchronization`
    const job = await source.graph('POST', `${base}/jobs`, { templateId: 'Azure2Azure' })
    await source.graph('PUT', `${base}/secrets`, {
      value: [
        { key: 'AuthenticationType', value: 'SyncPolicy' },
        { key: 'CompanyId', value: target.id },
        { key: 'SyncAll', value: 'false' },
      ],
    })
    await source.graph('POST', `/servicePrincipals/${String(sp.id)}/appRoleAssignedTo`, {
      principalId: groupId,
      resourceId: sp.id,
      appRoleId: role.id,
    })
    await source.graph('POST', `${base}/jobs/${String(job.id)}/start`)
  }
  process.stdout.write(
    `setup: ${userCount} users in one group, ${targetCount} configurations, in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s\n`,
  )
  const before = await emulator.rssBytes()
  const cycle = async (): Promise<{ seconds: number; created: number }> => {
    const started = performance.now()
    const reports = (await admin('POST', '/provisioning/run', {})).value as { counts: { created: number } }[]
    return {
      seconds: (performance.now() - started) / 1000,
      created: reports.reduce((n, r) => n + r.counts.created, 0),
    }
  }
  const full = await cycle()
  const idle = await cycle()
  const after = await emulator.rssBytes()
  const peak = await emulator.peakRssBytes()
  const perUserUs = ((full.seconds - idle.seconds) * 1e6) / Math.max(1, full.created)
  process.stdout.write(
    [
      `cycle provisioning ${full.created} users (${userCount} x ${targetCount} targets): ${full.seconds.toFixed(2)} s   (goal < 30 s: ${full.seconds < 30 ? 'met' : 'NOT met'})`,
      `cycle with nothing to do (same ${targetCount} jobs):            ${idle.seconds.toFixed(2)} s   (${idle.created} created)`,
      `ratio full/idle: ${(full.seconds / idle.seconds).toFixed(1)}   cost per provisioned user, net of the idle cycle: ${perUserUs.toFixed(0)} µs`,
      `emulator memory: ${(before / 1e6).toFixed(0)} MB before, ${(after / 1e6).toFixed(0)} MB after (RSS after GC), peak ${(peak / 1e6).toFixed(0)} MB`,
      '',
    ].join('\n'),
  )
  await emulator.stop()
  if (dataDir !== undefined) fs.rmSync(dataDir, { recursive: true, force: true })
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`)
  process.exit(1)
})
