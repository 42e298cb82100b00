// Admin API for the multitenant organization's timings (graph/routes/mtoSettings.ts):
//   GET /_emulator/settings/mto  -> 200 the current settings
//   PUT /_emulator/settings/mto  -> 200 the settings after the change; the body names any of the keys
//                                  below, and the ones it leaves out keep their value.
// Delays are whole seconds of emulator time (0 makes the operation complete on the next MTO call).
// A change applies to operations started afterwards; ones already in progress keep their timing.
import { readMtoSettings, writeMtoSettings, type MtoSettings } from '../graph/routes/mtoSettings'
import { AdminError, type AdminExtension } from './extensions'

const delayKeys = ['activationSeconds', 'joinSeconds', 'roleChangeSeconds', 'removalSeconds'] as const
const allKeys = [...delayKeys, 'existingOrganizationStatus'] as const
/** 30 days: longer than any documented MTO operation, short enough to catch a milliseconds mistake. */
const maxSeconds = 30 * 24 * 3600

function validated(body: Record<string, unknown>, current: MtoSettings): MtoSettings {
  const unknown = Object.keys(body).filter((k) => !(allKeys as readonly string[]).includes(k))
  if (unknown.length > 0)
    throw new AdminError(
      400,
      `unknown MTO setting${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}; the settings are ${allKeys.join(', ')}`,
    )
  const next: { -readonly [K in keyof MtoSettings]: MtoSettings[K] } = { ...current }
  for (const key of delayKeys) {
    const value = body[key]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > maxSeconds)
      throw new AdminError(
        400,
        `'${key}' is ${JSON.stringify(value)}; expected a whole number of seconds from 0 to ${maxSeconds}`,
      )
    next[key] = value
  }
  const status = body.existingOrganizationStatus
  if (status !== undefined) {
    if (status !== 400 && status !== 409)
      throw new AdminError(
        400,
        `'existingOrganizationStatus' is ${JSON.stringify(status)}; expected 400 or 409 (the answer to a PUT when an MTO exists)`,
      )
    next.existingOrganizationStatus = status
  }
  return next
}

export const mtoAdmin: AdminExtension = (request) => {
  if (request.segments.length !== 2 || request.segments[0] !== 'settings' || request.segments[1] !== 'mto')
    return undefined
  if (request.method === 'GET') return { status: 200, body: readMtoSettings(request.store) }
  if (request.method === 'PUT') {
    const settings = validated(request.body, readMtoSettings(request.store))
    writeMtoSettings(request.store, settings)
    return { status: 200, body: settings }
  }
  throw new AdminError(405, `${request.method} is not supported on /settings/mto; use GET or PUT`)
}
