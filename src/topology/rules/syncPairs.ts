// Where in the file a sync pair comes from, so rules about expanded pairs point at what the author
// wrote: the pair itself for `pairs`, sync.hub for `hub`, sync.tenants (or sync.topology when the
// mesh takes every tenant) for `mesh`. Mesh and hub pairs are grouped by the two tenants involved,
// so a problem between two tenants is reported once, naming both directions.
import { pointerOf } from '../diagnostics'
import type { SyncPair } from '../model'
import type { Topology } from '../topology.generated'

export interface PairGroup {
  readonly pointer: string
  /** The ordered pairs of this group (one for `pairs`, one or both directions otherwise). */
  readonly pairs: readonly SyncPair[]
  /** "emea → contoso" or "emea → contoso and contoso → emea". */
  readonly label: string
}

export const pairKey = (p: SyncPair): string => `${p.from}>${p.to}`
export const pairLabel = (pairs: readonly SyncPair[]): string =>
  pairs.map((p) => `${p.from} → ${p.to}`).join(' and ')

/** Groups the given (expanded) pairs by where the file declares them. */
export function groupPairs(raw: Topology, pairs: readonly SyncPair[]): PairGroup[] {
  const sync = raw.sync
  if (sync === undefined) return []
  if (sync.topology === 'pairs') {
    const firstIndex = new Map<string, number>()
    ;(sync.pairs ?? []).forEach((p, i) => {
      if (!firstIndex.has(pairKey(p))) firstIndex.set(pairKey(p), i)
    })
    return pairs.map((p) => ({
      pointer: pointerOf('sync', 'pairs', firstIndex.get(pairKey(p)) ?? 0),
      pairs: [p],
      label: pairLabel([p]),
    }))
  }
  const pointer =
    sync.topology === 'hub'
      ? pointerOf('sync', 'hub')
      : sync.tenants === undefined
        ? pointerOf('sync', 'topology')
        : pointerOf('sync', 'tenants')
  const groups = new Map<string, SyncPair[]>()
  for (const p of pairs) {
    const key = p.from < p.to ? `${p.from}|${p.to}` : `${p.to}|${p.from}`
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [p])
    else group.push(p)
  }
  return [...groups.values()].map((group) => ({ pointer, pairs: group, label: pairLabel(group) }))
}
