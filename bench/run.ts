// `npm run bench -- <name>`: runs one benchmark from this folder (or lists them).
import * as fs from 'node:fs'
import * as path from 'node:path'

const benchmarks: Record<string, string> = {
  emulator: 'emulatorPartnerRead.ts',
  provisioning: 'provisioningCycle.ts',
  refresh: 'topologyRefresh.ts',
  topology: 'topologyPlan.ts',
}
const name = process.argv[2]
if (name === undefined || benchmarks[name] === undefined) {
  process.stderr.write(`Usage: npm run bench -- <${Object.keys(benchmarks).join('|')}>\n`)
  process.exit(2)
}
const file = path.join(__dirname, benchmarks[name])
if (!fs.existsSync(file)) throw new Error(`missing ${file}`)
void import(file)
