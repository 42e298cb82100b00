// Builds the Pulumi CLI and the Node.js language host from their Go modules (the wrapper modules
// under tools/), with the flags of Pulumi's own release build, into a cache folder.
import { spawn, execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import * as readline from 'node:readline'
import { startProgress } from './progress'
import { compareVersions, formatVersion, parseGoVersion, type Version } from './semver'
import {
  dynamicProviderShim,
  engineBinaries,
  languageHostVersion,
  minimumGo,
  pulumiVersion,
  type EngineBinary,
} from './versions'

export class EngineSetupError extends Error {
  override readonly name = 'EngineSetupError'
}

/** The Go toolchain's version, or an EngineSetupError that says what to do. */
export function requireGo(env: NodeJS.ProcessEnv = process.env): Version {
  const advice =
    `The Pulumi CLI is built here from its Go modules because no package registry ships it. ` +
    `Install Go ${minimumGo.join('.')} or newer (https://go.dev/dl, or your package manager), ` +
    `or install the Pulumi CLI v${pulumiVersion} or newer with its Node.js language host and put it on PATH.`
  let output: string
  try {
    output = execFileSync('go', ['version'], { encoding: 'utf8', env, stdio: 'pipe' })
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new EngineSetupError(
      `${missing ? 'Go is not installed (no `go` on PATH)' : `\`go version\` failed: ${(error as Error).message}`}. ${advice}`,
    )
  }
  const version = parseGoVersion(output)
  const minimum: Version = [minimumGo[0], minimumGo[1], 0]
  if (version === undefined || compareVersions(version, minimum) < 0) {
    throw new EngineSetupError(
      `Go ${version ? formatVersion(version) : `(unrecognised: ${output.trim()})`} is too old. ${advice}`,
    )
  }
  return version
}

/** Environment for `go`: no cgo (as Pulumi's release build), never download another toolchain. */
function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, CGO_ENABLED: '0', GOTOOLCHAIN: 'local' }
}

/** Runs `go` in `cwd`, handing each output line to `onLine`; rejects with the tail of the output. */
function runGo(args: string[], cwd: string, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, { cwd, env: goEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
    const tail: string[] = []
    const collect = (line: string): void => {
      tail.push(line)
      if (tail.length > 40) tail.shift()
      onLine(line)
    }
    readline.createInterface({ input: child.stdout }).on('line', collect)
    readline.createInterface({ input: child.stderr }).on('line', collect)
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve()
      else
        reject(
          new EngineSetupError(
            `\`go ${args.join(' ')}\` in ${cwd} failed (exit ${code}):\n${tail.join('\n')}`,
          ),
        )
    })
  })
}

async function buildOne(binary: EngineBinary, projectRoot: string, outDir: string): Promise<number> {
  const cwd = path.join(projectRoot, binary.moduleDir)
  const progress = startProgress(
    `Building ${binary.name} v${binary.version} from Go modules (${binary.moduleDir})`,
  )
  // Listing the dependencies also downloads the modules they come from (once; the module cache keeps them).
  const packages: string[] = []
  progress.update('downloading modules and listing packages')
  await runGo(['list', '-mod=readonly', '-deps', binary.packagePath], cwd, (line) => {
    packages.push(line)
    progress.update(`listing packages: ${packages.length}`)
  })
  let compiled = 0
  const ldflags = `-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${binary.version}`
  const output = path.join(outDir, binary.name)
  await runGo(
    [
      'build',
      '-mod=readonly',
      '-v',
      '-trimpath',
      '-tags',
      'osusergo,grpcnotrace',
      '-ldflags',
      ldflags,
      '-o',
      output,
      binary.packagePath,
    ],
    cwd,
    () => {
      compiled++
      progress.update(`compiled ${compiled} of at most ${packages.length} packages`)
    },
  )
  const size = fs.statSync(output).size
  progress.done(
    `built ${binary.name} (${(size / 1e6).toFixed(1)} MB, ${compiled} packages compiled, the rest from Go's build cache)`,
  )
  return size
}

export interface BuildStamp {
  readonly pulumiVersion: string
  readonly languageHostVersion: string
  readonly go: string
  readonly builtAt: string
  readonly seconds: number
  readonly bytes: Record<string, number>
}

/**
 * Builds every engine binary into `targetDir`. The build happens in a sibling folder that is renamed
 * into place only when complete, so an interrupted build never leaves a cache that looks usable.
 */
export async function buildEngine(projectRoot: string, targetDir: string): Promise<BuildStamp> {
  const go = requireGo()
  const started = Date.now()
  const partial = `${targetDir}.partial-${process.pid}`
  fs.rmSync(partial, { recursive: true, force: true })
  fs.mkdirSync(path.join(partial, 'bin'), { recursive: true })
  const bytes: Record<string, number> = {}
  try {
    for (const binary of engineBinaries)
      bytes[binary.name] = await buildOne(binary, projectRoot, path.join(partial, 'bin'))
    // The engine finds the dynamic-provider shim beside the real `pulumi` binary; it only resolves
    // @pulumi/pulumi from the program's folder, so one copy serves every project.
    const shim = path.join(projectRoot, 'node_modules', '@pulumi', 'pulumi', dynamicProviderShim)
    fs.copyFileSync(shim, path.join(partial, 'bin', dynamicProviderShim))
    fs.chmodSync(path.join(partial, 'bin', dynamicProviderShim), 0o755)
    const stamp: BuildStamp = {
      pulumiVersion,
      languageHostVersion,
      go: formatVersion(go),
      builtAt: new Date().toISOString(),
      seconds: Math.round((Date.now() - started) / 1000),
      bytes,
    }
    fs.writeFileSync(path.join(partial, 'engine.json'), `${JSON.stringify(stamp, null, 2)}\n`)
    fs.rmSync(targetDir, { recursive: true, force: true })
    fs.renameSync(partial, targetDir)
    return stamp
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true })
    throw error
  }
}
