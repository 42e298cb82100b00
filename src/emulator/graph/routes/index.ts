// Every Graph route family the emulator serves. A family is one module under this folder that exports
// its routes; add it to the list below.
import { GraphRouter } from '../router'
import { directoryAuditRoutes } from './directoryAudits'
import { provisioningLogRoutes } from './provisioningLogs'
import { crossTenantAccessRoutes } from './crossTenantAccess'
import { partnerIdentitySyncRoutes } from './partnerIdentitySync'
import { userRoutes } from './users'
import { multiTenantOrganizationRoutes } from './multiTenantOrganization'
import { groupAndUnitRoutes } from './groups'
import { applicationAndSyncRoutes } from './applicationsAndSync'
import { roleManagementRoutes } from './roleManagement'

export function createGraphRouter(): GraphRouter {
  return new GraphRouter().add(
    ...crossTenantAccessRoutes,
    ...partnerIdentitySyncRoutes,
    ...userRoutes,
    ...multiTenantOrganizationRoutes,
    ...directoryAuditRoutes,
    ...provisioningLogRoutes,
    ...groupAndUnitRoutes,
    ...applicationAndSyncRoutes,
    ...roleManagementRoutes,
    // (route families are added here, one spread per module)
  )
}
