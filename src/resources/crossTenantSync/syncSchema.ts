// The parts of a cross-tenant sync job's schema a stack sets (graph-api.md §3.7), in the plan's shape:
// the User object mapping's flowTypes (Target Object Actions), the source and flowType of the
// userType and showInAddressList attribute mappings, and the attribute mappings removed
// (isSoftDeleted: deprovisioning then disables instead of soft-deleting). Everything else stays as
// Entra made it: the schema is read, changed and PUT back whole (PUT replaces the whole schema).
import type { Json } from '../../graph/tenantGraph'

export type FlowTypes = 'Add, Update, Delete' | 'Add, Update'
export type OverriddenAttribute = 'showInAddressList' | 'userType'
export type RemovableAttribute = 'isSoftDeleted'

export interface AttributeMappingOverride {
  readonly source: {
    readonly type: 'Constant' | 'Attribute' | 'Function'
    readonly name: string
    readonly expression: string
    readonly parameters: readonly unknown[]
  }
  readonly flowType: 'Always' | 'ObjectAddOnly'
}

export interface SyncSchemaInputs {
  /** Target Object Actions: drop Delete to keep users that leave the scope. */
  readonly flowTypes: FlowTypes
  /** By targetAttributeName; an attribute not listed keeps Entra's mapping. */
  readonly attributeMappings: { readonly [K in OverriddenAttribute]?: AttributeMappingOverride }
  /** Target attributes whose mapping is removed (sorted). */
  readonly removedAttributeMappings: readonly RemovableAttribute[]
}

const flowTypes: readonly string[] = ['Add, Update, Delete', 'Add, Update']
const overridden: readonly string[] = ['showInAddressList', 'userType']
const removable: readonly RemovableAttribute[] = ['isSoftDeleted']
const sourceTypes: readonly string[] = ['Constant', 'Attribute', 'Function']
const mappingFlowTypes: readonly string[] = ['Always', 'ObjectAddOnly']

/** Entra's default mapping of each removable attribute, put back when a stack stops removing it. */
const defaultMappings: Readonly<Record<RemovableAttribute, Json>> = {
  isSoftDeleted: {
    defaultValue: null,
    exportMissingReferences: false,
    flowBehavior: 'FlowWhenChanged',
    flowType: 'Always',
    matchingPriority: 0,
    source: { expression: '[IsSoftDeleted]', name: 'IsSoftDeleted', parameters: [], type: 'Attribute' },
    targetAttributeName: 'isSoftDeleted',
  },
}

/** Problems with the schema input, as check() reasons. */
export function schemaProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null)
    return ['schema must be { flowTypes, attributeMappings, removedAttributeMappings }']
  const s = value as Record<string, unknown>
  const problems: string[] = []
  if (!flowTypes.includes(s.flowTypes as string))
    problems.push(
      `schema.flowTypes must be one of ${flowTypes.map((f) => `'${f}'`).join(', ')}, got ${JSON.stringify(s.flowTypes)}`,
    )
  const mappings = s.attributeMappings
  if (typeof mappings !== 'object' || mappings === null)
    problems.push('schema.attributeMappings must be an object')
  else
    for (const [name, mapping] of Object.entries(mappings as Record<string, unknown>)) {
      const at = `schema.attributeMappings.${name}`
      if (!overridden.includes(name)) {
        problems.push(`${at}: only ${overridden.join(' and ')} can be set`)
        continue
      }
      const m = (mapping ?? {}) as Partial<AttributeMappingOverride>
      const source = m.source as Partial<AttributeMappingOverride['source']> | undefined
      if (
        !sourceTypes.includes(source?.type as string) ||
        typeof source?.name !== 'string' ||
        typeof source.expression !== 'string' ||
        !Array.isArray(source.parameters)
      )
        problems.push(
          `${at}.source must be { type: ${sourceTypes.join('|')}, name, expression, parameters: [] }`,
        )
      if (!mappingFlowTypes.includes(m.flowType as string))
        problems.push(`${at}.flowType must be 'Always' or 'ObjectAddOnly', got ${JSON.stringify(m.flowType)}`)
    }
  const removed = s.removedAttributeMappings
  if (!Array.isArray(removed) || removed.some((r) => !removable.includes(r as RemovableAttribute)))
    problems.push(
      `schema.removedAttributeMappings must list only ${removable.join(', ')}, got ${JSON.stringify(removed)}`,
    )
  return problems
}

