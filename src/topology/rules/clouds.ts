// Which Entra cloud instance a tenant lives in, as crossTenantAccessPolicy.allowedCloudEndpoints names
// it. usgov (GCC High) and usgovdod (DoD) share one instance, microsoftonline.us: B2B between them is
// not cross-cloud, so the rules compare endpoints, not the `cloud` values (graph-api.md §7.9, §7.10).
import type { Cloud, ResolvedTenant } from '../model'
import type { CloudEndpoint } from '../topology.generated'

const endpoints: Readonly<Record<Cloud, CloudEndpoint>> = {
  global: 'microsoftonline.com',
  usgov: 'microsoftonline.us',
  usgovdod: 'microsoftonline.us',
  china: 'partner.microsoftonline.cn',
}

export const cloudEndpoint = (cloud: Cloud): CloudEndpoint => endpoints[cloud]

/** True when the two tenants live in different cloud instances (B2B between them is cross-cloud). */
export const crossesClouds = (a: ResolvedTenant, b: ResolvedTenant): boolean =>
  cloudEndpoint(a.cloud) !== cloudEndpoint(b.cloud)

/** "'gov' (usgov, microsoftonline.us)", for messages. */
export const describeCloud = (t: ResolvedTenant): string =>
  `'${t.alias}' (${t.cloud}, ${cloudEndpoint(t.cloud)})`
