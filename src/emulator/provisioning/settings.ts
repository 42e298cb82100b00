// How the provisioning engine schedules cycles, in emulator time. Emulator-wide, kept in the database's
// meta table (like the MTO timings) so they survive a restart; the admin API reads and changes them
// (admin/provisioningAdmin.ts).
import type { Store } from '../store/store'

export interface ProvisioningSettings {
  /** Time between cycles of a healthy job. Graph: fixed at about 40 minutes (PT40M). */
  readonly intervalSeconds: number
  /**
   * Time from start (or restart) to the first cycle. The real service begins "soon" (UNCONFIRMED: the
   * reference only says the initial cycle takes longer); 0 runs it at the next scheduler check.
   */
  readonly initialCycleDelaySeconds: number
  /** Longest wait between attempts of a quarantined job: Graph slows them to once a day. */
  readonly quarantineMaxBackoffSeconds: number
  /**
   * true: the emulator runs due cycles by itself as its clock passes (a real-time check every second,
   * and after POST /_emulator/clock/advance). false: cycles run only through POST /_emulator/provisioning/run.
   */
  readonly automatic: boolean
}

export const defaultProvisioningSettings: ProvisioningSettings = {
  intervalSeconds: 2400,
  initialCycleDelaySeconds: 60,
  quarantineMaxBackoffSeconds: 86_400,
  automatic: true,
}

const metaKey = 'provisioning.settings'

export function readProvisioningSettings(store: Store): ProvisioningSettings {
  const text = store.db.getMeta(metaKey)
  return text === undefined
    ? defaultProvisioningSettings
    : { ...defaultProvisioningSettings, ...(JSON.parse(text) as Partial<ProvisioningSettings>) }
}

export function writeProvisioningSettings(store: Store, settings: ProvisioningSettings): void {
  store.db.setMeta(metaKey, JSON.stringify(settings))
}
