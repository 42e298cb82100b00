// `npm run engine`: makes the Pulumi engine available to this project, and says where it came from.
//   1. a compatible `pulumi` already on PATH is used as is;
//   2. otherwise a cached build (see engineCacheRoot) is used;
//   3. otherwise the CLI and the Node.js language host are built from their Go modules.
// The binaries (or the shim, for a PATH install) are linked into node_modules/.bin, which npm puts
// first on PATH for every script, and which `npx pulumi` uses.
import * as fs from 'node:fs'
import * as path from 'node:path'
import { buildEngine, EngineSetupError } from './build'
import { buildDirName, engineCacheRoot, findPathPulumi, isCompleteBuild } from './locate'
import { formatVersion } from './semver'
import { dynamicProviderShim, engineBinaries } from './versions'

export const projectRoot = path.resolve(__dirname, '..', '..')
export const binLinkDir = path.join(projectRoot, 'node_modules', '.bin')

export interface EngineLocation {
  readonly source: 'path' | 'cache' | 'built'
  /** The folder holding `pulumi`. */
  readonly binDir: string
  readonly description: string
}

/** Points dir/name at target; a link that is already right is left alone (other processes may be using it). */
function linkInto(dir: string, name: string, target: string): void {
  const link = path.join(dir, name)
  try {
    if (fs.readlinkSync(link) === target) return
  } catch {
    // missing, or not a symlink: replace it below
  }
  fs.rmSync(link, { force: true })
  fs.symlinkSync(target, link)
}

function linkBuild(buildBinDir: string): void {
  fs.mkdirSync(binLinkDir, { recursive: true })
  for (const binary of engineBinaries) linkInto(binLinkDir, binary.name, path.join(buildBinDir, binary.name))
  linkInto(binLinkDir, dynamicProviderShim, path.join(buildBinDir, dynamicProviderShim))
}

export interface EnsureOptions {
  /** Ignore PATH and the cache, build again. */
  readonly rebuild?: boolean
  /** Print nothing when the engine is ready without work. */
  readonly quiet?: boolean
}

export async function ensureEngine(options: EnsureOptions = {}): Promise<EngineLocation> {
  const say = (line: string): void => {
    if (!options.quiet) process.stderr.write(`${line}\n`)
  }
  if (!options.rebuild) {
    const judged = findPathPulumi(process.env.PATH, binLinkDir)
    const usable = judged.find((candidate) => candidate.usable)
    for (const candidate of judged)
      if (!candidate.usable) say(`engine: not using ${candidate.pulumi}: ${candidate.reason}`)
    if (usable?.usable) {
      // An official install carries the shim beside `pulumi`; link ours too so a bare CLI still works.
      fs.mkdirSync(binLinkDir, { recursive: true })
      const shim = path.join(projectRoot, 'node_modules', '@pulumi', 'pulumi', dynamicProviderShim)
      linkInto(binLinkDir, dynamicProviderShim, shim)
      const description = `pulumi ${formatVersion(usable.version)} from PATH (${usable.pulumi})`
      say(`engine: ${description}`)
      return { source: 'path', binDir: path.dirname(usable.pulumi), description }
    }
  }
  const buildDir = path.join(engineCacheRoot(), buildDirName(projectRoot))
  const buildBinDir = path.join(buildDir, 'bin')
  if (!options.rebuild && isCompleteBuild(buildDir)) {
    linkBuild(buildBinDir)
    const description = `cached build in ${buildDir}`
    say(`engine: ${description}`)
    return { source: 'cache', binDir: buildBinDir, description }
  }
  const stamp = await buildEngine(projectRoot, buildDir)
  linkBuild(buildBinDir)
  const sizes = Object.entries(stamp.bytes)
    .map(([name, bytes]) => `${name} ${(bytes / 1e6).toFixed(1)} MB`)
    .join(', ')
  const description = `built in ${stamp.seconds}s with Go ${stamp.go} into ${buildDir} (${sizes})`
  process.stderr.write(`engine: ${description}\n`)
  return { source: 'built', binDir: buildBinDir, description }
}

if (require.main === module) {
  const args = new Set(process.argv.slice(2))
  ensureEngine({ rebuild: args.has('--rebuild'), quiet: args.has('--quiet') }).then(
    (location) => {
      if (args.has('--print-bin-dir')) process.stdout.write(`${location.binDir}\n`)
    },
    (error: unknown) => {
      const message = error instanceof EngineSetupError ? error.message : (error as Error).stack
      process.stderr.write(`engine: ${message}\n`)
      process.exit(1)
    },
  )
}
