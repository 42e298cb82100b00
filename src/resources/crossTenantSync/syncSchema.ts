// The parts of a cross-tenant sync job's schema a stack sets (graph-api.md §3.7), in the plan's shape:
// the User object mapping's flowTypes (Target Object Actions), the source and flowType of the
// userType and showInAddressList attribute mappings, and the attribute mappings removed
// (isSoftDeleted: deprovisioning then disables instead of soft-deleting). Everything else stays as
// Entra made it: the schema is read, changed and PUT back whole (PUT replaces the whole schema).
import type { Json } from '../../graph/tenantGraph'

export type FlowTypes = 'Add, Update, Delete' | 'Add, Update'
export type OverriddenAttribute = 'showInAddressList' | 'userType'
export type RemovableAttribute = 'isSoftDeleted'
export type MappingFlowType = 'Always' | 'ObjectAddOnly'

/** An attribute mapping in Graph's shape (the plan's): a source and when it applies. */
export interface AttributeMappingOverride {
  readonly source: {
    readonly type: 'Constant' | 'Attribute' | 'Function'
    readonly name: string
    readonly expression: string
    readonly parameters: readonly unknown[]
  }
  readonly flowType: MappingFlowType
}

/**
 * The schema input, flat. Graph nests a mapping four levels deep (rules, object mappings, attribute
 * mappings, source); the resource keeps only what a stack sets, one level deep, because the engine
 * marshals every nested property of every input on every call and writes each to its automatic log:
 * the nested form cost about 2 s of CPU in a 480-resource `preview --refresh` (bench/README.md,
 * refresh). A mapping is its source expression, as Entra's portal shows it ('"Member"' is a constant,
 * '[userType]' an attribute), with its flow type beside it. An attribute left out keeps Entra's mapping.
 */
export interface SyncSchemaInputs {
  /** Target Object Actions: drop Delete to keep users that leave the scope. */
  readonly flowTypes: FlowTypes
  readonly userType?: string
  readonly userTypeFlowType?: MappingFlowType
  readonly showInAddressList?: string
  readonly showInAddressListFlowType?: MappingFlowType
  /** Target attributes whose mapping is removed (sorted). */
  readonly removedAttributeMappings: readonly RemovableAttribute[]
}

/** The plan's schema, in Graph's nesting (src/topology/plan/types.ts). */
export interface PlannedSchema {
  readonly flowTypes: FlowTypes
  readonly attributeMappings: { readonly [K in OverriddenAttribute]?: AttributeMappingOverride }
  readonly removedAttributeMappings: readonly RemovableAttribute[]
}

const flowTypes: readonly string[] = ['Add, Update, Delete', 'Add, Update']
const overridden: readonly OverriddenAttribute[] = ['showInAddressList', 'userType']
const removable: readonly RemovableAttribute[] = ['isSoftDeleted']
const mappingFlowTypes: readonly string[] = ['Always', 'ObjectAddOnly']
const flowTypeKey = (name: OverriddenAttribute) => `${name}FlowType` as const

/** The resource's flat schema input from the plan's. */
export function schemaInputsOf(planned: PlannedSchema): SyncSchemaInputs {
  const inputs: Record<string, unknown> = { flowTypes: planned.flowTypes }
  for (const name of overridden) {
    const mapping = planned.attributeMappings[name]
    if (mapping === undefined) continue
    inputs[name] = mapping.source.expression
    inputs[flowTypeKey(name)] = mapping.flowType
  }
  inputs.removedAttributeMappings = [...planned.removedAttributeMappings]
  return inputs as unknown as SyncSchemaInputs
}

const constantExpression = /^"((?:[^"\\]|\\.)*)"$/
const attributeExpression = /^\[([^[\]]+)\]$/

/** Graph's source for a constant or attribute expression; undefined for anything else (a function). */
export function sourceOf(expression: string): AttributeMappingOverride['source'] | undefined {
  const constant = constantExpression.exec(expression)
  if (constant !== null)
    return { type: 'Constant', name: constant[1]!.replace(/\\(.)/g, '$1'), expression, parameters: [] }
  const attribute = attributeExpression.exec(expression)
  if (attribute !== null) return { type: 'Attribute', name: attribute[1]!, expression, parameters: [] }
  return undefined
}

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
  const keys = ['flowTypes', ...overridden.flatMap((n) => [n, flowTypeKey(n)]), 'removedAttributeMappings']
  if (typeof value !== 'object' || value === null) return [`schema must be { ${keys.join(', ')} }`]
  const s = value as Record<string, unknown>
  const problems: string[] = []
  for (const key of Object.keys(s))
    if (!keys.includes(key)) problems.push(`schema.${key} is not managed; the keys are ${keys.join(', ')}`)
  if (!flowTypes.includes(s.flowTypes as string))
    problems.push(
      `schema.flowTypes must be one of ${flowTypes.map((f) => `'${f}'`).join(', ')}, got ${JSON.stringify(s.flowTypes)}`,
    )
  for (const name of overridden) {
    const expression = s[name]
    const flowType = s[flowTypeKey(name)]
    if (expression === undefined && flowType === undefined) continue
    if (typeof expression !== 'string' || sourceOf(expression) === undefined)
      problems.push(
        `schema.${name} must be a constant ('"Member"') or an attribute ('[userType]'), got ${JSON.stringify(expression)}; functions are not supported`,
      )
    if (!mappingFlowTypes.includes(flowType as string))
      problems.push(
        `schema.${flowTypeKey(name)} must be 'Always' or 'ObjectAddOnly', got ${JSON.stringify(flowType)}`,
      )
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
  for (const name of overridden) {
    const expression = desired[name]
    if (expression === undefined) continue
    const source = sourceOf(expression)
    if (source === undefined)
      throw new Error(`${what}: schema.${name} ${expression} is not a constant or attribute`)
    const flowType = desired[flowTypeKey(name)] ?? 'Always'
    const existing = mappings.find((m) => m.targetAttributeName === name)
    if (existing !== undefined) Object.assign(existing, { source, flowType })
    else
      mappings.push({
        defaultValue: null,
        exportMissingReferences: false,
        flowBehavior: 'FlowWhenChanged',
        flowType,
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
 * as drift), each as its source expression, and which removable mappings are absent. A schema edited
 * by hand reads as drift (a mapping turned into a function shows the function's expression).
 */
export function liveSchema(live: Json, desired: SyncSchemaInputs): SyncSchemaInputs {
  const mapping = userMapping(live) ?? {}
  const mappings = mappingsOf(mapping)
  const inputs: Record<string, unknown> = { flowTypes: mapping.flowTypes }
  for (const name of overridden) {
    if (desired[name] === undefined) continue
    const m = mappings.find((x) => x.targetAttributeName === name)
    if (m === undefined) continue
    const source = (m.source ?? {}) as Json
    inputs[name] =
      typeof source.expression === 'string'
        ? source.expression
        : source.type === 'Attribute'
          ? `[${String(source.name)}]`
          : `"${String(source.name)}"`
    inputs[flowTypeKey(name)] = m.flowType
  }
  inputs.removedAttributeMappings = removable.filter(
    (name) => !mappings.some((m) => m.targetAttributeName === name),
  )
  return inputs as unknown as SyncSchemaInputs
}
