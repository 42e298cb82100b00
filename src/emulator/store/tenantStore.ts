// Everything one tenant owns, reached only through store.tenant(id): a handler holding one tenant's
// store cannot read or change another tenant's objects (tenant isolation by construction).
import type { Database } from './database'

export type Json = { [key: string]: unknown }

export interface StoredObject<T extends Json = Json> {
  readonly id: string
  readonly body: T
  /** ISO time of a soft delete, or undefined for a live object. */
  readonly deletedAt: string | undefined
}

interface ObjectRow {
  id: string
  body: string
  deleted_at: string | null
}

function toStored<T extends Json>(row: ObjectRow): StoredObject<T> {
  return { id: row.id, body: JSON.parse(row.body) as T, deletedAt: row.deleted_at ?? undefined }
}

/**
 * When objects were inserted, in emulator time, for the replication lag (graph/faults.ts). Kept in
 * memory, not in the database: the lag is a few seconds to minutes, so a restart may forget it. It
 * records only while a lag is set (`retainMs` > 0), so a large tenant costs nothing by default.
 */
export class CreationTimes {
  private readonly times = new Map<string, number>()
  private retain = 0
  private pruneAt = 1024

  constructor(private readonly now: () => number) {}

  /** How long a creation is remembered; 0 stops recording and forgets everything. */
  set retainMs(ms: number) {
    this.retain = ms
    if (ms <= 0) this.times.clear()
  }

  record(tenantId: string, id: string): void {
    if (this.retain <= 0) return
    const now = this.now()
    this.times.set(`${tenantId}/${id.toLowerCase()}`, now)
    if (this.times.size >= this.pruneAt) {
      for (const [key, at] of this.times) if (now - at >= this.retain) this.times.delete(key)
      this.pruneAt = Math.max(1024, this.times.size * 2)
    }
  }

  /** Emulator time (ms) when `id` was inserted in the tenant, if that is still remembered. */
  createdAt(tenantId: string, id: string): number | undefined {
    return this.times.get(`${tenantId}/${id.toLowerCase()}`)
  }
}

// One log per database (per emulator), found by the tenant stores without changing how store.ts makes them.
const creationTimes = new WeakMap<Database, CreationTimes>()

/** Starts recording insert times for the stores of `db`, on the emulator's clock. */
export function trackCreationTimes(db: Database, now: () => number): CreationTimes {
  let log = creationTimes.get(db)
  if (log === undefined) {
    log = new CreationTimes(now)
    creationTimes.set(db, log)
  }
  return log
}

export class TenantStore {
  constructor(
    private readonly db: Database,
    readonly tenantId: string,
  ) {}

  /** A live object of `kind`, or undefined (soft-deleted objects are not returned). */
  get<T extends Json>(kind: string, id: string): T | undefined {
    const row = this.db
      .statement(
        'select id, body, deleted_at from objects where tenant = ? and kind = ? and id = ? and deleted_at is null',
      )
      .get(this.tenantId, kind, id) as ObjectRow | undefined
    return row === undefined ? undefined : toStored<T>(row).body
  }

  /** An object whether live or soft-deleted. */
  find<T extends Json>(kind: string, id: string): StoredObject<T> | undefined {
    const row = this.db
      .statement('select id, body, deleted_at from objects where tenant = ? and kind = ? and id = ?')
      .get(this.tenantId, kind, id) as ObjectRow | undefined
    return row === undefined ? undefined : toStored<T>(row)
  }

  /** Live (or, with `deleted`, soft-deleted) objects of `kind`, in creation order. */
  list<T extends Json>(kind: string, options: { deleted?: boolean } = {}): StoredObject<T>[] {
    const condition = options.deleted ? 'deleted_at is not null' : 'deleted_at is null'
    const rows = this.db
      .statement(
        `select id, body, deleted_at from objects where tenant = ? and kind = ? and ${condition} order by seq`,
      )
      .all(this.tenantId, kind) as unknown as ObjectRow[]
    return rows.map((row) => toStored<T>(row))
  }

  count(kind: string): number {
    const row = this.db
      .statement('select count(*) as n from objects where tenant = ? and kind = ? and deleted_at is null')
      .get(this.tenantId, kind) as { n: number }
    return row.n
  }

