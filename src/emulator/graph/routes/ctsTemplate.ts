// The cross-tenant synchronization gallery template (graph-api.md §3.2) and the application and
// service principal its instantiation creates, in the documented shape: one msiam_access app role
// (fresh id, the same on both), appRoleAssignmentRequired true, the aad2aadsync homepage.
import { randomUUID } from 'node:crypto'
import type { TenantRecord } from '../../store/store'
import type { Json } from '../../store/tenantStore'
import { graphTime } from './userShapes'

export const ctsTemplateId = '518e5f48-1fc8-4c48-9387-9fdf28b0dfe7'
export const ctsHomepage =
  'https://account.activedirectory.windowsazure.com:444/applications/default.aspx?metadata=aad2aadsync|ISV9.1|primary|z'

/** GET /applicationTemplates/{id}. Every member except id and the homepage is UNCONFIRMED. */
export function ctsTemplate(): Json {
  return {
    id: ctsTemplateId,
    displayName: 'Cross-tenant synchronization',
    homePageUrl: ctsHomepage,
    supportedSingleSignOnModes: ['notSupported'],
    supportedProvisioningTypes: ['sync'],
    logoUrl: null,
    categories: [],
    publisher: 'Microsoft Corporation',
    description: null,
  }
}

function msiamAccess(id: string): Json {
  return {
    allowedMemberTypes: ['User'],
    description: 'msiam_access',
    displayName: 'msiam_access',
    id,
    isEnabled: true,
    origin: 'Application',
    value: null,
  }
}

function userImpersonation(id: string, displayName: string): Json {
  return {
    adminConsentDescription: `Allow the application to access ${displayName} on behalf of the signed-in user.`,
    adminConsentDisplayName: `Access ${displayName}`,
    id,
    isEnabled: true,
    type: 'User',
    userConsentDescription: `Allow the application to access ${displayName} on your behalf.`,
    userConsentDisplayName: `Access ${displayName}`,
    value: 'user_impersonation',
  }
}

const emptyInfo = (): Json => ({
  logoUrl: null,
  marketingUrl: null,
  privacyStatementUrl: null,
  supportUrl: null,
  termsOfServiceUrl: null,
})

const noPublisher = (): Json => ({ displayName: null, verifiedPublisherId: null, addedDateTime: null })

/** The application and service principal POST .../instantiate creates. */
export function instantiateCts(
  displayName: string,
  tenant: TenantRecord,
  now: Date,
): { application: Json; servicePrincipal: Json } {
  const appId = randomUUID()
  const roleId = randomUUID()
  const scopeId = randomUUID()
  const created = graphTime(now)
  const application: Json = {
    id: randomUUID(),
    deletedDateTime: null,
    appId,
    applicationTemplateId: ctsTemplateId,
    createdDateTime: created,
    description: null,
    disabledByMicrosoftStatus: null,
    displayName,
    groupMembershipClaims: null,
    identifierUris: [],
    info: emptyInfo(),
    isDeviceOnlyAuthSupported: null,
    isFallbackPublicClient: null,
    notes: null,
    publisherDomain: tenant.initialDomain,
    serviceManagementReference: null,
    signInAudience: 'AzureADMyOrg',
    tags: [],
    tokenEncryptionKeyId: null,
    addIns: [],
    api: {
      acceptMappedClaims: null,
      knownClientApplications: [],
      requestedAccessTokenVersion: null,
      oauth2PermissionScopes: [userImpersonation(scopeId, displayName)],
      preAuthorizedApplications: [],
    },
    appRoles: [msiamAccess(roleId)],
    keyCredentials: [],
    optionalClaims: null,
    parentalControlSettings: { countriesBlockedForMinors: [], legalAgeGroupRule: 'Allow' },
    passwordCredentials: [],
    publicClient: { redirectUris: [] },
    requiredResourceAccess: [],
    spa: { redirectUris: [] },
    verifiedPublisher: noPublisher(),
    web: {
      homePageUrl: ctsHomepage,
      logoutUrl: null,
      redirectUris: [],
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
    },
  }
  const servicePrincipal: Json = {
    id: randomUUID(),
    deletedDateTime: null,
    accountEnabled: true,
    addIns: [],
    alternativeNames: [],
    appDescription: null,
    appDisplayName: displayName,
    appId,
    applicationTemplateId: ctsTemplateId,
    appOwnerOrganizationId: tenant.id,
    appRoleAssignmentRequired: true,
    appRoles: [msiamAccess(roleId)],
    description: null,
    disabledByMicrosoftStatus: null,
    displayName,
    homepage: ctsHomepage,
    info: emptyInfo(),
    keyCredentials: [],
    loginUrl: null,
    logoutUrl: null,
    notes: null,
    notificationEmailAddresses: [],
    oauth2PermissionScopes: [userImpersonation(scopeId, displayName)],
    passwordCredentials: [],
    preferredSingleSignOnMode: null,
    preferredTokenSigningKeyThumbprint: null,
    replyUrls: [],
    resourceSpecificApplicationPermissions: [],
    samlSingleSignOnSettings: null,
    servicePrincipalNames: [appId],
    servicePrincipalType: 'Application',
    signInAudience: 'AzureADMyOrg',
    tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
    tokenEncryptionKeyId: null,
    verifiedPublisher: noPublisher(),
  }
  return { application, servicePrincipal }
}
