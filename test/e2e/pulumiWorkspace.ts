// A throwaway copy of this project for end-to-end tests: its own folder, state backend, PULUMI_HOME
// and passphrase, so tests never touch .pulumi-state/ or write stack files into the work tree. The
// real `pulumi` runs in it through the same engine and offline environment as `npm run pulumi`.
import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { offlineEnv } from '../../tools/engine/env'
import { ensureEngine, projectRoot } from '../../tools/engine/ensure'

export interface CommandResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

export interface PulumiWorkspace {
  /** The copied project folder (the program's working directory). */
  readonly dir: string
  /** The file backend's folder. */
  readonly stateDir: string
  /** The environment pulumi runs with (tests run other tools, such as entra-topology, in it too). */
  readonly env: NodeJS.ProcessEnv
  run(args: string[]): Promise<CommandResult>
  /** Runs and fails the test with pulumi's output when the exit code is not `expected`. */
  expect(args: string[], expected?: number): Promise<CommandResult>
  dispose(): void
}

// The program reads its topology from stacks/ and validates it against schemas/.
const copied = ['Pulumi.yaml', 'package.json', 'tsconfig.json', 'src', 'stacks', 'schemas']

/** `env` adds variables for pulumi and the processes it starts (e.g. NODE_EXTRA_CA_CERTS for the emulator). */
export async function createPulumiWorkspace(
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<PulumiWorkspace> {
  await ensureEngine({ quiet: true })
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'entra-topology-e2e-'))
  const dir = path.join(root, 'project')
  const stateDir = path.join(root, 'state')
  fs.mkdirSync(dir)
  fs.mkdirSync(stateDir)
  for (const entry of copied)
    fs.cpSync(path.join(projectRoot, entry), path.join(dir, entry), { recursive: true })
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'))
  const env = offlineEnv(
    { projectRoot, stateDir },
    {
      ...process.env,
      PULUMI_HOME: path.join(root, 'pulumi-home'),
      PULUMI_BACKEND_URL: `file://${stateDir}`,
      PULUMI_CONFIG_PASSPHRASE: 'e2e-test-passphrase',
      PULUMI_CONFIG_PASSPHRASE_FILE: undefined,
      ...extraEnv,
    },
  )
  delete env.PULUMI_CONFIG_PASSPHRASE_FILE

  const run = (args: string[]): Promise<CommandResult> =>
    new Promise((resolve, reject) => {
      const child = spawn('pulumi', [...args, '--non-interactive'], {
        cwd: dir,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      child.on('error', reject)
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    })

  return {
    dir,
    stateDir,
    env,
    run,
    async expect(args, expected = 0) {
      const result = await run(args)
      if (result.code !== expected) {
        throw new Error(
          `pulumi ${args.join(' ')} exited ${result.code}, expected ${expected}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
        )
      }
      return result
    },
    dispose() {
      fs.rmSync(root, { recursive: true, force: true })
    },
  }
}
