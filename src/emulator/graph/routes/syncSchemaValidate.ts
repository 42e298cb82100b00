// Checks a PUT of a job's synchronization schema (graph-api.md §3.7). Shape errors (unknown members,
// wrong types) are 400 Request_BadRequest naming the path; schema errors Graph's engine reports
// (unknown rule, the matching attribute changed or added, an attribute no directory defines) are 400
// with code schemaInvalid. The checked schema is what the provisioning engine interprets, so every
// name it will meet is known here.
import { graphErrors } from '../../errors'
import type { Json } from '../../store/tenantStore'
import { checkBoolean, checkEnum, checkString, fail } from '../validate'
import {
  ctsRuleId,
  matchingMapping,
  sourceDirectoryName,
  sourceUserAttributes,
  targetDirectoryName,
  targetUserAttributes,
} from './defaultSyncSchema'
import { array, canonical, checkFilter, object, schemaInvalid } from './syncScopeFilter'
import { supportedFunctions } from '../../provisioning/sourceAttributes'

export const flowTypeFlags = ['Add', 'Update', 'Delete'] as const
const attributeFlowTypes = [
  'Always',
  'ObjectAddOnly',
  'MultiValueAddOnly',
  'ValueAddOnly',
  'AttributeAddOnly',
]
const flowBehaviors = ['FlowWhenChanged', 'FlowAlways']
const sourceTypes = ['Attribute', 'Constant', 'Function']

function checkPairs(value: unknown, path: string): void {
  array(value, path).forEach((item, i) => {
    const pair = object(item, `${path}[${i}]`, ['key', 'value'], 'stringKeyStringValuePair')
    checkString(pair.key, `${path}[${i}].key`)
    checkString(pair.value, `${path}[${i}].value`, true)
  })
}

function checkSource(value: unknown, path: string): void {
  const source = object(value, path, ['type', 'name', 'expression', 'parameters'], 'attributeMappingSource')
  checkEnum(source.type, `${path}.type`, sourceTypes)
  checkString(source.name, `${path}.name`)
  if (source.expression !== undefined) checkString(source.expression, `${path}.expression`, true)
  if (source.type === 'Function' && !(supportedFunctions as readonly string[]).includes(String(source.name)))
    throw graphErrors.notImplemented(
      `the function '${String(source.name)}' at ${path}: the emulator's provisioning engine evaluates ${supportedFunctions.join(', ')}`,
    )
  if (source.type === 'Attribute' && !sourceUserAttributes.includes(String(source.name)))
    throw schemaInvalid(
      `${path}: the source directory '${sourceDirectoryName}' has no User attribute '${String(source.name)}'.`,
    )
  array(source.parameters ?? [], `${path}.parameters`).forEach((item, i) => {
    const parameter = object(
      item,
      `${path}.parameters[${i}]`,
      ['key', 'value'],
      'stringKeyAttributeMappingSourceValuePair',
    )
    checkString(parameter.key, `${path}.parameters[${i}].key`)
    checkSource(parameter.value, `${path}.parameters[${i}].value`)
  })
}

function checkAttributeMapping(value: unknown, path: string): Json {
  const known = [
    'targetAttributeName',
    'source',
    'defaultValue',
    'flowBehavior',
    'flowType',
    'matchingPriority',
    'exportMissingReferences',
  ]
  const mapping = object(value, path, known, 'attributeMapping')
  checkString(mapping.targetAttributeName, `${path}.targetAttributeName`)
  if (!targetUserAttributes.includes(String(mapping.targetAttributeName)))
    throw schemaInvalid(
      `${path}: the target directory '${targetDirectoryName}' has no User attribute '${String(mapping.targetAttributeName)}'.`,
    )
  checkSource(mapping.source, `${path}.source`)
  if (mapping.defaultValue !== undefined) checkString(mapping.defaultValue, `${path}.defaultValue`, true)
  if (mapping.flowBehavior !== undefined)
    checkEnum(mapping.flowBehavior, `${path}.flowBehavior`, flowBehaviors)
  if (mapping.flowType !== undefined) checkEnum(mapping.flowType, `${path}.flowType`, attributeFlowTypes)
  const priority = mapping.matchingPriority ?? 0
  if (!Number.isInteger(priority) || (priority as number) < 0)
    fail(`${path}.matchingPriority`, priority, 'a whole number, 0 or more')
  if (mapping.exportMissingReferences !== undefined)
    checkBoolean(mapping.exportMissingReferences, `${path}.exportMissingReferences`)
  return mapping
}

function checkFlowTypes(value: unknown, path: string): void {
  if (typeof value !== 'string') fail(path, value, `a comma-separated string of ${flowTypeFlags.join(', ')}`)
  const flags = value.split(',').map((f) => f.trim())
  if (flags.some((f) => !flowTypeFlags.includes(f as never)) || new Set(flags).size !== flags.length)
    fail(
      path,
      value,
      `a comma-separated string of distinct ${flowTypeFlags.join(', ')} (e.g. "Add, Update, Delete")`,
    )
}

