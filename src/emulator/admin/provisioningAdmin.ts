// Admin API for the provisioning engine (src/emulator/provisioning):
//   POST /_emulator/provisioning/run  {tenantId?, servicePrincipalId?, jobId?} -> 200 {"value":[cycle reports]}
//        One cycle now for every started job matching the filter (all of them with {}). A job named by
//        jobId must exist (404) and be started (409).
//   GET  /_emulator/settings/provisioning -> 200 the settings (provisioning/settings.ts)
//   PUT  /_emulator/settings/provisioning {intervalSeconds?, initialCycleDelaySeconds?,
//        quarantineMaxBackoffSeconds?, automatic?} -> 200 the settings after the change
//   GET  /_emulator/tenants/{tenant}/provisioningLogs[/{jobId}] -> 200 {"value":[provisioningObjectSummary]}
// POST /_emulator/clock/advance also runs the cycles that became due (adminApi.ts).
import { EngineRefusal, runCyclesNow, type JobFilter } from '../provisioning/engine'
import {
  readProvisioningSettings,
  writeProvisioningSettings,
  type ProvisioningSettings,
} from '../provisioning/settings'
import { AdminError, type AdminExtension, type AdminRequest, type AdminReply } from './extensions'

const secondKeys = ['intervalSeconds', 'initialCycleDelaySeconds', 'quarantineMaxBackoffSeconds'] as const
const maxSeconds = 30 * 24 * 3600

function settingsAfter(body: Record<string, unknown>, current: ProvisioningSettings): ProvisioningSettings {
  const known: readonly string[] = [...secondKeys, 'automatic']
  const unknown = Object.keys(body).filter((k) => !known.includes(k))
  if (unknown.length > 0)
    throw new AdminError(
      400,
      `unknown provisioning setting(s) ${unknown.join(', ')}; the settings are ${known.join(', ')}`,
    )
  const next: { -readonly [K in keyof ProvisioningSettings]: ProvisioningSettings[K] } = { ...current }
  for (const key of secondKeys) {
    const value = body[key]
    if (value === undefined) continue
    const least = key === 'initialCycleDelaySeconds' ? 0 : 1
    if (typeof value !== 'number' || !Number.isInteger(value) || value < least || value > maxSeconds)
      throw new AdminError(
        400,
        `'${key}' is ${JSON.stringify(value)}; expected a whole number of seconds from ${least} to ${maxSeconds}`,
      )
    next[key] = value
  }
  if (body.automatic !== undefined) {
    if (typeof body.automatic !== 'boolean')
      throw new AdminError(400, `'automatic' is ${JSON.stringify(body.automatic)}; expected true or false`)
    next.automatic = body.automatic
  }
  return next
}

function filterOf(body: Record<string, unknown>): JobFilter {
  const filter: Record<string, string> = {}
  for (const [key, value] of Object.entries(body)) {
    if (!['tenantId', 'servicePrincipalId', 'jobId'].includes(key))
      throw new AdminError(
        400,
        `'${key}' is not a field of this request; use tenantId, servicePrincipalId or jobId`,
      )
    if (typeof value !== 'string' || value === '')
      throw new AdminError(400, `'${key}' is ${JSON.stringify(value)}; expected a non-empty string`)
    filter[key] = value
  }
  return filter
}

function run(request: AdminRequest): AdminReply {
  try {
    return {
      status: 200,
      body: { value: runCyclesNow(request.store, request.clock, filterOf(request.body)) },
    }
  } catch (error) {
    if (error instanceof EngineRefusal) throw new AdminError(error.status, error.message)
    throw error
  }
}

export const provisioningAdmin: AdminExtension = (request) => {
  const s = request.segments
  if (s.length === 2 && s[0] === 'provisioning' && s[1] === 'run') {
    if (request.method !== 'POST') throw new AdminError(405, 'use POST /provisioning/run')
    return run(request)
  }
  if (s.length === 2 && s[0] === 'settings' && s[1] === 'provisioning') {
    if (request.method === 'GET') return { status: 200, body: readProvisioningSettings(request.store) }
    if (request.method !== 'PUT') throw new AdminError(405, 'use GET or PUT /settings/provisioning')
    const settings = settingsAfter(request.body, readProvisioningSettings(request.store))
    writeProvisioningSettings(request.store, settings)
    return { status: 200, body: settings }
  }
  if ((s.length === 3 || s.length === 4) && s[0] === 'tenants' && s[2] === 'provisioningLogs') {
    if (request.method !== 'GET') throw new AdminError(405, 'use GET .../provisioningLogs')
    const tenant = request.tenant()
    return { status: 200, body: { value: request.store.tenant(tenant.id).provisioningLogs(s[3]) } }
  }
  return undefined
}
