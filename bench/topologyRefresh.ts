// Benchmark: `pulumi preview --refresh` of a 10-tenant mesh topology on the emulator, next to the same
// command on a stack of as many no-op dynamic resources, in one run.
// - A: a mesh (every ordered pair synced, a scoping group of three members per tenant, the scope naming
//   it), seeded into an in-memory emulator and applied with a real `pulumi up` first
//   (test/e2e/topologyStack.ts, the e2e tests' setup: provisioning cycles off, fast MTO settings).
// - B: a second stack of the same copied project with `noopCount` set to the number of custom resources
//   A manages: the program's smoke branch then declares that many NoopResources (src/smoke/noop.ts),
//   whose read returns the stored props and does no I/O. B is a stack of the same project rather than
//   a tiny project of its own so that both pay exactly the same fixed costs (CLI start, the language
//   host compiling the same program, the dynamic-provider process): what differs is what A's resources
//   do (Graph reads over HTTPS, and provider closures that carry the Graph client's code) and no more.
// - C, with BENCH_PADDED=1: B again, its provider padded (`noopProviderPadding`) so the `__provider`
//   text every resource carries is as long as A's mean. C - B is what that text's size costs; A - C
//   is what the Graph reads and the topology program cost. Its `up` takes minutes (the file backend
//   writes the whole state after every step), hence opt-in.
// Rounds alternate the stacks (the order rotates every round, so drift on a noisy machine hits all);
// every run passes --expect-no-changes, so a refresh that finds drift fails the benchmark instead of
// timing a different operation. Printed: medians, the ratio A/B (goal < 1.5), the managed resources,
// and Graph requests per managed resource during A's refresh (goal < 1.2): HTTP requests to Graph as the
// emulator received them (a $batch call counts once), and Graph operations as the emulator's counters
// have them ($batch items one by one). Token requests go to the authority's endpoint, not to Graph, and
// are counted apart. Also: the emulator's CPU time (it runs in this process) and the bytes of the
// automatic log the CLI wrote.
//
//   npm run bench -- refresh   (BENCH_TENANTS=n mesh size, BENCH_ROUNDS=n rounds, BENCH_PADDED=1 adds C)
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { startTopologyStack, type TopologyStack } from '../test/e2e/topologyStack'
import {
  classifyCounters,
  countWireRequests,
  type CounterRow,
  type EmulatorCounts,
  type WireCounter,
  type WireCounts,
} from './support/requestCounts'
import { autoLogFolder, listLogs, newLogBytes, readStackState, type StackState } from './support/stackState'
import { meshText } from './support/mesh'

const tenantCount = Number(process.env.BENCH_TENANTS ?? 10)
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3))
const padded = process.env.BENCH_PADDED === '1'
const membersPerGroup = 3

