// `npm run demo`: the conglomerate example (stacks/conglomerate.topology.yaml: two companies syncing
// into a shared resource tenant, with a multitenant organization) applied to the local Graph emulator
// through the real `pulumi up`, then one provisioning cycle, then who is now in each tenant and how.
// The emulator runs inside this process with its state in .emulator-demo/ (git-ignored); the stack is
// `demo`, with state in .pulumi-state/. Running it again changes nothing; `npm run demo -- destroy` undoes it.
import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import * as tls from 'node:tls'
import { seedEmulator, credentialsFileName } from '../src/cli/seedEmulator'
import type { SeedCredentials } from '../src/emulator/seed'
import { startEmulator } from '../src/emulator/server'
import { offlineEnv } from './engine/env'
import { ensureEngine, projectRoot } from './engine/ensure'
import { printTenants } from './demoReport'

const stack = process.env.ENTRA_TOPOLOGY_DEMO_STACK ?? 'demo'
const destroying = process.argv[2] === 'destroy'
// A fixed port: the stack's config names the emulator's URL, and a new port would change it every run.
const port = Number(process.env.ENTRA_TOPOLOGY_DEMO_PORT ?? 18443)
const topology = 'stacks/conglomerate.topology.yaml'
const dataDir = path.join(projectRoot, '.emulator-demo')

/**
 * Runs pulumi asynchronously: the emulator answers the provider from this very process, so a
 * synchronous spawn would block the event loop it needs.
 */
function pulumi(args: string[], env: NodeJS.ProcessEnv, quiet = false): Promise<void> {
  if (!quiet) process.stderr.write(`\n$ pulumi ${args.join(' ')}\n`)
  return new Promise((resolve, reject) => {
    const child = spawn('pulumi', args, { stdio: quiet ? 'ignore' : 'inherit', env, cwd: projectRoot })
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`pulumi ${args.slice(0, 2).join(' ')} exited with ${code}`)),
    )
  })
}

async function main(): Promise<void> {
  const engine = await ensureEngine()
  const emulator = await startEmulator({ port, dataDir })
  try {
    tls.setDefaultCACertificates([...tls.getCACertificates('default'), emulator.caPem])
    await fetch(`${emulator.url}/_emulator/settings/provisioning`, {
      method: 'PUT',
      body: JSON.stringify({ automatic: false }),
    })
    await fetch(`${emulator.url}/_emulator/settings/mto`, {
      method: 'PUT',
      body: JSON.stringify({ activationSeconds: 1, joinSeconds: 1, roleChangeSeconds: 1, removalSeconds: 1 }),
    })
    process.stderr.write(`${await seedEmulator(emulator, path.join(projectRoot, topology), dataDir)}\n`)
    const credentials = JSON.parse(
      fs.readFileSync(path.join(dataDir, credentialsFileName), 'utf8'),
    ) as SeedCredentials
    const env = {
      ...offlineEnv({ projectRoot, stateDir: path.join(projectRoot, '.pulumi-state') }),
      NODE_EXTRA_CA_CERTS: emulator.caFile,
    }
    await pulumi(['stack', 'select', stack, '--create', '--non-interactive'], env)
    const set = (key: string, value: string, secret = false): Promise<void> =>
      pulumi(['config', 'set', ...(secret ? ['--secret'] : []), key, value, '--stack', stack], env, true)
    await set('topology', topology)
    await set('authorityHost', emulator.url)
    await set('graphRoot', emulator.url)
    for (const [alias, c] of Object.entries(credentials)) {
      await set(`${alias}.clientId`, c.clientId)
      await set(`${alias}.clientSecret`, c.clientSecret, true)
    }
    if (destroying) {
      await pulumi(['destroy', '--yes', '--non-interactive', '--stack', stack], env)
      return
    }
    await pulumi(['up', '--yes', '--non-interactive', '--stack', stack], env)
    const run = await fetch(`${emulator.url}/_emulator/provisioning/run`, { method: 'POST', body: '{}' })
    const cycles = ((await run.json()) as { value: { counts: { created: number } }[] }).value
    process.stderr.write(
      `\nOne provisioning cycle: ${cycles.length} job(s), ${cycles.reduce((n, c) => n + c.counts.created, 0)} user(s) created.\n`,
    )
    await printTenants(emulator.url, credentials)
    process.stderr.write(
      [
        '',
        `Demo applied to stack '${stack}' with ${engine.description}; emulator state in .emulator-demo/.`,
        'Run it again: nothing changes. To undo it: npm run demo -- destroy',
        '',
      ].join('\n'),
    )
  } finally {
    await emulator.close()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo: ${(error as Error).message}\n`)
  process.exit(1)
})
