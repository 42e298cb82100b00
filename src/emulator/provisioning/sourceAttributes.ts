// The source side of a mapping: a source user's attribute by the connector's name (defaultSyncSchema.ts
// lists them), and the attribute mapping sources (Attribute, Constant, Function) evaluated against it.
//
// UNCONFIRMED: the parameter keys of the functions (the reference documents the shapes, not every key);
// the engine takes Join's 'separator' first and every other parameter as a value, in order.
import type { Json } from '../store/tenantStore'

/** Connector attribute names that differ from Graph's user properties. */
const graphNames: Readonly<Record<string, string>> = {
  mobile: 'mobilePhone',
  physicalDeliveryOfficeName: 'officeLocation',
  objectId: 'id',
  netId: 'id',
}

export interface SourceView {
  readonly user: Json
  /** The source user's manager's object id, or null. */
  readonly managerId: string | null
}

/** A source attribute value, or null when unset. */
export function sourceAttribute(view: SourceView, name: string): unknown {
  if (name === 'IsSoftDeleted') return false // live users only: deleted ones are handled as deletions
  if (name === 'manager') return view.managerId
  if (name === 'telephoneNumber') return (view.user.businessPhones as string[] | undefined)?.[0] ?? null
  return view.user[graphNames[name] ?? name] ?? null
}

/** The functions the engine evaluates; a schema naming another is refused when it is PUT (501). */
export const supportedFunctions = [
  'AltSecIdFromNetId',
  'Not',
  'ToLower',
  'ToUpper',
  'Append',
  'Join',
  'Coalesce',
  'IgnoreFlowIfNullOrEmpty',
] as const

/** Returned by IgnoreFlowIfNullOrEmpty on an empty value: the target attribute is left as it is. */
export const ignoreFlow = Symbol('ignoreFlow')

/** Text of a scalar attribute value (multi-valued ones joined with commas), '' for none. */
export const asText = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : value === null || value === undefined
      ? ''
      : Array.isArray(value)
        ? value.map(asText).join(',')
        : JSON.stringify(value)
const text = asText

const truthy = (value: unknown): boolean => value === true || asText(value).toLowerCase() === 'true'

export function evaluateSource(source: Json, view: SourceView): unknown {
  const name = String(source.name)
  if (source.type === 'Attribute') return sourceAttribute(view, name)
  if (source.type === 'Constant') return name
  const parameters = ((source.parameters as Json[] | undefined) ?? []).map((p) => ({
    key: String(p.key),
    value: evaluateSource(p.value as Json, view),
  }))
  const first = parameters[0]?.value ?? null
  switch (name) {
    case 'AltSecIdFromNetId':
      return first === null ? null : `netid:${text(first)}`
    case 'Not':
      return !truthy(first)
    case 'ToLower':
      return first === null ? null : text(first).toLowerCase()
    case 'ToUpper':
      return first === null ? null : text(first).toUpperCase()
    case 'Append':
      return first === null
        ? null
        : text(first) +
            parameters
              .slice(1)
              .map((p) => text(p.value))
              .join('')
    case 'Join': {
      const separator = parameters.find((p) => p.key === 'separator')
      const values = parameters.filter((p) => p !== separator).map((p) => p.value)
      return values
        .filter((v) => v !== null && v !== '')
        .map(text)
        .join(text(separator?.value))
    }
    case 'Coalesce':
      return parameters.map((p) => p.value).find((v) => v !== null && v !== '') ?? null
    case 'IgnoreFlowIfNullOrEmpty':
      return first === null || first === '' ? ignoreFlow : first
    default:
      // syncSchemaValidate.ts refuses other functions, so a stored schema never reaches here.
      throw new Error(`the provisioning engine cannot evaluate the function ${name}`)
  }
}