/** The User -> User object mapping of the schema's rules. */
function userMapping(schema: Json): Json | undefined {
  const rules = Array.isArray(schema.synchronizationRules) ? (schema.synchronizationRules as Json[]) : []
  return rules
    .flatMap((r) => (Array.isArray(r.objectMappings) ? (r.objectMappings as Json[]) : []))
    .find((m) => m.sourceObjectName === 'User' && m.targetObjectName === 'User')
}

const mappingsOf = (mapping: Json): Json[] =>
  Array.isArray(mapping.attributeMappings) ? (mapping.attributeMappings as Json[]) : []

/** The schema to PUT: the live one (as GET returned it) with the stack's changes. */
export function applySchema(live: Json, desired: SyncSchemaInputs, what: string): Json {
  const schema = structuredClone(live)
  for (const key of Object.keys(schema)) if (key.startsWith('@odata.')) delete schema[key]
  const mapping = userMapping(schema)
  if (mapping === undefined) throw new Error(`${what}: the job's schema has no User object mapping to change`)
  mapping.flowTypes = desired.flowTypes
  const mappings = mappingsOf(mapping).filter(
    (m) => !desired.removedAttributeMappings.includes(m.targetAttributeName as RemovableAttribute),
  )
  for (const name of removable)
    if (
      !desired.removedAttributeMappings.includes(name) &&
      !mappings.some((m) => m.targetAttributeName === name)
    )
      mappings.push(structuredClone(defaultMappings[name]))
  for (const [name, override] of Object.entries(desired.attributeMappings)) {
    if (override === undefined) continue
    const source = { ...override.source, parameters: [...override.source.parameters] }
    const existing = mappings.find((m) => m.targetAttributeName === name)
    if (existing !== undefined) Object.assign(existing, { source, flowType: override.flowType })
    else
      mappings.push({
        defaultValue: null,
        exportMissingReferences: false,
        flowBehavior: 'FlowWhenChanged',
        flowType: override.flowType,
        matchingPriority: 0,
        source,
        targetAttributeName: name,
      })
  }
  mapping.attributeMappings = mappings
  return schema
}

/**
 * The live schema in input shape: the mappings the stack sets (an absent one is left out, so it shows
 * as drift) and which removable mappings are absent. A schema edited by hand reads as drift.
 */
export function liveSchema(live: Json, desired: SyncSchemaInputs): SyncSchemaInputs {
  const mapping = userMapping(live) ?? {}
  const mappings = mappingsOf(mapping)
  const attributeMappings: Partial<Record<OverriddenAttribute, AttributeMappingOverride>> = {}
  for (const name of Object.keys(desired.attributeMappings) as OverriddenAttribute[]) {
    const m = mappings.find((x) => x.targetAttributeName === name)
    if (m === undefined) continue
    const source = (m.source ?? {}) as Json
    attributeMappings[name] = {
      source: {
        type: source.type as AttributeMappingOverride['source']['type'],
        name: source.name as string,
        expression: source.expression as string,
        parameters: Array.isArray(source.parameters) ? source.parameters : [],
      },
      flowType: m.flowType as AttributeMappingOverride['flowType'],
    }
  }
  return {
    flowTypes: mapping.flowTypes as FlowTypes,
    attributeMappings,
    removedAttributeMappings: removable.filter(
      (name) => !mappings.some((m) => m.targetAttributeName === name),
    ),
  }
}
