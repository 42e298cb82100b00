// The target side of a mapping: what a job's attribute mappings make of one source user, as Graph user
// properties of the B2B user in the target (graph-api.md §3.7: userType, showInAddressList and the
// other default attributes), with each mapping's flow type. The plan's hash is what the connector
// remembers: when it is unchanged the user is not exported again (the watermark), unless a restart
// asks for a full re-evaluation.
//
// LIMITATIONS: flowBehavior (FlowWhenChanged / FlowAlways) is not distinguished: a user whose plan
// changed gets every differing Always attribute written. ValueAddOnly, AttributeAddOnly and
// MultiValueAddOnly write only into an empty target attribute.
import { createHash } from 'node:crypto'
import type { Json } from '../store/tenantStore'
import type { JobConfig } from './jobConfig'
import { asText, evaluateSource, ignoreFlow, type SourceView } from './sourceAttributes'

/** Target connector names that differ from Graph's user properties. */
const targetProperties: Readonly<Record<string, string>> = {
  mobile: 'mobilePhone',
  physicalDeliveryOfficeName: 'officeLocation',
  telephoneNumber: 'businessPhones',
}
const booleans = new Set(['accountEnabled', 'showInAddressList', 'isSoftDeleted'])
/** Handled by the engine itself rather than written as a property. */
const special = new Set(['alternativeSecurityIds', 'isSoftDeleted', 'manager', 'userPrincipalName'])

export type AttributeFlow = 'Always' | 'ObjectAddOnly' | 'IfEmpty'

export interface PlannedAttribute {
  readonly property: string
  readonly value: unknown
  readonly flow: AttributeFlow
}

export interface ExportPlan {
  readonly attributes: readonly PlannedAttribute[]
  /** The value mapped to userPrincipalName (the source UPN by default), from which the B2B UPN is made. */
  readonly upnSource: string | null
  /** The source manager's id when manager is mapped (null: none), undefined when it is not mapped. */
  readonly managerSourceId: string | null | undefined
  /** Whether isSoftDeleted is mapped: deprovisioning soft-deletes; without it, it disables. */
  readonly softDeleteMapped: boolean
  readonly hash: string
}

function targetValue(target: string, value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (booleans.has(target)) return value === true || asText(value).toLowerCase() === 'true'
  if (target === 'telephoneNumber') return [asText(value)]
  if (target === 'otherMails') return Array.isArray(value) ? value.map(asText) : [asText(value)]
  return Array.isArray(value) ? value : asText(value)
}

const flowOf = (mapping: Json): AttributeFlow =>
  mapping.flowType === undefined || mapping.flowType === 'Always'
    ? 'Always'
    : mapping.flowType === 'ObjectAddOnly'
      ? 'ObjectAddOnly'
      : 'IfEmpty'

export function exportPlan(config: JobConfig, view: SourceView): ExportPlan {
  const attributes: PlannedAttribute[] = []
  let upnSource: string | null = null
  let managerSourceId: string | null | undefined
  let softDeleteMapped = false
  for (const mapping of config.mapping.attributeMappings) {
    const target = String(mapping.targetAttributeName)
    let value = evaluateSource(mapping.source as Json, view)
    if (value === ignoreFlow) continue
    if ((value === null || value === '') && typeof mapping.defaultValue === 'string')
      value = mapping.defaultValue
    if (target === 'userPrincipalName') upnSource = value === null ? null : asText(value)
    else if (target === 'manager') managerSourceId = value === null ? null : asText(value)
    else if (target === 'isSoftDeleted') softDeleteMapped = true
    if (special.has(target)) continue
    attributes.push({
      property: targetProperties[target] ?? target,
      value: targetValue(target, value),
      flow: flowOf(mapping),
    })
  }
  const hash = createHash('sha1')
    .update(JSON.stringify([attributes, upnSource, managerSourceId ?? null]))
    .digest('base64')
  return { attributes, upnSource, managerSourceId, softDeleteMapped, hash }
}

/** The plan's value for a property, if the plan writes it. */
export const plannedValue = (plan: ExportPlan, property: string): unknown =>
  plan.attributes.find((a) => a.property === property)?.value