const since = (started: number): number => performance.now() - started
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
const kb = (chars: number): string => `${(chars / 1000).toFixed(1)} KB`
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`

interface Stack {
  readonly label: string
  readonly name: string
  state?: StackState
  readonly times: number[]
  /** The first measured run. */
  first?: Measured
}

interface Measured {
  readonly ms: number
  readonly wire: WireCounts
  readonly emulator: EmulatorCounts
  /** CPU of this process (the emulator, mostly) meanwhile. */
  readonly emulatorCpuMs: number
  /** Bytes of automatic log the CLI wrote. */
  readonly logBytes: number
}

/** One `pulumi preview --refresh` of `stack`, timed, with what the emulator served meanwhile. */
async function refreshPreview(s: TopologyStack, wire: WireCounter, stack: string): Promise<Measured> {
  await s.t.admin('DELETE', '/counters')
  wire.reset()
  const logs = listLogs(autoLogFolder(s.ws))
  const cpu = process.cpuUsage()
  const started = performance.now()
  await s.ws.expect(['preview', '--refresh', '--expect-no-changes', '--stack', stack])
  const ms = since(started)
  const used = process.cpuUsage(cpu)
  const snapshot = wire.snapshot()
  const counters = await s.t.admin<{ value: CounterRow[] }>('GET', '/counters')
  return {
    ms,
    wire: snapshot,
    emulator: classifyCounters(counters.body.value),
    emulatorCpuMs: (used.user + used.system) / 1000,
    logBytes: newLogBytes(autoLogFolder(s.ws), logs),
  }
}

/** `pulumi up` of a stack, then what its state holds. */
async function apply(s: TopologyStack, stack: Stack): Promise<string> {
  const started = performance.now()
  await s.ws.expect(['up', '--yes', '--skip-preview', '--stack', stack.name])
  const upMs = since(started)
  const state = (stack.state = await readStackState(s.ws, stack.name))
  const kinds = Object.entries(state.byKind).map(([kind, n]) => `${n} ${kind}`)
  return (
    `${stack.label}: ${state.managed} custom resources (${kinds.join(', ')}); ` +
    `__provider ${kb(state.providerChars)} each on average; state ${mb(state.stateBytes)}; up ${seconds(upMs)}\n`
  )
}

function printRequests(m: Measured, managed: number): void {
  const per = (n: number): string => (n / managed).toFixed(2)
  const items = m.emulator.operations + m.wire.batches - m.wire.graph
  process.stdout.write(
    `during A's first refresh preview:\n` +
      `  HTTP requests to Graph ${m.wire.graph} (${m.wire.batches} of them $batch calls): ` +
      `${per(m.wire.graph)} per managed resource (goal < 1.2: ${m.wire.graph / managed < 1.2 ? 'met' : 'NOT met'})\n` +
      `  Graph operations ${m.emulator.operations} ($batch items one by one, ${items} of them): ` +
      `${per(m.emulator.operations)} per managed resource (${m.emulator.operations / managed < 1.2 ? 'under' : 'over'} 1.2)\n` +
      `  token requests (authority endpoint, not Graph; not counted above) ${m.wire.token}; ` +
      `throttled (429) ${m.emulator.throttled}\n` +
      `  emulator CPU ${seconds(m.emulatorCpuMs)}; the CLI's automatic log ${mb(m.logBytes)}\n` +
      `Graph operations by route:\n`,
  )
  for (const [route, count] of Object.entries(m.emulator.byRoute).sort((x, y) => y[1] - x[1]))
    process.stdout.write(`  ${String(count).padStart(5)}  ${route}\n`)
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-refresh-'))
  const file = path.join(dir, `mesh${tenantCount}.topology.yaml`)
  fs.writeFileSync(
    file,
    meshText(tenantCount, {
      organization: 'Refresh benchmark',
      membersPerGroup,
      groupDisplayName: 'Sync out',
    }),
  )
  // Subscribed before the emulator starts listening (in this process).
  const wire = countWireRequests()
  process.stdout.write(`${tenantCount}-tenant mesh: seeding the emulator and applying the stacks...\n`)
  const s = await startTopologyStack('mesh', file)
  const mesh: Stack = { label: 'A mesh topology', name: 'mesh', times: [] }
  const noop: Stack = { label: 'B no-op resources', name: 'noop', times: [] }
  const pad: Stack = { label: 'C no-op, padded provider', name: 'padded', times: [] }
  const stacks = padded ? [mesh, noop, pad] : [mesh, noop]
  try {
    process.stdout.write(await apply(s, mesh))
    const managed = mesh.state!.managed
    for (const extra of stacks.slice(1)) {
      await s.ws.expect(['stack', 'init', extra.name])
      await s.ws.expect(['config', 'set', 'noopCount', String(managed), '--stack', extra.name])
      if (extra === pad) {
        // The padding is a JS string literal inside B's provider text: A's mean length less B's.
        const padding = Math.max(0, mesh.state!.providerChars - noop.state!.providerChars)
        await s.ws.expect(['config', 'set', 'noopProviderPadding', String(padding), '--stack', extra.name])
      }
      process.stdout.write(await apply(s, extra))
      if (extra.state!.managed !== managed)
        throw new Error(`${extra.name} manages ${extra.state!.managed} resources, the mesh ${managed}`)
    }

    for (let round = 0; round < rounds; round++) {
      const order = stacks.map((_, i) => stacks[(i + round) % stacks.length]!)
      const line: string[] = []
      for (const stack of order) {
        const m = await refreshPreview(s, wire, stack.name)
        if (stack !== mesh && m.wire.graph !== 0)
          throw new Error(`${stack.label}: its refresh sent ${m.wire.graph} Graph requests`)
        stack.times.push(m.ms)
        stack.first ??= m
        line.push(`${stack.label.slice(0, 1)} ${seconds(m.ms)}`)
      }
      process.stdout.write(`round ${round + 1}: ${line.join(', ')}\n`)
    }

    const [a, b, c] = stacks.map((stack) => median(stack.times))
    process.stdout.write(`\npulumi preview --refresh, medians of ${rounds} rounds:\n`)
    for (const stack of stacks)
      process.stdout.write(
        `  ${stack.label.padEnd(26)}${seconds(median(stack.times)).padStart(9)}` +
          `   (CLI automatic log ${mb(stack.first!.logBytes)})\n`,
      )
    process.stdout.write(
      `ratio A/B ${(a! / b!).toFixed(2)} (goal < 1.5: ${a! / b! < 1.5 ? 'met' : 'NOT met'})\n`,
    )
    if (c !== undefined)
      process.stdout.write(
        `ratio C/B ${(c / b!).toFixed(2)}: the provider text's size makes ` +
          `${(((c - b!) / (a! - b!)) * 100).toFixed(0)}% of A's extra time, Graph reads and the topology program the rest\n`,
      )
    process.stdout.write('\n')
    printRequests(mesh.first!, managed)
  } finally {
    await s.dispose()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
