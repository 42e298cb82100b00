// Benchmark: validating and planning a 100-tenant mesh (9,900 sync pairs), next to the `yaml` package's
// bare parse of the same text. Validate is the whole of `entra-topology validate` (YAML with positions,
// the schema, every rule); plan is planTopology (src/topology/plan/planner.ts), skipped with a note while
// it does not exist. Two measurements in one run:
// - a fresh child process validates and plans once, as a command would: its time (module loading and
//   the schema's compilation included) and its memory are what the goal is about;
// - this process then times parse, validate and plan side by side over a few rounds (alternating, so
//   drift on a noisy machine hits all three) and prints the ratio (validate + plan) / parse.
// Goal (issue 5): validate + plan of the 100-tenant mesh under 2 s and 300 MB.
//
//   npm run bench -- topology        (BENCH_TENANTS=n to change the size, BENCH_ROUNDS=n the rounds)
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { parse } from 'yaml'
import type * as Model from '../src/topology/model'
import type { ResolvedTopology } from '../src/topology/model'
import type * as Validate from '../src/topology/validate'
import type { ValidationResult } from '../src/topology/validate'
import { meshText } from './support/mesh'

const tenantCount = Number(process.env.BENCH_TENANTS ?? 100)
const rounds = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 5))
const membersPerGroup = 3
const topologyDir = path.join(__dirname, '..', 'src', 'topology')
const plannerFile = path.join(topologyDir, 'plan', 'planner.ts')

interface Plan {
  readonly pairs: readonly unknown[]
  readonly objects: Readonly<Record<string, unknown>>
}

/** The topology modules, imported on demand so their loading (and ajv's compile) can be timed. */
async function loadModules() {
  const load = async <T>(file: string): Promise<T> => (await import(path.resolve(topologyDir, file))) as T
  return {
    validate: await load<typeof Validate>('validate.ts'),
    model: await load<typeof Model>('model.ts'),
    planner: fs.existsSync(plannerFile)
      ? await load<{ planTopology: (t: ResolvedTopology) => Plan }>(plannerFile)
      : undefined,
  }
}
type Modules = Awaited<ReturnType<typeof loadModules>>

/** A file the rules refuse (the mesh may exceed a policy limit) is still planned, from the parsed data. */
const plannable = (modules: Modules, text: string, validation: ValidationResult): ResolvedTopology =>
  validation.topology ??
  modules.model.resolveTopology(parse(text) as Parameters<typeof modules.model.resolveTopology>[0])

