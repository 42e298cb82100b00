// What every Graph resource provider shares: configure() keeps the engine's stack config (never the
// closure), and graph(tenant) reaches a tenant through it. check() helpers tolerate the unknown values
// a preview passes for outputs of resources not created yet.
import * as pulumi from '@pulumi/pulumi'
import { untilReadable } from '../../graph/consistency'
import type { GraphOperation } from '../../graph/errors'
import type { Json, TenantGraph } from '../../graph/tenantGraph'
import { Connections, processGraphPool } from './connections'
import type { TenantRef } from './tenantRef'

export abstract class GraphProvider {
  private connections: Connections | undefined

  configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.connections = new Connections((key) => req.config.get(key), process.env, processGraphPool)
    return Promise.resolve()
  }

  /** For tests: a provider wired to explicit connections instead of stack config. */
  useConnections(connections: Connections): this {
    this.connections = connections
    return this
  }

  /** DELETE at `path` unless the object is already gone (deletes are idempotent). */
  protected deleteIfPresent(tenant: TenantRef, op: GraphOperation, path: string): Promise<void> {
    return deleteIfPresent(this.graph(tenant), op, path)
  }

  /** The object at `path` right after a write, through Entra's replication lag (create and update end here). */
  protected readBackAt(tenant: TenantRef, what: string, op: GraphOperation, path: string): Promise<Json> {
    const graph = this.graph(tenant)
    return untilReadable(graph, what, () => graph.find(op, path))
  }

  protected graph(tenant: TenantRef) {
    if (this.connections === undefined)
      throw new Error(
        `${this.constructor.name} used before configure(): the engine always configures providers first`,
      )
    return this.connections.graph(tenant)
  }
}

/** DELETE at `path` unless the object is already gone (deletes are idempotent). */
export async function deleteIfPresent(graph: TenantGraph, op: GraphOperation, path: string): Promise<void> {
  if ((await graph.find(op, path)) === undefined) return
  await graph.request(op, 'DELETE', path)
}

/** During preview, values computed from other resources arrive as the unknown sentinel. */
export const isKnown = (value: unknown): boolean => value !== pulumi.runtime.unknownValue
