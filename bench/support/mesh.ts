// The mesh topology the benchmarks measure: n tenants, every ordered pair synced, each tenant with a
// scoping group of a few members (users on the tenant's own domain, as the emulator's seed needs) and a
// scope naming it. Aliases are zero-padded so they sort in creation order.

export interface MeshOptions {
  readonly organization: string
  readonly membersPerGroup: number
  /** The scoping group's displayName, when the benchmark wants one. */
  readonly groupDisplayName?: string
}

export function meshText(n: number, options: MeshOptions): string {
  const width = Math.max(2, String(n - 1).length)
  const aliases = Array.from({ length: n }, (_, i) => `tenant-${String(i).padStart(width, '0')}`)
  const lines = [`organization: ${options.organization}`, 'tenants:']
  aliases.forEach((alias, i) =>
    lines.push(`  ${alias}: { tenantId: 00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')} }`),
  )
  lines.push('sync:', '  topology: mesh', '  userType: Member', '  scope:')
  for (const alias of aliases) lines.push(`    ${alias}: { groups: [sync-out] }`)
  lines.push('groups:')
  const name = options.groupDisplayName === undefined ? '' : `displayName: ${options.groupDisplayName}, `
  for (const alias of aliases) {
    const members = Array.from({ length: options.membersPerGroup }, (_, k) => `user${k}@${alias}.example`)
    lines.push(`  ${alias}:`, `    sync-out: { ${name}members: [${members.join(', ')}] }`)
  }
  return `${lines.join('\n')}\n`
}
