// Shapes of the cross-tenant access policy objects (graph-api.md §1.2-§1.3): their properties, the
// system defaults, and the checks for request bodies.
import { checkBoolean, checkEnum, checkObject, checkString, fail, type Body } from '../validate'
import type { EntityShape } from '../replies'

/** Store kinds of the cross-tenant access objects (one tenant store each). */
export const policyKind = 'xtap.policy'
export const defaultKind = 'xtap.default'
export const partnerKind = 'xtap.partner'
export const identitySyncKind = 'xtap.identitySync'

const accessTypes = ['allowed', 'blocked'] as const
const targetTypes = ['user', 'group', 'application'] as const

function checkTargets(value: unknown, path: string): void {
  if (!Array.isArray(value)) fail(path, value, 'an array of { target, targetType }')
  value.forEach((item, i) =>
    checkObject(
      item,
      `${path}[${i}]`,
      { target: (v, p) => checkString(v, p), targetType: (v, p) => checkEnum(v, p, targetTypes) },
      'crossTenantAccessPolicyTarget',
      false,
    ),
  )
}

const targetConfiguration = (v: unknown, p: string): void =>
  checkObject(
    v,
    p,
    { accessType: (a, ap) => checkEnum(a, ap, accessTypes), targets: checkTargets },
    'crossTenantAccessPolicyTargetConfiguration',
  )

export const checkB2BSetting = (v: unknown, p: string): void =>
  checkObject(
    v,
    p,
    { usersAndGroups: targetConfiguration, applications: targetConfiguration },
    'crossTenantAccessPolicyB2BSetting',
  )

export const checkInboundTrust = (v: unknown, p: string): void =>
  checkObject(
    v,
    p,
    {
      isMfaAccepted: (b, bp) => checkBoolean(b, bp, true),
      isCompliantDeviceAccepted: (b, bp) => checkBoolean(b, bp, true),
      isHybridAzureADJoinedDeviceAccepted: (b, bp) => checkBoolean(b, bp, true),
    },
    'crossTenantAccessPolicyInboundTrust',
  )

export const checkInboundOutbound = (v: unknown, p: string): void =>
  checkObject(
    v,
    p,
    {
      inboundAllowed: (b, bp) => checkBoolean(b, bp, true),
      outboundAllowed: (b, bp) => checkBoolean(b, bp, true),
    },
    'inboundOutboundPolicyConfiguration',
  )

export const checkTenantRestrictions = (v: unknown, p: string): void =>
  checkObject(
    v,
    p,
    { usersAndGroups: targetConfiguration, applications: targetConfiguration, devices: () => undefined },
    'crossTenantAccessPolicyTenantRestrictions',
  )

const all = (targetType: 'user' | 'application', accessType: 'allowed' | 'blocked') => ({
  accessType,
  targets: [{ target: targetType === 'user' ? 'AllUsers' : 'AllApplications', targetType }],
})
const b2b = (accessType: 'allowed' | 'blocked') => ({
  usersAndGroups: all('user', accessType),
  applications: all('application', accessType),
})

/** GET /default while isServiceDefault is true. Tenant restrictions' exact default JSON is UNCONFIRMED (blocked for all is presumed). */
export function systemDefault(): Body {
  return {
    isServiceDefault: true,
    inboundTrust: {
      isMfaAccepted: false,
      isCompliantDeviceAccepted: false,
      isHybridAzureADJoinedDeviceAccepted: false,
    },
    b2bCollaborationOutbound: b2b('allowed'),
    b2bCollaborationInbound: b2b('allowed'),
    b2bDirectConnectOutbound: b2b('blocked'),
    b2bDirectConnectInbound: b2b('blocked'),
    tenantRestrictions: { ...b2b('blocked'), devices: null },
    automaticUserConsentSettings: { inboundAllowed: false, outboundAllowed: false },
    invitationRedemptionIdentityProviderConfiguration: {
      primaryIdentityProviderPrecedenceOrder: [
        'externalFederation',
        'azureActiveDirectory',
        'socialIdentityProviders',
      ],
      fallbackIdentityProvider: 'defaultConfiguredIdp',
    },
  }
}

/** The inbound, outbound and tenant restriction settings the default and every partner configuration have. */
const sharedWritable: Readonly<Record<string, (v: unknown, p: string) => void>> = {
  inboundTrust: checkInboundTrust,
  b2bCollaborationOutbound: checkB2BSetting,
  b2bCollaborationInbound: checkB2BSetting,
  b2bDirectConnectOutbound: checkB2BSetting,
  b2bDirectConnectInbound: checkB2BSetting,
  tenantRestrictions: checkTenantRestrictions,
}

/** Properties a PATCH of /default may set (automaticUserConsentSettings is read-only there). */
export const defaultWritable: Readonly<Record<string, (v: unknown, p: string) => void>> = {
  ...sharedWritable,
  invitationRedemptionIdentityProviderConfiguration: (v, p) =>
    checkObject(
      v,
      p,
      {
        primaryIdentityProviderPrecedenceOrder: () => undefined,
        fallbackIdentityProvider: (s, sp) => checkString(s, sp),
      },
      'defaultInvitationRedemptionIdentityProviderConfiguration',
    ),
}

export const defaultProperties = [
  'isServiceDefault',
  'automaticUserConsentSettings',
  ...Object.keys(defaultWritable),
]

/** Properties a partner's POST or PATCH may set; tenantId only on POST. */
export const partnerWritable: Readonly<Record<string, (v: unknown, p: string) => void>> = {
  ...sharedWritable,
  automaticUserConsentSettings: checkInboundOutbound,
  isServiceProvider: (v, p) => checkBoolean(v, p, true),
}

/** A new partner: every policy null (inherit /default) except automaticUserConsentSettings, as Graph returns it. */
export function newPartner(tenantId: string): Body {
  return {
    tenantId,
    isServiceProvider: null,
    isInMultiTenantOrganization: false,
    inboundTrust: null,
    b2bCollaborationOutbound: null,
    b2bCollaborationInbound: null,
    b2bDirectConnectOutbound: null,
    b2bDirectConnectInbound: null,
    tenantRestrictions: null,
    automaticUserConsentSettings: { inboundAllowed: null, outboundAllowed: null },
  }
}

export const partnerProperties = [
  'tenantId',
  'isInMultiTenantOrganization',
  'identitySynchronization',
  ...Object.keys(partnerWritable),
]

export const allowedCloudEndpointValues = [
  'microsoftonline.com',
  'microsoftonline.us',
  'partner.microsoftonline.cn',
] as const

/** Permissions and audit category shared by the cross-tenant access routes (crossTenantAccess.ts, deletedPartners.ts). */
export const readPermissions = ['Policy.Read.All', 'Policy.ReadWrite.CrossTenantAccess']
export const writePermissions = ['Policy.ReadWrite.CrossTenantAccess']
export const categoryAccess = 'CrossTenantAccessSettings'

export const partnerShape: EntityShape = {
  contextPath: 'policies/crossTenantAccessPolicy/partners',
  properties: partnerProperties,
  typeName: 'crossTenantAccessPolicyConfigurationPartner',
}
