// What every Graph resource provider shares: configure() keeps the engine's stack config (never the
// closure), and graph(tenant) reaches a tenant through it. check() helpers tolerate the unknown values
// a preview passes for outputs of resources not created yet.
import * as pulumi from '@pulumi/pulumi'
import { Connections } from './connections'
import type { TenantRef } from './tenantRef'

export abstract class GraphProvider {
  private connections: Connections | undefined

  configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.connections = new Connections((key) => req.config.get(key))
    return Promise.resolve()
  }

  /** For tests: a provider wired to explicit connections instead of stack config. */
  useConnections(connections: Connections): this {
    this.connections = connections
    return this
  }

  protected graph(tenant: TenantRef) {
    if (this.connections === undefined)
      throw new Error(
        `${this.constructor.name} used before configure(): the engine always configures providers first`,
      )
    return this.connections.graph(tenant)
  }
}

/** During preview, values computed from other resources arrive as the unknown sentinel. */
export const isKnown = (value: unknown): boolean => value !== pulumi.runtime.unknownValue
