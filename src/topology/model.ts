// The topology after its shape is checked: every default applied (the schema's, in one place), tenant
// ids lower-cased, maps in sorted key order, so the rules and the planner never see a missing value and
// the result does not depend on the order keys were written in.
import type { Access, CloudEndpoint, Group, Invitation, Scope, Tenant, Topology } from './topology.generated'

export type Cloud = NonNullable<Tenant['cloud']>
export type SyncTopology = 'mesh' | 'hub' | 'pairs'

export interface ResolvedTenant {
  readonly alias: string
  readonly tenantId: string
  readonly cloud: Cloud
  readonly displayName: string
  readonly allowedCloudEndpoints: readonly CloudEndpoint[]
  readonly adopt: boolean
}

export interface ResolvedAccess {
  readonly inboundTrust: {
    readonly mfa: boolean
    readonly compliantDevice: boolean
    readonly hybridJoinedDevice: boolean
  }
  readonly automaticRedemption: boolean
  readonly b2bCollaboration: NonNullable<Access['b2bCollaboration']>
}

export interface ResolvedScope {
  readonly groups: readonly string[]
  readonly users: readonly string[]
  readonly allUsers: boolean
}

export interface SyncPair {
  readonly from: string
  readonly to: string
}

export interface ResolvedSync {
  readonly topology: SyncTopology
  /** mesh and hub: the tenants taking part; pairs: every tenant named in a pair. */
  readonly tenants: readonly string[]
  readonly hub: string | null
  readonly hubToSpokes: boolean
  /** The ordered pairs that sync, expanded from the topology, sorted by from then to. */
  readonly pairs: readonly SyncPair[]
  readonly userType: 'Member' | 'Guest'
  readonly applyUserType: 'always' | 'onCreate'
  readonly showInAddressList: boolean
  readonly deprovision: 'softDelete' | 'disable' | 'none'
  readonly accidentalDeletionThreshold: number | null
  readonly scope: Readonly<Record<string, ResolvedScope>>
}

export interface ResolvedGroup {
  readonly tenant: string
  readonly name: string
  readonly displayName: string
  readonly description: string | null
  readonly members: readonly string[]
  readonly restrictedManagementUnit: boolean
}

export interface ResolvedInvitation {
  readonly host: string
  /** Its position in the file's list (for diagnostics; the resolved list is sorted by e-mail). */
  readonly index: number
  readonly email: string
  readonly displayName: string | null
  readonly homeTenant: string | null
  readonly userType: 'Guest' | 'Member'
  readonly showInAddressList: boolean
  readonly sendInvitationMessage: boolean
  readonly attributes: Readonly<Record<string, string>>
}

export interface ResolvedMto {
  readonly displayName: string
  readonly description: string | null
  readonly owner: string
  /** Member tenants besides the owner, sorted. */
  readonly members: readonly string[]
}

export interface ResolvedTopology {
  readonly organization: string
  readonly tenants: Readonly<Record<string, ResolvedTenant>>
  readonly access: ResolvedAccess
  readonly sync: ResolvedSync | null
  readonly groups: Readonly<Record<string, Readonly<Record<string, ResolvedGroup>>>>
  readonly invitations: Readonly<Record<string, readonly ResolvedInvitation[]>>
  readonly mto: ResolvedMto | null
}