const since = (started: number): number => performance.now() - started
const gc = (): void => (globalThis as { gc?: () => void }).gc?.()
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`
const ms = (value: number): string => `${value.toFixed(0)} ms`.padStart(9)
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!

interface OnceReport {
  baseRss: number
  loadMs: number
  validateMs: number
  planMs: number | null
  peakRss: number
  heapAfterGc: number
  valid: boolean
  diagnostics: Record<string, number>
  pairs: number
  objects: number | null
}

/** The child: one validate and one plan in a fresh process, as a command would run them. */
async function once(): Promise<void> {
  const text = meshText(tenantCount, { organization: 'Benchmark', membersPerGroup })
  const baseRss = process.resourceUsage().maxRSS * 1024
  let started = performance.now()
  const modules = await loadModules()
  const loadMs = since(started)
  started = performance.now()
  const validation = modules.validate.validateTopologyText(text, 'bench.topology.yaml')
  const validateMs = since(started)
  started = performance.now()
  const plan = modules.planner?.planTopology(plannable(modules, text, validation))
  const planMs = plan === undefined ? null : since(started)
  gc()
  const diagnostics: Record<string, number> = {}
  for (const d of validation.diagnostics) {
    const key = `${d.severity} ${d.ruleId}`
    diagnostics[key] = (diagnostics[key] ?? 0) + 1
  }
  const report: OnceReport = {
    baseRss,
    loadMs,
    validateMs,
    planMs,
    peakRss: process.resourceUsage().maxRSS * 1024,
    heapAfterGc: process.memoryUsage().heapUsed,
    valid: validation.topology !== undefined,
    diagnostics,
    pairs: plan?.pairs.length ?? validation.topology?.sync?.pairs.length ?? 0,
    // Read after the memory figures, so the plan is still alive when they are taken.
    objects: plan === undefined ? null : Object.keys(plan.objects).length,
  }
  process.stdout.write(JSON.stringify(report))
}

/** This process: parse, validate and plan side by side over a few rounds. */
async function sideBySide(): Promise<{ parse: number[]; validate: number[]; plan: number[] }> {
  const text = meshText(tenantCount, { organization: 'Benchmark', membersPerGroup })
  const modules = await loadModules()
  const timings = { parse: [] as number[], validate: [] as number[], plan: [] as number[] }
  // A collection before each step, so none pays for the garbage of the one before.
  const timed = (work: () => void): number => {
    gc()
    const started = performance.now()
    work()
    return since(started)
  }
  for (let round = 0; round < rounds; round++) {
    timings.parse.push(timed(() => void parse(text)))
    let validation: ValidationResult | undefined
    timings.validate.push(
      timed(() => (validation = modules.validate.validateTopologyText(text, 'bench.topology.yaml'))),
    )
    const planner = modules.planner
    if (planner === undefined) continue
    const topology = plannable(modules, text, validation!)
    timings.plan.push(timed(() => planner.planTopology(topology)))
  }
  return timings
}

async function main(): Promise<void> {
  const text = meshText(tenantCount, { organization: 'Benchmark', membersPerGroup })
  const planned = fs.existsSync(plannerFile)
  process.stdout.write(
    `${tenantCount}-tenant mesh: ${(text.length / 1024).toFixed(0)} KB of YAML, ${text.split('\n').length - 1} lines\n`,
  )
  if (!planned) process.stdout.write(`note: ${plannerFile} does not exist yet; plan skipped\n`)

  const child = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', __filename, '--once'], {
      encoding: 'utf8',
      env: process.env,
    }),
  ) as OnceReport
  const diagnostics = Object.entries(child.diagnostics)
  process.stdout.write(
    `validation: ${child.valid ? 'valid' : 'INVALID'}, ` +
      `${diagnostics.length === 0 ? 'no diagnostics' : diagnostics.map(([rule, n]) => `${n} ${rule}`).join(', ')}` +
      `${child.valid || !planned ? '' : ' (planned anyway, from the parsed file)'}\n`,
  )
  process.stdout.write(
    `pairs: ${child.pairs.toLocaleString('en')}` +
      `${child.objects === null ? '' : `; objects planned: ${child.objects.toLocaleString('en')}`}\n\n`,
  )
  const total = child.loadMs + child.validateMs + (child.planMs ?? 0)
  process.stdout.write(
    `fresh process, once: modules ${child.loadMs.toFixed(0)} ms + validate ${child.validateMs.toFixed(0)} ms` +
      `${child.planMs === null ? '' : ` + plan ${child.planMs.toFixed(0)} ms`} = ${total.toFixed(0)} ms; ` +
      `peak RSS ${mb(child.peakRss)} (${mb(child.baseRss)} before loading the topology modules), ` +
      `heap after GC ${mb(child.heapAfterGc)} with the result held\n\n`,
  )

  const timings = await sideBySide()
  const row = (name: string, values: readonly number[]): string =>
    values.length === 0
      ? `${name.padEnd(20)}  (skipped)\n`
      : `${name.padEnd(20)}${ms(values[0]!)}${ms(median(values.slice(1)))}\n`
  const both = timings.validate.map((v, i) => v + (timings.plan[i] ?? 0))
  process.stdout.write(
    `side by side, ${rounds} rounds${''.padEnd(2)}${'first'.padStart(9)}${'median'.padStart(9)}\n`,
  )
  process.stdout.write(row('yaml parse only', timings.parse))
  process.stdout.write(row('validate', timings.validate))
  process.stdout.write(row('plan', timings.plan))
  process.stdout.write(row(planned ? 'validate + plan' : 'validate (no plan)', both))
  process.stdout.write(
    `ratio (validate${planned ? ' + plan' : ''}) / parse: ${(median(both.slice(1)) / median(timings.parse.slice(1))).toFixed(1)} (medians)\n\n`,
  )

  const timeMet = total < 2000
  const memoryMet = child.peakRss < 300e6
  process.stdout.write(
    `goal (issue 5), fresh process: validate${planned ? ' + plan' : ' (plan skipped)'} under 2 s: ` +
      `${total.toFixed(0)} ms, ${timeMet ? 'met' : 'NOT met'}; under 300 MB peak RSS: ${mb(child.peakRss)}, ` +
      `${memoryMet ? 'met' : 'NOT met'}\n`,
  )
}

void (process.argv.includes('--once') ? once() : main())
