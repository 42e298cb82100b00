// How a resource's tenant references travel between the engine and the provider: as one string each
// ("emea/7f3c0a1e-…/global" for a tenant, "emea/7f3c0a1e-…" for a partner) rather than as objects, and
// `adopt` only when it is true (it matters at create only, and is false almost everywhere). The
// engine marshals, and writes to its automatic log, every property of every input and output on every
// call, nested ones one by one with the whole subtree each time; `tenant` and `partner` objects were five
// of the eighteen properties a mesh resource carries on average, about a third of what the engine spent
// on them in a 480-resource `preview --refresh` (bench/README.md, refresh). Provider code never sees the
// strings: providerHost.ts decodes what the engine sends and encodes what the provider answers, and the
// resource classes encode their arguments (toWire). Objects are still accepted, so state written before
// this change is read as it is, and a value the program only knows later (an Output) stays an object.
// A `partner` that is an alias alone (SyncStart, SyncScopeAssignment) is a string already and is left so.
// Decoding gives every resource `adopt: false` when it is absent; resources without that input ignore it,
// and it is dropped again on the way back.
import type { CloudName } from '../../graph/clouds'
import { isGuid, type TenantRef } from './tenantRef'

type Props = Record<string, unknown>

const isObject = (value: unknown): value is Props =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** "alias/tenantId/cloud". */
export const encodeTenant = (t: TenantRef): string => `${t.alias}/${t.tenantId}/${t.cloud}`

/** "alias/tenantId". */
export const encodePartner = (p: { alias: string; tenantId: string }): string => `${p.alias}/${p.tenantId}`

/** The tenant of "alias/tenantId/cloud"; anything else is returned as it is, for check() to name. */
export function decodeTenant(value: unknown): unknown {
  if (typeof value !== 'string') return value
  const parts = value.split('/')
  if (parts.length !== 3 || !isGuid(parts[1])) return value
  const [alias, tenantId, cloud] = parts as [string, string, string]
  return { alias, tenantId, cloud: cloud as CloudName }
}

/** The partner of "alias/tenantId"; a bare alias or anything else is returned as it is. */
export function decodePartner(value: unknown): unknown {
  if (typeof value !== 'string') return value
  const parts = value.split('/')
  if (parts.length !== 2 || !isGuid(parts[1])) return value
  return { alias: parts[0], tenantId: parts[1] }
}

const isTenantRef = (value: unknown): value is TenantRef =>
  isObject(value) &&
  typeof value.alias === 'string' &&
  isGuid(value.tenantId) &&
  typeof value.cloud === 'string' &&
  Object.keys(value).length === 3
const isPartnerRef = (value: unknown): value is { alias: string; tenantId: string } =>
  isObject(value) &&
  typeof value.alias === 'string' &&
  isGuid(value.tenantId) &&
  Object.keys(value).length === 2

/**
 * Inputs or outputs as the engine gets them: `tenant` and `partner` objects as strings, no `adopt: false`.
 * With `stored` (what the state holds: a check's old inputs, a read's or update's old outputs), each of
 * the three keeps the form it has there. State written before this wire shape existed holds objects and
 * `adopt: false`; answering in that form keeps the engine from seeing a change (tenant and partner are
 * replaceOnChanges, so a mere change of form would plan every resource for replacement) and a refresh
 * from reporting drift. Such a stack keeps the old form, at the old cost, until its resources are made
 * again; `pulumi up --refresh` does not change that, and need not.
 */
export function toWire<T>(props: T, stored?: unknown): T {
  if (!isObject(props)) return props
  const keep = (key: string, wireForm: (value: unknown) => boolean): boolean =>
    isObject(stored) && key in stored && !wireForm(stored[key])
  const wire: Props = { ...props }
  if (isTenantRef(props.tenant) && !keep('tenant', (v) => typeof v === 'string'))
    wire.tenant = encodeTenant(props.tenant)
  if (isPartnerRef(props.partner) && !keep('partner', (v) => typeof v === 'string'))
    wire.partner = encodePartner(props.partner)
  if (props.adopt === false && !keep('adopt', (v) => v !== false)) delete wire.adopt
  return wire as T
}

/** Inputs or outputs as the provider code takes them: `tenant` and `partner` objects, `adopt` always. */
export function fromWire<T>(props: T): T {
  if (!isObject(props)) return props
  const rich: Props = { ...props }
  if ('tenant' in props) rich.tenant = decodeTenant(props.tenant)
  if ('partner' in props) rich.partner = decodePartner(props.partner)
  if (!('adopt' in props)) rich.adopt = false
  return rich as T
}
