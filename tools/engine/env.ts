// The environment every Pulumi command in this project runs with: offline by default.
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'

export interface OfflineEnvOptions {
  /** Folder holding node_modules/.bin (the engine links and Node 24). */
  readonly projectRoot: string
  /** Folder for the generated passphrase when none is configured. */
  readonly stateDir: string
}

/**
 * Offline defaults on top of `base`; anything the user already set wins.
 * - PATH starts with node_modules/.bin: the project's Node and engine links come first.
 * - No update checks and no plugin downloads (nothing is reachable, and failures should be clear).
 * - ts-node transpiles without type-checking: `npm run check` type-checks, so every `pulumi`
 *   run need not spend seconds doing it again.
 * - Without PULUMI_CONFIG_PASSPHRASE(_FILE), secrets are encrypted with a random passphrase kept in
 *   the git-ignored state folder, created on first use with mode 0600.
 */
export function offlineEnv(
  options: OfflineEnvOptions,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base }
  env.PATH = [path.join(options.projectRoot, 'node_modules', '.bin'), base.PATH ?? ''].join(path.delimiter)
  env.PULUMI_SKIP_UPDATE_CHECK ??= 'true'
  env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION ??= 'true'
  env.PULUMI_NODEJS_TRANSPILE_ONLY ??= 'true'
  if (base.PULUMI_CONFIG_PASSPHRASE === undefined && base.PULUMI_CONFIG_PASSPHRASE_FILE === undefined) {
    env.PULUMI_CONFIG_PASSPHRASE_FILE = localPassphraseFile(options.stateDir)
  }
  return env
}

/** The generated passphrase file in `stateDir`, created when missing. */
export function localPassphraseFile(stateDir: string): string {
  const file = path.join(stateDir, 'passphrase')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(stateDir, { recursive: true })
    // 'wx' fails if another process created it meanwhile; theirs is as good as ours.
    try {
      fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  return file
}
