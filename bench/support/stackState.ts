// What a benchmark reads about a Pulumi stack besides time: the custom resources in its state (by kind,
// with the length of their serialized dynamic provider) and the automatic log the CLI writes.
import * as fs from 'node:fs'
import * as path from 'node:path'
import type { PulumiWorkspace } from '../../test/e2e/pulumiWorkspace'

export interface StackState {
  /** Custom resources by kind (the type's last part: `SyncStart`, `Noop`), providers left out. */
  readonly byKind: Record<string, number>
  readonly managed: number
  /** Mean length of `__provider` (the serialized dynamic provider each resource stores, in inputs and outputs). */
  readonly providerChars: number
  /** The state's JSON, in bytes. */
  readonly stateBytes: number
}

interface ExportedResource {
  readonly type: string
  readonly custom?: boolean
  readonly outputs?: { __provider?: unknown }
}

/** Components are not custom resources; provider resources are not managed objects. */
export async function readStackState(ws: PulumiWorkspace, stack: string): Promise<StackState> {
  const exported = await ws.expect(['stack', 'export', '--stack', stack])
  const { deployment } = JSON.parse(exported.stdout) as { deployment: { resources?: ExportedResource[] } }
  const byKind: Record<string, number> = {}
  let providerChars = 0
  let managed = 0
  for (const r of deployment.resources ?? []) {
    if (r.custom !== true || r.type.startsWith('pulumi:providers:')) continue
    const kind = r.type.slice(r.type.lastIndexOf(':') + 1)
    byKind[kind] = (byKind[kind] ?? 0) + 1
    managed++
    const provider = r.outputs?.__provider
    providerChars += typeof provider === 'string' ? provider.length : 0
  }
  return {
    byKind,
    managed,
    providerChars: managed === 0 ? 0 : Math.round(providerChars / managed),
    stateBytes: Buffer.byteLength(exported.stdout),
  }
}

/**
 * The CLI's automatic log folder (PULUMI_HOME/logs): pulumi 3.259 writes every engine call's properties
 * there, compressed, on every command. createPulumiWorkspace puts PULUMI_HOME next to the project copy.
 */
export function autoLogFolder(ws: PulumiWorkspace): string {
  return path.join(path.dirname(ws.dir), 'pulumi-home', 'logs')
}

/** Bytes of the log files that were not in `before` (the names listed before a command ran). */
export function newLogBytes(folder: string, before: ReadonlySet<string>): number {
  if (!fs.existsSync(folder)) return 0
  return fs
    .readdirSync(folder)
    .filter((name) => !before.has(name))
    .reduce((sum, name) => sum + fs.statSync(path.join(folder, name)).size, 0)
}

export const listLogs = (folder: string): Set<string> =>
  new Set(fs.existsSync(folder) ? fs.readdirSync(folder) : [])
