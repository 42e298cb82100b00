// `entra-topology emulator --seed FILE`: seeds the emulator just started through its own admin API,
// keeping the dev credentials in a file only its owner can read (never printed).
import * as fs from 'node:fs'
import * as path from 'node:path'
import * as tls from 'node:tls'
import type { RunningEmulator } from '../emulator/server'
import { applySeed, readSeed, type SeedCredentials } from '../emulator/seed'

export const credentialsFileName = 'seed-credentials.json'

export async function seedEmulator(
  emulator: RunningEmulator,
  seedFile: string,
  dataDir: string,
): Promise<string> {
  const tenants = readSeed(seedFile)
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), emulator.caPem])
  const admin = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${emulator.url}/_emulator${route}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    })
    const text = await response.text()
    return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown> }
  }
  const file = path.join(dataDir, credentialsFileName)
  const known = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as SeedCredentials) : {}
  const credentials = await applySeed(admin, tenants, known)
  fs.mkdirSync(dataDir, { recursive: true })
  fs.writeFileSync(file, `${JSON.stringify({ ...known, ...credentials }, null, 2)}\n`, { mode: 0o600 })
  const users = tenants.reduce((n, t) => n + t.users.length, 0)
  return `Seeded from ${seedFile}: tenants ${tenants.map((t) => t.alias).join(', ')} and the ${users} user(s) they name exist; client credentials in ${file}`
}
