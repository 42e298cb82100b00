// The stable keys of planned objects. Each is made of the aliases and group names of the file, never of
// list positions, so reordering the file changes nothing and resource names derived from keys (issue 6)
// stay put. The first segment is always the alias of the tenant the object lives in.
//
// A key is `/`-separated; aliases and group names cannot contain `/` (the schema's patterns), and an
// e-mail address cannot either, so a key parses back unambiguously.

export const keys = {
  /** Tenant's partner entry (crossTenantAccessPolicy partner) for `partner`. */
  partner: (tenant: string, partner: string): string => `${tenant}/partner/${partner}`,
  /** Target's identitySynchronization policy allowing `source` to sync in. */
  identitySync: (target: string, source: string): string => `${target}/identitySync/${source}`,
  /** Source's cross-tenant sync configuration towards `target`. */
  sync: (source: string, target: string): string => `${source}/sync/${target}`,
  /** Starting that configuration's job. */
  syncStart: (source: string, target: string): string => `${source}/sync/${target}/start`,
  group: (tenant: string, name: string): string => `${tenant}/group/${name}`,
  /** The one restricted management administrative unit per tenant that holds its scoping groups. */
  administrativeUnit: (tenant: string): string => `${tenant}/rmau/scoping-groups`,
  /** The stack's app's role over that unit. */
  unitRole: (tenant: string): string => `${tenant}/rmau/scoping-groups/role`,
  invitation: (host: string, email: string): string => `${host}/invitation/${email}`,
  mto: (owner: string): string => `${owner}/mto`,
  mtoMember: (owner: string, member: string): string => `${owner}/mto/member/${member}`,
  mtoJoinRequest: (member: string): string => `${member}/mto/joinRequest`,
  allowedCloudEndpoints: (tenant: string): string => `${tenant}/allowedCloudEndpoints`,
} as const

/** Code-unit order: the same everywhere, unlike localeCompare. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

export const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort(compareStrings)
