// `npm run demo`: sets up the engine and applies the project's program to the stack `demo`, with
// state in .pulumi-state/. Until the topology program and the emulator land, the program is the
// engine smoke program (src/program.ts); running the demo twice changes nothing the second time.
import { spawnSync } from 'node:child_process'
import * as path from 'node:path'
import { offlineEnv } from './engine/env'
import { ensureEngine, projectRoot } from './engine/ensure'

const stack = process.env.ENTRA_TOPOLOGY_DEMO_STACK ?? 'demo'

function pulumi(args: string[], env: NodeJS.ProcessEnv): void {
  process.stderr.write(`\n$ pulumi ${args.join(' ')}\n`)
  const result = spawnSync('pulumi', args, { stdio: 'inherit', env, cwd: projectRoot })
  if (result.error) throw result.error
  if (result.status !== 0) throw new Error(`pulumi ${args[0]} exited with ${result.status}`)
}

async function main(): Promise<void> {
  const engine = await ensureEngine()
  const env = offlineEnv({ projectRoot, stateDir: path.join(projectRoot, '.pulumi-state') })
  pulumi(['stack', 'select', stack, '--create', '--non-interactive'], env)
  pulumi(['up', '--yes', '--non-interactive', '--stack', stack], env)
  process.stderr.write(
    [
      '',
      `Demo applied to stack '${stack}' with ${engine.description}.`,
      'State is in .pulumi-state/ (git-ignored). Next:',
      `  npm run pulumi -- preview --refresh --expect-no-changes --stack ${stack}   # exit 7 if something drifted`,
      `  npm run pulumi -- destroy --yes --stack ${stack}`,
      '',
    ].join('\n'),
  )
}

main().catch((error: unknown) => {
  process.stderr.write(`demo: ${(error as Error).message}\n`)
  process.exit(1)
})
