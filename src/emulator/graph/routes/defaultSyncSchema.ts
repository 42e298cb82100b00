// The default cross-tenant synchronization (Azure2Azure) job schema, graph-api.md §3.7: one rule
// USER_INBOUND_USER with the default user mappings, and the two directory definitions whose User
// attributes the mappings may name.
//
// Attribute names are the connector's, not Graph's: `mobile` is Graph's mobilePhone, `IsSoftDeleted`
// (source) / `isSoftDeleted` (target) drive soft delete, `netId` is the source user's identity that
// AltSecIdFromNetId turns into the target's alternativeSecurityIds (the matching attribute).
//
// UNCONFIRMED (listed in syncSchema.ts too): the rule id, the order and completeness of the mappings
// (the reference's table elides some with "..."), the directory ids and attribute definitions, the
// parameter key of AltSecIdFromNetId, and the constant's spelling "True" for showInAddressList.
import type { Json } from '../../store/tenantStore'

export const ctsRuleId = '6c2a4e0b4f2d4a39a7a1d2d1d0b0c0a1'
export const ctsRuleName = 'USER_INBOUND_USER'
export const sourceDirectoryName = 'Azure Active Directory'
export const targetDirectoryName = 'Azure Active Directory (target tenant)'
export const schemaVersion = 'v1.2'

type AttributeType = 'String' | 'Boolean' | 'Reference' | 'Binary'

/** Attributes shared by both sides' User object (besides the side-specific ones below). */
const commonAttributes: readonly (readonly [string, AttributeType, boolean?])[] = [
  ['accountEnabled', 'Boolean'],
  ['city', 'String'],
  ['companyName', 'String'],
  ['country', 'String'],
  ['department', 'String'],
  ['displayName', 'String'],
  ['employeeId', 'String'],
  ['employeeType', 'String'],
  ['givenName', 'String'],
  ['jobTitle', 'String'],
  ['mail', 'String'],
  ['mailNickname', 'String'],
  ['manager', 'Reference'],
  ['mobile', 'String'],
  ['otherMails', 'String', true],
  ['physicalDeliveryOfficeName', 'String'],
  ['postalCode', 'String'],
  ['preferredLanguage', 'String'],
  ['state', 'String'],
  ['streetAddress', 'String'],
  ['surname', 'String'],
  ['telephoneNumber', 'String'],
  ['usageLocation', 'String'],
  ['userPrincipalName', 'String'],
  ['userType', 'String'],
]
const sourceOnly: typeof commonAttributes = [
  ['IsSoftDeleted', 'Boolean'],
  ['netId', 'String'],
  ['objectId', 'String'],
]
const targetOnly: typeof commonAttributes = [
  ['alternativeSecurityIds', 'Binary', true],
  ['isSoftDeleted', 'Boolean'],
  ['showInAddressList', 'Boolean'],
]

export const sourceUserAttributes: readonly string[] = [...commonAttributes, ...sourceOnly].map(([n]) => n)
export const targetUserAttributes: readonly string[] = [...commonAttributes, ...targetOnly].map(([n]) => n)

function attributeDefinition([name, type, multivalued]: readonly [string, AttributeType, boolean?]): Json {
  return {
    anchor: false,
    caseExact: false,
    defaultValue: null,
    flowNullValues: false,
    multivalued: multivalued === true,
    mutability: 'ReadWrite',
    name,
    required: false,
    type,
    apiExpressions: [],
    metadata: [],
    referencedObjects:
      type === 'Reference' ? [{ referencedObjectName: 'User', referencedProperty: null }] : [],
  }
}

function directory(id: string, name: string, attributes: typeof commonAttributes): Json {
  return {
    id,
    name,
    discoverabilities: 'None',
    discovered: null,
    objects: [
      {
        name: 'User',
        attributes: [...attributes].sort(([a], [b]) => a.localeCompare(b)).map(attributeDefinition),
        metadata: [],
        supportedApis: [],
      },
    ],
    readOnly: false,
    version: null,
  }
}

const attribute = (name: string): Json => ({
  expression: `[${name}]`,
  name,
  parameters: [],
  type: 'Attribute',
})
const constant = (value: string): Json => ({
  expression: `"${value}"`,
  name: value,
  parameters: [],
  type: 'Constant',
})

function mapping(target: string, source: Json, extra: Json = {}): Json {
  return {
    defaultValue: null,
    exportMissingReferences: false,
    flowBehavior: 'FlowWhenChanged',
    flowType: 'Always',
    matchingPriority: 0,
    source,
    targetAttributeName: target,
    ...extra,
  }
}

/** The matching attribute: AltSecIdFromNetId([netId]) -> alternativeSecurityIds, precedence 1. */
export function matchingMapping(): Json {
  return mapping(
    'alternativeSecurityIds',
    {
      expression: 'AltSecIdFromNetId([netId])',
      name: 'AltSecIdFromNetId',
      parameters: [{ key: 'source', value: attribute('netId') }],
      type: 'Function',
    },
    { matchingPriority: 1 },
  )
}

const sameName = [
  'streetAddress',
  'city',
  'state',
  'postalCode',
  'country',
  'department',
  'employeeId',
  'displayName',
  'givenName',
  'surname',
  'jobTitle',
  'mobile',
  'userPrincipalName',
  'mail',
]

export function defaultUserMappings(): Json[] {
  return [
    matchingMapping(),
    mapping('isSoftDeleted', attribute('IsSoftDeleted')),
    mapping('accountEnabled', attribute('accountEnabled')),
    ...sameName.map((name) => mapping(name, attribute(name))),
    mapping('showInAddressList', constant('True')),
    mapping('userType', constant('Member'), { flowType: 'ObjectAddOnly' }),
    mapping('manager', attribute('manager')),
  ]
}

/** The schema of a new job (its id is the job id). */
export function defaultSyncSchema(jobId: string): Json {
  return {
    id: jobId,
    version: schemaVersion,
    synchronizationRules: [
      {
        id: ctsRuleId,
        name: ctsRuleName,
        editable: true,
        priority: 1,
        sourceDirectoryName,
        targetDirectoryName,
        containerFilter: null,
        groupFilter: null,
        metadata: [{ key: 'supportsProvisionOnDemand', value: 'true' }],
        objectMappings: [
          {
            name: 'Provision Azure Active Directory Users',
            enabled: true,
            flowTypes: 'Add, Update, Delete',
            sourceObjectName: 'User',
            targetObjectName: 'User',
            scope: null,
            attributeMappings: defaultUserMappings(),
            metadata: [
              { key: 'Disposition', value: 'Normal' },
              { key: 'EscrowBehavior', value: 'Default' },
              { key: 'IsCustomerDefined', value: 'False' },
            ],
          },
        ],
      },
    ],
    directories: [
      directory('AzureActiveDirectory', sourceDirectoryName, [...commonAttributes, ...sourceOnly]),
      directory('AzureActiveDirectoryTargetTenant', targetDirectoryName, [
        ...commonAttributes,
        ...targetOnly,
      ]),
    ],
  }
}
