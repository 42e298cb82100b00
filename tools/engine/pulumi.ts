// `npm run pulumi -- <args>`: the Pulumi CLI with this project's engine and offline defaults
// (tools/engine/env.ts). Exits with pulumi's own exit code (7 = changes where none were expected).
import { spawnSync } from 'node:child_process'
import * as path from 'node:path'
import { offlineEnv } from './env'
import { ensureEngine, projectRoot } from './ensure'

async function main(): Promise<number> {
  await ensureEngine({ quiet: true })
  const env = offlineEnv({ projectRoot, stateDir: path.join(projectRoot, '.pulumi-state') })
  const result = spawnSync('pulumi', process.argv.slice(2), { stdio: 'inherit', env, cwd: projectRoot })
  if (result.error) throw result.error
  return result.status ?? 1
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`pulumi: ${(error as Error).message}\n`)
    process.exit(1)
  },
)
