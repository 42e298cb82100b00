// The provider side's way to a tenant's Graph: built from stack config (handed to configure() by the
// engine, secrets decrypted) and the environment, at call time, one TenantGraph per tenant per provider
// process. Never captured in a provider's closure, so credentials never reach the state file.
import { cloudEndpoints } from '../../graph/clouds'
import { credentialSettings, customCloud, type ConfigLookup } from '../../graph/connectionSettings'
import { createCredential } from '../../graph/credentials'
import { TenantGraph } from '../../graph/tenantGraph'
import { tenantLabel, type TenantRef } from './tenantRef'

export class Connections {
  private readonly graphs = new Map<string, TenantGraph>()

  constructor(
    private readonly config: ConfigLookup,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  graph(tenant: TenantRef): TenantGraph {
    const key = `${tenant.alias}|${tenant.tenantId}|${tenant.cloud}`
    let graph = this.graphs.get(key)
    if (graph === undefined) {
      const endpoints = cloudEndpoints(tenant.cloud, customCloud(this.config, this.env))
      const credential = createCredential(
        tenant.tenantId,
        endpoints,
        credentialSettings(tenant.alias, this.config, this.env),
      )
      graph = new TenantGraph({ tenant: tenantLabel(tenant), credential, endpoints })
      this.graphs.set(key, graph)
    }
    return graph
  }

  /** Graph requests sent so far, all tenants together (benchmarks divide it by resources). */
  get requestCount(): number {
    let total = 0
    for (const graph of this.graphs.values()) total += graph.requestCount
    return total
  }
}
