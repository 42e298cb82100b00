// How long the multitenant organization's asynchronous operations take in emulator time, and the one
// UNCONFIRMED status the reference leaves open. Emulator-wide (not per tenant), kept in the database's
// meta table so they survive a restart (and POST /_emulator/reset, as keys do); the admin API reads and
// changes them (admin/mtoAdmin.ts).
import type { Store } from '../../store/store'

export interface MtoSettings {
  /** PUT to state active (Graph: "takes minutes"). */
  readonly activationSeconds: number
  /** Join request to memberState active (Graph: up to 2 h in the v1.0 text, up to 4 h elsewhere). */
  readonly joinSeconds: number
  /** PATCH {role} to the new role. */
  readonly roleChangeSeconds: number
  /** DELETE to the member being gone. */
  readonly removalSeconds: number
  /** The answer to a PUT when the tenant is already in an MTO (UNCONFIRMED: 400 or 409). */
  readonly existingOrganizationStatus: 400 | 409
}

export const defaultMtoSettings: MtoSettings = {
  activationSeconds: 300,
  joinSeconds: 7200,
  roleChangeSeconds: 600,
  removalSeconds: 600,
  existingOrganizationStatus: 409,
}

const metaKey = 'mto.settings'

export function readMtoSettings(store: Store): MtoSettings {
  const text = store.db.getMeta(metaKey)
  return text === undefined
    ? defaultMtoSettings
    : { ...defaultMtoSettings, ...(JSON.parse(text) as Partial<MtoSettings>) }
}

export function writeMtoSettings(store: Store, settings: MtoSettings): void {
  store.db.setMeta(metaKey, JSON.stringify(settings))
}