  /** Inserts a new object; the caller has checked that `id` is free (live or deleted). */
  insert(kind: string, id: string, body: Json): void {
    this.db
      .statement('insert into objects (tenant, kind, id, body, seq, deleted_at) values (?, ?, ?, ?, ?, null)')
      .run(this.tenantId, kind, id, JSON.stringify(body), this.db.nextSeq())
    creationTimes.get(this.db)?.record(this.tenantId, id)
  }

  /**
   * Emulator time (ms) when the object `id` (any kind) was inserted while a replication lag was set;
   * undefined when that was not recorded.
   */
  createdAt(id: string): number | undefined {
    return creationTimes.get(this.db)?.createdAt(this.tenantId, id)
  }

  /** Replaces the body of an existing object (live or deleted), keeping its creation order. */
  replace(kind: string, id: string, body: Json): void {
    this.db
      .statement('update objects set body = ? where tenant = ? and kind = ? and id = ?')
      .run(JSON.stringify(body), this.tenantId, kind, id)
  }

  /** Inserts or replaces. */
  put(kind: string, id: string, body: Json): void {
    if (this.find(kind, id) === undefined) this.insert(kind, id, body)
    else this.replace(kind, id, body)
  }

  softDelete(kind: string, id: string, at: string): void {
    this.db
      .statement('update objects set deleted_at = ? where tenant = ? and kind = ? and id = ?')
      .run(at, this.tenantId, kind, id)
  }

  restore(kind: string, id: string): void {
    this.db
      .statement('update objects set deleted_at = null where tenant = ? and kind = ? and id = ?')
      .run(this.tenantId, kind, id)
  }

  purge(kind: string, id: string): void {
    this.db
      .statement('delete from objects where tenant = ? and kind = ? and id = ?')
      .run(this.tenantId, kind, id)
  }

  /** Relationship `source -[kind]-> target` (group members, AU members, ...). */
  link(kind: string, source: string, target: string): void {
    this.db
      .statement('insert or ignore into links (tenant, kind, source, target, seq) values (?, ?, ?, ?, ?)')
      .run(this.tenantId, kind, source, target, this.db.nextSeq())
  }

  unlink(kind: string, source: string, target: string): boolean {
    const result = this.db
      .statement('delete from links where tenant = ? and kind = ? and source = ? and target = ?')
      .run(this.tenantId, kind, source, target)
    return Number(result.changes) > 0
  }

  hasLink(kind: string, source: string, target: string): boolean {
    return (
      this.db
        .statement('select 1 from links where tenant = ? and kind = ? and source = ? and target = ?')
        .get(this.tenantId, kind, source, target) !== undefined
    )
  }

  /** Targets linked from `source`, in the order they were linked. */
  targets(kind: string, source: string): string[] {
    const rows = this.db
      .statement('select target from links where tenant = ? and kind = ? and source = ? order by seq')
      .all(this.tenantId, kind, source) as { target: string }[]
    return rows.map((r) => r.target)
  }

  /** Sources linking to `target`. */
  sources(kind: string, target: string): string[] {
    const rows = this.db
      .statement('select source from links where tenant = ? and kind = ? and target = ? order by seq')
      .all(this.tenantId, kind, target) as { source: string }[]
    return rows.map((r) => r.source)
  }

  appendAudit(record: Json): void {
    this.db
      .statement('insert into audits (tenant, body) values (?, ?)')
      .run(this.tenantId, JSON.stringify(record))
  }

  audits(): Json[] {
    const rows = this.db
      .statement('select body from audits where tenant = ? order by seq')
      .all(this.tenantId) as { body: string }[]
    return rows.map((r) => JSON.parse(r.body) as Json)
  }

  /** A provisioning log record (provisioningObjectSummary) of a synchronization job. */
  appendProvisioningLog(jobId: string, record: Json): void {
    this.db
      .statement('insert into provisioning_logs (tenant, job, body) values (?, ?, ?)')
      .run(this.tenantId, jobId, JSON.stringify(record))
  }

  /** Provisioning log records, oldest first: one job's, or every job's in the tenant. */
  provisioningLogs(jobId?: string): Json[] {
    const rows = (
      jobId === undefined
        ? this.db
            .statement('select body from provisioning_logs where tenant = ? order by seq')
            .all(this.tenantId)
        : this.db
            .statement('select body from provisioning_logs where tenant = ? and job = ? order by seq')
            .all(this.tenantId, jobId)
    ) as { body: string }[]
    return rows.map((r) => JSON.parse(r.body) as Json)
  }
}
