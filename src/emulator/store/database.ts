// The emulator's state in SQLite (Node's built-in node:sqlite): one file that survives a restart and a
// killed process (WAL journal, every write in a transaction), or ':memory:' for tests. The same code
// serves both, so the in-memory mode cannot drift from the durable one.
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite'
import * as fs from 'node:fs'
import * as path from 'node:path'

const schema = `
create table if not exists meta (key text primary key, value text not null);
create table if not exists tenants (id text primary key, body text not null);
create table if not exists objects (
  tenant text not null, kind text not null, id text not null, body text not null,
  seq integer not null, deleted_at text,
  primary key (tenant, kind, id)
);
create index if not exists objects_by_seq on objects (tenant, kind, seq);
create table if not exists links (
  tenant text not null, kind text not null, source text not null, target text not null, seq integer not null,
  primary key (tenant, kind, source, target)
);
create index if not exists links_by_target on links (tenant, kind, target);
create table if not exists audits (seq integer primary key autoincrement, tenant text not null, body text not null);
create index if not exists audits_by_tenant on audits (tenant, seq);
create table if not exists provisioning_logs (
  seq integer primary key autoincrement, tenant text not null, job text not null, body text not null
);
create index if not exists provisioning_logs_by_job on provisioning_logs (tenant, job, seq);
`

export class Database {
  readonly sql: DatabaseSync
  private depth = 0
  private readonly statements = new Map<string, StatementSync>()

  private constructor(sql: DatabaseSync) {
    this.sql = sql
  }

  /** Opens (creating) the database file in `dataDir`, or an in-memory one when `dataDir` is undefined. */
  static open(dataDir: string | undefined): Database {
    let sql: DatabaseSync
    if (dataDir === undefined) {
      sql = new DatabaseSync(':memory:')
    } else {
      fs.mkdirSync(dataDir, { recursive: true })
      sql = new DatabaseSync(path.join(dataDir, 'emulator.db'))
      // WAL with synchronous=NORMAL keeps every committed transaction across a killed process.
      sql.exec('pragma journal_mode = wal; pragma synchronous = normal;')
    }
    sql.exec('pragma foreign_keys = on;')
    sql.exec(schema)
    return new Database(sql)
  }

  /** A prepared statement, prepared once per text (preparing is most of a small query's cost). */
  statement(text: string): StatementSync {
    let prepared = this.statements.get(text)
    if (prepared === undefined) {
      prepared = this.sql.prepare(text)
      this.statements.set(text, prepared)
    }
    return prepared
  }

  /** Runs `work` in one transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T {
    if (this.depth > 0) return work()
    this.depth++
    this.sql.exec('begin immediate')
    try {
      const result = work()
      this.sql.exec('commit')
      return result
    } catch (error) {
      this.sql.exec('rollback')
      throw error
    } finally {
      this.depth--
    }
  }

  /** A monotonically increasing number that orders objects and links by creation. */
  nextSeq(): number {
    const row = this.statement("select value from meta where key = 'seq'").get() as
      { value: string } | undefined
    const next = row === undefined ? 1 : Number(row.value) + 1
    this.statement(
      "insert into meta (key, value) values ('seq', ?) on conflict(key) do update set value = excluded.value",
    ).run(String(next))
    return next
  }

  getMeta(key: string): string | undefined {
    return (this.statement('select value from meta where key = ?').get(key) as { value: string } | undefined)
      ?.value
  }

  setMeta(key: string, value: string): void {
    this.statement(
      'insert into meta (key, value) values (?, ?) on conflict(key) do update set value = excluded.value',
    ).run(key, value)
  }

  run(statement: string, ...params: SQLInputValue[]): void {
    this.statement(statement).run(...params)
  }

  close(): void {
    this.sql.close()
  }
}
