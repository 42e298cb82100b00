// The emulator's state: tenants, and per-tenant stores (see tenantStore.ts). One instance per
// emulator; the composition root opens it and closes it.
import { Database } from './database'
import { TenantStore, type Json } from './tenantStore'

export type Cloud = 'global' | 'usgov' | 'usgovdod' | 'china'
/** Graph's identity throttling tiers: S under 50 users, M 50-500, L over 500 (graph-api.md §7.5). */
export type TenantSize = 'S' | 'M' | 'L'

export interface TenantRecord extends Json {
  id: string
  displayName: string
  initialDomain: string
  cloud: Cloud
  /** Fixed size tier, or undefined to derive it from the user count. */
  size?: TenantSize
  createdDateTime: string
}

export class Store {
  private readonly tenantStores = new Map<string, TenantStore>()

  private constructor(readonly db: Database) {}

  static open(dataDir: string | undefined): Store {
    return new Store(Database.open(dataDir))
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)
  }

  getTenant(idOrDomain: string): TenantRecord | undefined {
    const key = idOrDomain.toLowerCase()
    const row = this.db.statement('select body from tenants where id = ?').get(key) as
      { body: string } | undefined
    if (row !== undefined) return JSON.parse(row.body) as TenantRecord
    return this.listTenants().find((t) => t.initialDomain.toLowerCase() === key)
  }

  listTenants(): TenantRecord[] {
    const rows = this.db.statement('select body from tenants order by rowid').all() as { body: string }[]
    return rows.map((r) => JSON.parse(r.body) as TenantRecord)
  }

  putTenant(tenant: TenantRecord): void {
    this.db
      .statement(
        'insert into tenants (id, body) values (?, ?) on conflict(id) do update set body = excluded.body',
      )
      .run(tenant.id.toLowerCase(), JSON.stringify(tenant))
  }

  /** The store of one tenant. Callers must have checked the tenant exists. */
  tenant(tenantId: string): TenantStore {
    const key = tenantId.toLowerCase()
    let store = this.tenantStores.get(key)
    if (store === undefined) {
      store = new TenantStore(this.db, key)
      this.tenantStores.set(key, store)
    }
    return store
  }

  /** Deletes every tenant and object (the admin API's reset). Keys and certificates stay. */
  reset(): void {
    this.transaction(() => {
      for (const table of ['tenants', 'objects', 'links', 'audits', 'provisioning_logs'])
        this.db.run(`delete from ${table}`)
    })
    this.tenantStores.clear()
  }

  close(): void {
    this.db.close()
  }
}