function checkObjectMapping(value: unknown, path: string): void {
  const known = [
    'name',
    'enabled',
    'flowTypes',
    'sourceObjectName',
    'targetObjectName',
    'scope',
    'attributeMappings',
    'metadata',
  ]
  const mapping = object(value, path, known, 'objectMapping')
  checkString(mapping.name, `${path}.name`)
  checkBoolean(mapping.enabled, `${path}.enabled`)
  checkFlowTypes(mapping.flowTypes, `${path}.flowTypes`)
  if (mapping.sourceObjectName !== 'User' || mapping.targetObjectName !== 'User')
    throw schemaInvalid(
      `${path}: the emulator's cross-tenant sync schema maps User to User only (group sync is a preview it does not model).`,
    )
  if (mapping.scope !== undefined) checkFilter(mapping.scope, `${path}.scope`)
  if (mapping.metadata !== undefined) checkPairs(mapping.metadata, `${path}.metadata`)
  const attributes = array(mapping.attributeMappings, `${path}.attributeMappings`).map((m, i) =>
    checkAttributeMapping(m, `${path}.attributeMappings[${i}]`),
  )
  const targets = attributes.map((a) => String(a.targetAttributeName))
  const repeated = targets.find((t, i) => targets.indexOf(t) !== i)
  if (repeated !== undefined)
    throw schemaInvalid(`${path}: the target attribute '${repeated}' is mapped more than once.`)
  const matching = attributes.filter((a) => ((a.matchingPriority as number | undefined) ?? 0) > 0)
  const expected = matchingMapping()
  const same = (a: Json): boolean =>
    a.targetAttributeName === expected.targetAttributeName &&
    a.matchingPriority === expected.matchingPriority &&
    canonical(a.source) === canonical(expected.source)
  if (matching.length !== 1 || !same(matching[0]!))
    throw schemaInvalid(
      `${path}: the matching attribute of cross-tenant synchronization cannot be changed, and no matching attribute can be added: it must be AltSecIdFromNetId([netId]) -> alternativeSecurityIds with matchingPriority 1, alone.`,
    )
}

function checkRule(value: unknown, path: string): void {
  const known = [
    'id',
    'name',
    'editable',
    'priority',
    'sourceDirectoryName',
    'targetDirectoryName',
    'metadata',
    'objectMappings',
    'containerFilter',
    'groupFilter',
  ]
  const rule = object(value, path, known, 'synchronizationRule')
  if (rule.id !== ctsRuleId)
    throw schemaInvalid(
      `${path}: '${String(rule.id)}' is not a synchronization rule id the engine recognises; copy the rule id from GET .../schema ('${ctsRuleId}').`,
    )
  checkString(rule.name, `${path}.name`)
  if (rule.editable !== undefined) checkBoolean(rule.editable, `${path}.editable`)
  if (rule.priority !== undefined && (!Number.isInteger(rule.priority) || (rule.priority as number) < 1))
    fail(`${path}.priority`, rule.priority, 'a whole number, 1 or more')
  if (rule.sourceDirectoryName !== sourceDirectoryName || rule.targetDirectoryName !== targetDirectoryName)
    throw schemaInvalid(
      `${path}: the rule must read '${sourceDirectoryName}' and write '${targetDirectoryName}'.`,
    )
  if (rule.metadata !== undefined) checkPairs(rule.metadata, `${path}.metadata`)
  for (const name of ['containerFilter', 'groupFilter'])
    if (rule[name] !== undefined && rule[name] !== null)
      throw schemaInvalid(`${path}.${name}: must be null for cross-tenant synchronization.`)
  const mappings = array(rule.objectMappings, `${path}.objectMappings`)
  if (mappings.length !== 1)
    throw schemaInvalid(
      `${path}.objectMappings: cross-tenant synchronization has exactly one object mapping (User).`,
    )
  checkObjectMapping(mappings[0], `${path}.objectMappings[0]`)
}

/** The schema to store, or a Graph-shaped error. `stored` is the job's current schema. */
export function checkSchemaPut(value: unknown, jobId: string, stored: Json): Json {
  const schema = object(
    value,
    'synchronizationSchema',
    ['id', 'version', 'synchronizationRules', 'directories'],
    'synchronizationSchema',
  )
  if (schema.id !== undefined && schema.id !== jobId)
    fail('id', schema.id, `the job id '${jobId}' (the schema id is the job's)`)
  if (schema.version !== undefined) checkString(schema.version, 'version')
  const rules = array(schema.synchronizationRules, 'synchronizationRules')
  if (rules.length !== 1)
    throw schemaInvalid(
      `synchronizationRules: cross-tenant synchronization has exactly one rule ('${ctsRuleId}').`,
    )
  checkRule(rules[0], 'synchronizationRules[0]')
  if (canonical(array(schema.directories, 'directories')) !== canonical(stored.directories))
    throw graphErrors.notImplemented(
      'changing the directory definitions of a synchronization schema (send them back as GET returned them)',
    )
  return {
    id: jobId,
    version: schema.version ?? stored.version,
    synchronizationRules: rules,
    directories: stored.directories,
  }
}
