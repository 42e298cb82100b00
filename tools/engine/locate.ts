// Finding an engine that is already there: a compatible `pulumi` on PATH, or a cached build.
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { compareVersions, formatVersion, parseVersion, type Version } from './semver'
import { engineBinaries, pulumiVersion } from './versions'

/** The directory every executable named `name` lives in along PATH, in PATH order. */
export function findAllOnPath(name: string, pathEnv: string | undefined): string[] {
  const found: string[] = []
  for (const dir of (pathEnv ?? '').split(path.delimiter)) {
    if (dir === '') continue
    const candidate = path.join(dir, name)
    try {
      fs.accessSync(candidate, fs.constants.X_OK)
      if (fs.statSync(candidate).isFile()) found.push(candidate)
    } catch {
      // not here (or not executable): keep looking along PATH
    }
  }
  return found
}

export type PathCandidate =
  | { readonly usable: true; readonly pulumi: string; readonly version: Version }
  | { readonly usable: false; readonly pulumi: string; readonly reason: string }

/**
 * Judges a `pulumi` found on PATH. It is used as is when it is at least the SDK's version (an older
 * engine lacks features the SDK probes for) and a Node.js language host sits beside it or on PATH.
 */
export function judgePathPulumi(
  pulumi: string,
  versionOutput: string,
  pathEnv: string | undefined,
): PathCandidate {
  const version = parseVersion(versionOutput)
  if (version === undefined) {
    return {
      usable: false,
      pulumi,
      reason: `\`${pulumi} version\` printed no version (${versionOutput.trim()})`,
    }
  }
  const wanted = parseVersion(pulumiVersion)!
  if (compareVersions(version, wanted) < 0) {
    return {
      usable: false,
      pulumi,
      reason: `${pulumi} is ${formatVersion(version)}, older than ${formatVersion(wanted)} (the @pulumi/pulumi SDK version here)`,
    }
  }
  const besideIt = path.join(path.dirname(fs.realpathSync(pulumi)), 'pulumi-language-nodejs')
  if (!fs.existsSync(besideIt) && findAllOnPath('pulumi-language-nodejs', pathEnv).length === 0) {
    return { usable: false, pulumi, reason: `no pulumi-language-nodejs beside ${pulumi} or on PATH` }
  }
  return { usable: true, pulumi, version }
}

/** The first usable `pulumi` on PATH outside `excludeDir` (our own links), with reasons for the rest. */
export function findPathPulumi(pathEnv: string | undefined, excludeDir: string): PathCandidate[] {
  const excluded = path.resolve(excludeDir)
  const judged: PathCandidate[] = []
  for (const pulumi of findAllOnPath('pulumi', pathEnv)) {
    if (path.dirname(path.resolve(pulumi)) === excluded) continue
    let output: string
    try {
      output = execFileSync(pulumi, ['version'], { encoding: 'utf8', timeout: 30_000, stdio: 'pipe' })
    } catch (error) {
      judged.push({
        usable: false,
        pulumi,
        reason: `\`${pulumi} version\` failed: ${(error as Error).message}`,
      })
      continue
    }
    const verdict = judgePathPulumi(pulumi, output, pathEnv)
    judged.push(verdict)
    if (verdict.usable) break
  }
  return judged
}

/**
 * Where builds are cached: $ENTRA_TOPOLOGY_ENGINE_CACHE, else $XDG_CACHE_HOME/entra-topology/engine,
 * else ~/.cache/entra-topology/engine. Outside the work tree, so fresh clones reuse it.
 */
export function engineCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ENTRA_TOPOLOGY_ENGINE_CACHE) return path.resolve(env.ENTRA_TOPOLOGY_ENGINE_CACHE)
  const cacheHome = env.XDG_CACHE_HOME ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache')
  return path.join(cacheHome, 'entra-topology', 'engine')
}

/**
 * The folder one build lives in. Its name hashes the wrapper modules' go.mod and go.sum and the
 * platform, so changing a pinned version (or moving to another OS) builds again instead of reusing
 * a binary that no longer matches.
 */
export function buildDirName(projectRoot: string): string {
  const hash = createHash('sha256')
  hash.update(`${process.platform}-${process.arch}\n`)
  for (const binary of engineBinaries) {
    for (const file of ['go.mod', 'go.sum']) {
      hash.update(fs.readFileSync(path.join(projectRoot, binary.moduleDir, file)))
    }
  }
  return `pulumi-v${pulumiVersion}-${hash.digest('hex').slice(0, 12)}`
}

/** True when a finished build (all binaries plus the stamp written last) is in `dir`. */
export function isCompleteBuild(dir: string): boolean {
  return (
    fs.existsSync(path.join(dir, 'engine.json')) &&
    engineBinaries.every((binary) => fs.existsSync(path.join(dir, 'bin', binary.name)))
  )
}
