// Which tenant a resource acts in: its alias (which names its credentials in stack config), its id
// and its cloud. Every resource's inputs carry one, so the provider can reach the right tenant.
import type { CloudName } from '../../graph/clouds'

export interface TenantRef {
  readonly alias: string
  readonly tenantId: string
  readonly cloud: CloudName
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A Graph object or tenant id: a GUID, in any case. */
export const isGuid = (value: unknown): value is string => typeof value === 'string' && guid.test(value)
const clouds: readonly string[] = ['global', 'usgov', 'usgovdod', 'china']

/** Problems with a tenant reference, as check() failures (property, reason). */
export function tenantRefProblems(
  value: unknown,
  property = 'tenant',
): { property: string; reason: string }[] {
  if (typeof value !== 'object' || value === null)
    return [{ property, reason: `expected { alias, tenantId, cloud }, got ${JSON.stringify(value)}` }]
  const t = value as Record<string, unknown>
  const problems: { property: string; reason: string }[] = []
  if (typeof t.alias !== 'string' || t.alias === '')
    problems.push({
      property,
      reason: `alias must be the tenant's alias in the topology, got ${JSON.stringify(t.alias)}`,
    })
  if (!isGuid(t.tenantId))
    problems.push({ property, reason: `tenantId must be a GUID, got ${JSON.stringify(t.tenantId)}` })
  if (typeof t.cloud !== 'string' || !clouds.includes(t.cloud))
    problems.push({
      property,
      reason: `cloud must be one of ${clouds.join(', ')}, got ${JSON.stringify(t.cloud)}`,
    })
  return problems
}

/** "emea (7f3c0a…)" for messages. */
export const tenantLabel = (t: TenantRef): string => `${t.alias} (${t.tenantId})`
