// Where the drift report's audit records come from:
// - a file of records by tenant alias ({ "<alias>": [directoryAudit, ...] }), for offline runs and tests;
// - the tenants themselves, through Graph with the stack's own credentials (the same stack config and
//   environment the provider uses, read with `pulumi config --json --show-secrets`): GET
//   /auditLogs/directoryAudits since a number of days ago, every page (AuditLog.Read.All; Graph keeps
//   30 days, and reports are limited to 5 requests per 10 s per app and tenant, graph-api.md §8).
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import type { ConfigLookup } from '../../graph/connectionSettings'
import { Connections } from '../../resources/shared/connections'
import type { AuditRecord, AuditSource } from './audit'

export function auditFromFile(file: string): AuditSource {
  const byAlias = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, AuditRecord[]>
  if (typeof byAlias !== 'object' || byAlias === null || Array.isArray(byAlias))
    throw new Error(`${file} must be an object of directory audit records by tenant alias`)
  return (tenant) => Promise.resolve(byAlias[tenant.alias] ?? [])
}

/** The stack's config as the provider sees it, from `pulumi config --json --show-secrets`. */
export function stackConfig(stack: string, run = execFileSync): ConfigLookup {
  const text = run('pulumi', ['config', '--json', '--show-secrets', '--stack', stack], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const values = JSON.parse(String(text)) as Record<string, { value?: unknown }>
  return (key) => {
    const value = values[key]?.value
    if (value === undefined || value === null) return undefined
    return typeof value === 'string' ? value : JSON.stringify(value)
  }
}

export function auditFromTenants(config: ConfigLookup, days: number, now = new Date()): AuditSource {
  const connections = new Connections(config)
  const since = new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString()
  return (tenant) =>
    connections
      .graph(tenant)
      .list<AuditRecord>(
        { operation: `read the directory audit records since ${since}`, permissions: ['AuditLog.Read.All'] },
        `/auditLogs/directoryAudits?$filter=activityDateTime ge ${since}`,
      )
}
