// Requests served, by route and status, for tests and benchmarks (GET /_emulator/counters).

export class RequestCounters {
  private readonly counts = new Map<string, Map<number, number>>()

  record(route: string, status: number): void {
    let byStatus = this.counts.get(route)
    if (byStatus === undefined) {
      byStatus = new Map()
      this.counts.set(route, byStatus)
    }
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1)
  }

  snapshot(): { route: string; status: number; count: number }[] {
    const rows: { route: string; status: number; count: number }[] = []
    for (const [route, byStatus] of this.counts)
      for (const [status, count] of byStatus) rows.push({ route, status, count })
    return rows.sort((a, b) => a.route.localeCompare(b.route) || a.status - b.status)
  }

  reset(): void {
    this.counts.clear()
  }
}
