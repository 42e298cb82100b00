// Every Graph route family the emulator serves. A family is one module under this folder that exports
// its routes; add it to the list below.
import { GraphRouter } from '../router'
import { crossTenantAccessRoutes } from './crossTenantAccess'
import { partnerIdentitySyncRoutes } from './partnerIdentitySync'

export function createGraphRouter(): GraphRouter {
  return new GraphRouter().add(
    ...crossTenantAccessRoutes,
    ...partnerIdentitySyncRoutes,
    // (route families are added here, one spread per module)
  )
}
