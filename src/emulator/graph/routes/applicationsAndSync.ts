// The applications, service principals, app role assignments and synchronization route family, as
// one list for the router (each module keeps its own LIMITATIONS).
import type { GraphRoute } from '../context'
import { applicationRoutes } from './applications'
import { applicationTemplateRoutes } from './applicationTemplates'
import { appRoleAssignmentRoutes } from './appRoleAssignments'
import { servicePrincipalRoutes } from './servicePrincipals'
import { syncCredentialRoutes } from './syncCredentials'
import { syncJobRoutes } from './syncJobs'
import { syncProvisionOnDemandRoutes } from './syncProvisionOnDemand'
import { syncSchemaRoutes } from './syncSchema'
import { syncSecretRoutes } from './syncSecrets'

export const applicationAndSyncRoutes: GraphRoute[] = [
  ...applicationTemplateRoutes,
  ...applicationRoutes,
  ...servicePrincipalRoutes,
  ...appRoleAssignmentRoutes,
  ...syncSecretRoutes,
  ...syncCredentialRoutes,
  ...syncJobRoutes,
  ...syncSchemaRoutes,
  ...syncProvisionOnDemandRoutes,
]
