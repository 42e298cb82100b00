// Benchmark: the emulator's rate on an authenticated partner read (GET .../partners/{id} with a bearer
// token, over HTTPS), next to a bare node:http server answering the same payload, measured side by side
// in one run (rounds alternate so drift on a noisy machine hits both). Then the emulator's memory with
// 100 tenants and 100,000 users. Goals (issue 3): rate ratio >= 0.3, p99 < 10 ms, memory < 300 MB.
//
//   npm run bench -- emulator        (BENCH_SECONDS=n per round, default 5)
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as tls from 'node:tls'
import { startChild, type ChildServer } from './support/children'
import { runLoad, type LoadResult } from './support/load'

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const concurrency = 8
const partnerId = '9f8a2b6c-4d5e-4a7f-9b2c-3d4e5f6a7b8c'

async function json(url: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const response = await fetch(url, init)
  const text = await response.text()
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${text}`)
  return (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  json(url, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...headers },
  })

function combine(results: LoadResult[]): LoadResult {
  const sum = (f: (r: LoadResult) => number): number => results.reduce((a, r) => a + f(r), 0)
  return {
    requests: sum((r) => r.requests),
    perSecond: sum((r) => r.perSecond) / results.length,
    p50Ms: Math.max(...results.map((r) => r.p50Ms)),
    p99Ms: Math.max(...results.map((r) => r.p99Ms)),
    errors: sum((r) => r.errors),
  }
}

async function main(): Promise<void> {
  const emulator = await startChild('emulatorChild')
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), emulator.caPem!])
  // Graph's throttling (on by default) would cap one app at 350 RU/s: this measures the emulator's own cost.
  await json(`${emulator.url}/_emulator/throttling`, {
    method: 'PUT',
    body: JSON.stringify({ enabled: false }),
  })
  const tenant = await post(`${emulator.url}/_emulator/tenants`, { displayName: 'Bench' })
  const app = await post(`${emulator.url}/_emulator/tenants/${String(tenant.id)}/apps`, {
    roles: ['Policy.ReadWrite.CrossTenantAccess'],
  })
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: String(app.appId),
    client_secret: String(app.clientSecret),
    scope: 'https://graph.microsoft.com/.default',
  })
  const token = await json(`${emulator.url}/${String(tenant.id)}/oauth2/v2.0/token`, {
    method: 'POST',
    body: form,
  })
  const auth = { Authorization: `Bearer ${String(token.access_token)}` }
  await post(`${emulator.url}/v1.0/policies/crossTenantAccessPolicy/partners`, { tenantId: partnerId }, auth)
  const partnerUrl = `${emulator.url}/v1.0/policies/crossTenantAccessPolicy/partners/${partnerId}`
  const payload = JSON.stringify(await json(partnerUrl, { headers: auth }))
  const bare = await startChild('bareChild', [payload])

  const load = { seconds, concurrency }
  await runLoad(partnerUrl, { ...load, seconds: 1, headers: auth, ca: emulator.caPem! })
  await runLoad(bare.url, { ...load, seconds: 1 })
  const emulatorRounds: LoadResult[] = []
  const bareRounds: LoadResult[] = []
  for (let round = 0; round < 2; round++) {
    emulatorRounds.push(await runLoad(partnerUrl, { ...load, headers: auth, ca: emulator.caPem! }))
    bareRounds.push(await runLoad(bare.url, load))
  }
  const e = combine(emulatorRounds)
  const b = combine(bareRounds)
  const row = (name: string, r: LoadResult): string =>
    `${name.padEnd(34)} ${r.perSecond.toFixed(0).padStart(8)} req/s   p50 ${r.p50Ms.toFixed(2).padStart(6)} ms   p99 ${r.p99Ms.toFixed(2).padStart(6)} ms   errors ${r.errors}`
  process.stdout.write(
    `Partner read, ${concurrency} keep-alive connections, 2 rounds of ${seconds}s each, alternating:\n`,
  )
  process.stdout.write(
    `${row('emulator (HTTPS, token, SQLite)', e)}\n${row('bare node:http (same payload)', b)}\n`,
  )
  const ratio = e.perSecond / b.perSecond
  process.stdout.write(
    `ratio emulator/bare: ${ratio.toFixed(2)}   (goal >= 0.30: ${ratio >= 0.3 ? 'met' : 'NOT met'}; p99 goal < 10 ms: ${e.p99Ms < 10 ? 'met' : 'NOT met'})\n`,
  )
  await bare.stop()

  await emulator.stop()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-emulator-'))
  try {
    await measureMemory('in-memory mode', await startChild('emulatorChild'))
    await measureMemory('durable mode, SQLite file', await startChild('emulatorChild', [dataDir]))
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Seeds 100 tenants with 1,000 users each through the admin API, then reads the child's RSS after a GC. */
async function measureMemory(mode: string, emulator: ChildServer): Promise<void> {
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), emulator.caPem!])
  const before = await emulator.rssBytes()
  const started = performance.now()
  for (let t = 0; t < 100; t++) {
    const created = await post(`${emulator.url}/_emulator/tenants`, { displayName: `Tenant ${t}` })
    const users = Array.from({ length: 1000 }, (_, i) => ({
      displayName: `User ${t}-${i}`,
      department: 'Bench',
    }))
    await post(`${emulator.url}/_emulator/tenants/${String(created.id)}/users`, { users })
  }
  const after = await emulator.rssBytes()
  process.stdout.write(
    `memory with 100 tenants and 100,000 users (${mode}): ${(after / 1e6).toFixed(0)} MB RSS (${(before / 1e6).toFixed(0)} MB before seeding; seeded in ${((performance.now() - started) / 1000).toFixed(1)} s; goal < 300 MB: ${after < 300e6 ? 'met' : 'NOT met'})\n`,
  )
  await emulator.stop()
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`)
  process.exit(1)
})
