// The provider side's way to a tenant's Graph: built from stack config (handed to configure() by the
// engine, secrets decrypted) and the environment, at call time, one TenantGraph per tenant per provider
// process. Never captured in a provider's closure, so credentials never reach the state file.
//
// One provider process serves every resource kind of a stack (each kind through its own shim), and each
// kind is configured with the same stack config. The engine's Connections share one pool of TenantGraphs
// per process, keyed by a hash of everything that makes a connection (tenant, cloud endpoints and
// credential settings): one credential, so one token, per tenant, however many kinds reach it (a
// 10-tenant mesh asked for 313 tokens before, bench/README.md). Tests build their own Connections
// without the pool, so each test sees only its own requests.
import { createHash } from 'node:crypto'
import { cloudEndpoints } from '../../graph/clouds'
import { credentialSettings, customCloud, type ConfigLookup } from '../../graph/connectionSettings'
import { createCredential } from '../../graph/credentials'
import { reusingTokens } from '../../graph/tokenReuse'
import { TenantGraph } from '../../graph/tenantGraph'
import { tenantLabel, type TenantRef } from './tenantRef'

/** TenantGraphs by connection hash; the provider process's one pool (see above). */
export type GraphPool = Record<string, TenantGraph>
export const processGraphPool: GraphPool = Object.create(null) as GraphPool

export class Connections {
  private readonly graphs = new Map<string, TenantGraph>()

  constructor(
    private readonly config: ConfigLookup,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly pool?: GraphPool,
  ) {}

  graph(tenant: TenantRef): TenantGraph {
    const key = `${tenant.alias}|${tenant.tenantId}|${tenant.cloud}`
    let graph = this.graphs.get(key)
    if (graph === undefined) {
      const endpoints = cloudEndpoints(tenant.cloud, customCloud(this.config, this.env))
      const settings = credentialSettings(tenant.alias, this.config, this.env)
      const pooled = createHash('sha256')
        .update(JSON.stringify([tenant.alias, tenant.tenantId, endpoints, settings]))
        .digest('hex')
      graph =
        this.pool?.[pooled] ??
        new TenantGraph({
          tenant: tenantLabel(tenant),
          credential: reusingTokens(createCredential(tenant.tenantId, endpoints, settings)),
          endpoints,
        })
      if (this.pool !== undefined) this.pool[pooled] = graph
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