const sortedEntries = <T>(record: Record<string, T | undefined> | undefined): [string, T][] =>
  Object.entries(record ?? {})
    .filter((e): e is [string, T] => e[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

const byPair = (a: SyncPair, b: SyncPair): number =>
  a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0

/** The ordered pairs a sync section declares: mesh, hub (and back) or the listed pairs; sorted, without repeats. */
export function expandPairs(sync: {
  topology: SyncTopology
  tenants: readonly string[]
  hub: string | null
  hubToSpokes: boolean
  pairs?: readonly SyncPair[]
}): SyncPair[] {
  const pairs: SyncPair[] = []
  if (sync.topology === 'mesh')
    for (const from of sync.tenants) for (const to of sync.tenants) if (from !== to) pairs.push({ from, to })
  if (sync.topology === 'hub' && sync.hub !== null)
    for (const spoke of sync.tenants) {
      if (spoke === sync.hub) continue
      pairs.push({ from: spoke, to: sync.hub })
      if (sync.hubToSpokes) pairs.push({ from: sync.hub, to: spoke })
    }
  if (sync.topology === 'pairs') pairs.push(...(sync.pairs ?? []).map((p) => ({ from: p.from, to: p.to })))
  const unique = new Map(pairs.map((p) => [`${p.from}>${p.to}`, p]))
  return [...unique.values()].sort(byPair)
}

const resolveScope = (scope: Scope): ResolvedScope => ({
  groups: [...(scope.groups ?? [])].sort(),
  users: [...(scope.users ?? [])].map((u) => u.toLowerCase()).sort(),
  allUsers: scope.allUsers ?? false,
})

const resolveGroup = (tenant: string, name: string, group: Group): ResolvedGroup => ({
  tenant,
  name,
  displayName: group.displayName ?? name,
  description: group.description ?? null,
  members: [...(group.members ?? [])].map((m) => m.toLowerCase()).sort(),
  restrictedManagementUnit: group.restrictedManagementUnit ?? true,
})

const resolveInvitation = (host: string, invitation: Invitation, index: number): ResolvedInvitation => ({
  host,
  index,
  email: invitation.email.toLowerCase(),
  displayName: invitation.displayName ?? null,
  homeTenant: invitation.homeTenant ?? null,
  userType: invitation.userType ?? 'Guest',
  showInAddressList: invitation.showInAddressList ?? false,
  sendInvitationMessage: invitation.sendInvitationMessage ?? false,
  attributes: Object.fromEntries(sortedEntries(invitation.attributes as Record<string, string> | undefined)),
})

/** The resolved model of a document that passed the schema. */
export function resolveTopology(raw: Topology): ResolvedTopology {
  const tenants = Object.fromEntries(
    sortedEntries(raw.tenants).map(([alias, t]): [string, ResolvedTenant] => [
      alias,
      {
        alias,
        tenantId: t.tenantId.toLowerCase(),
        cloud: t.cloud ?? 'global',
        displayName: t.displayName ?? alias,
        allowedCloudEndpoints: [...(t.allowedCloudEndpoints ?? [])].sort(),
        adopt: t.adopt ?? false,
      },
    ]),
  )
  const aliases = Object.keys(tenants)
  let sync: ResolvedSync | null = null
  if (raw.sync !== undefined) {
    const s = raw.sync
    const declared = s.topology === 'pairs' ? (s.pairs ?? []) : []
    const members =
      s.topology === 'pairs'
        ? [...new Set(declared.flatMap((p) => [p.from, p.to]))].sort()
        : [...(s.tenants ?? aliases)].sort()
    const shape = {
      topology: s.topology,
      tenants: members,
      hub: s.hub ?? null,
      hubToSpokes: s.hubToSpokes ?? false,
    }
    sync = {
      ...shape,
      pairs: expandPairs({ ...shape, pairs: declared }),
      userType: s.userType ?? 'Member',
      applyUserType: s.applyUserType ?? 'always',
      showInAddressList: s.showInAddressList ?? true,
      deprovision: s.deprovision ?? 'softDelete',
      accidentalDeletionThreshold:
        s.accidentalDeletionThreshold === undefined ? 500 : s.accidentalDeletionThreshold,
      scope: Object.fromEntries(sortedEntries(s.scope).map(([alias, scope]) => [alias, resolveScope(scope)])),
    }
  }
  const trust = raw.access?.inboundTrust
  const mto = raw.multiTenantOrganization
  return {
    organization: raw.organization,
    tenants,
    access: {
      inboundTrust: {
        mfa: trust?.mfa ?? true,
        compliantDevice: trust?.compliantDevice ?? false,
        hybridJoinedDevice: trust?.hybridJoinedDevice ?? false,
      },
      automaticRedemption: raw.access?.automaticRedemption ?? true,
      b2bCollaboration: raw.access?.b2bCollaboration ?? 'inherit',
    },
    sync,
    groups: Object.fromEntries(
      sortedEntries(raw.groups).map(([tenant, groups]) => [
        tenant,
        Object.fromEntries(sortedEntries(groups).map(([name, g]) => [name, resolveGroup(tenant, name, g)])),
      ]),
    ),
    invitations: Object.fromEntries(
      sortedEntries(raw.invitations).map(([host, list]) => [
        host,
        list
          .map((i, index) => resolveInvitation(host, i, index))
          .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0)),
      ]),
    ),
    mto:
      mto === undefined
        ? null
        : {
            displayName: mto.displayName,
            description: mto.description ?? null,
            owner: mto.owner,
            members: [...(mto.members ?? aliases)].filter((a) => a !== mto.owner).sort(),
          },
  }
}
