// Test support for the property tests: fast-check arbitraries of topology documents as written (raw,
// before resolution) that follow the schema and declare everything they refer to (groups are always present, since scopes name them): tenants, sync of
// every shape (mesh, hub, pairs, none) with scopes naming declared groups, groups with members in the
// tenant's own domain, invitations with unique addresses, a multitenant organization. Semantic rules
// (clouds, MTO sizes...) are not all honoured: the planner must cope with any declared topology.
import fc from 'fast-check'
import type { Topology } from '../topology.generated'

const alias = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/)
const groupName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,9}$/)
/** One domain per tenant (an alias may end in '-', which a domain label may not). */
const domain = (alias: string): string => `${alias}0.example`
const localPart = fc.stringMatching(/^[a-z][a-z0-9.]{0,7}[a-z0-9]$/)

/** A subset of `items`, in their order. */
const subsetOf = <T>(items: readonly T[]): fc.Arbitrary<T[]> =>
  fc
    .array(fc.boolean(), { minLength: items.length, maxLength: items.length })
    .map((keep) => items.filter((_, i) => keep[i]))

const settings = fc.record(
  {
    userType: fc.constantFrom('Member' as const, 'Guest' as const),
    applyUserType: fc.constantFrom('always' as const, 'onCreate' as const),
    showInAddressList: fc.boolean(),
    deprovision: fc.constantFrom('softDelete' as const, 'disable' as const, 'none' as const),
    accidentalDeletionThreshold: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: null }),
  },
  { requiredKeys: [] },
)

const access = fc.record(
  {
    inboundTrust: fc.record(
      { mfa: fc.boolean(), compliantDevice: fc.boolean(), hybridJoinedDevice: fc.boolean() },
      { requiredKeys: [] },
    ),
    automaticRedemption: fc.boolean(),
    b2bCollaboration: fc.constantFrom('inherit' as const, 'allowAll' as const),
  },
  { requiredKeys: [] },
)

function syncOf(aliases: string[], groups: Record<string, string[]>): fc.Arbitrary<Topology['sync']> {
  const scope = fc
    .tuple(
      ...aliases.map((a) =>
        fc.tuple(subsetOf(groups[a] ?? []), fc.uniqueArray(localPart, { maxLength: 2 }), fc.boolean()),
      ),
    )
    .map((scopes) =>
      Object.fromEntries(
        scopes.map(([g, users, allUsers], i) => [
          aliases[i]!,
          {
            groups: g,
            users: users.map((u) => `${u}@${domain(aliases[i]!)}`),
            ...(allUsers ? { allUsers } : {}),
          },
        ]),
      ),
    )
  const ordered = aliases.flatMap((from) => aliases.filter((to) => to !== from).map((to) => ({ from, to })))
  const shapes: fc.Arbitrary<Omit<NonNullable<Topology['sync']>, 'scope'>>[] = [
    subsetOf(aliases).map((tenants) => ({ topology: 'mesh' as const, tenants })),
    fc.constant({ topology: 'mesh' as const }),
    fc
      .tuple(fc.constantFrom(...aliases), subsetOf(aliases), fc.boolean())
      .map(([hub, tenants, hubToSpokes]) => ({
        topology: 'hub' as const,
        hub,
        tenants: tenants.includes(hub) ? tenants : [...tenants, hub],
        hubToSpokes,
      })),
  ]
  if (ordered.length > 0)
    shapes.push(
      fc
        .uniqueArray(fc.constantFrom(...ordered), { minLength: 1, selector: (p) => `${p.from}>${p.to}` })
        .map((pairs) => ({
          topology: 'pairs' as const,
          pairs: pairs as [(typeof pairs)[0], ...typeof pairs],
        })),
    )
  return fc
    .tuple(fc.oneof(...shapes), settings, scope)
    .map(([shape, s, sc]) => ({ ...shape, ...s, scope: sc }))
}

export const arbitraryTopology: fc.Arbitrary<Topology> = fc
  .uniqueArray(alias, { minLength: 1, maxLength: 6 })
  .chain((aliases) =>
    fc
      .record({
        ids: fc.uniqueArray(fc.uuid(), { minLength: aliases.length, maxLength: aliases.length }),
        clouds: fc.array(fc.constantFrom('global' as const, 'global' as const, 'usgov' as const), {
          minLength: aliases.length,
          maxLength: aliases.length,
        }),
        groupNames: fc.array(fc.uniqueArray(groupName, { maxLength: 3, selector: (n) => n.toLowerCase() }), {
          minLength: aliases.length,
          maxLength: aliases.length,
        }),
        members: fc.uniqueArray(localPart, { maxLength: 4 }),
      })
      .chain(({ ids, clouds, groupNames, members }) => {
        const groupsByAlias = Object.fromEntries(aliases.map((a, i) => [a, groupNames[i]!]))
        const invitation = fc.record(
          {
            email: localPart.map((l) => `${l}@guest.example`),
            homeTenant: fc.constantFrom(...aliases),
            userType: fc.constantFrom('Guest' as const, 'Member' as const),
            showInAddressList: fc.boolean(),
            attributes: fc.record({ department: fc.constantFrom('Legal', 'R&D') }, { requiredKeys: [] }),
          },
          { requiredKeys: ['email'] },
        )
        return fc.record(
          {
            organization: fc.constantFrom('Contoso', 'Woodgrove'),
            tenants: fc.constant(
              Object.fromEntries(
                aliases.map((a, i) => [
                  a,
                  {
                    tenantId: ids[i]!,
                    cloud: clouds[i]!,
                    ...(clouds[i] === 'usgov'
                      ? { allowedCloudEndpoints: ['microsoftonline.com' as const] }
                      : {}),
                  },
                ]),
              ),
            ),
            access,
            sync: syncOf(aliases, groupsByAlias),
            groups: fc.constant(
              Object.fromEntries(
                aliases.map((a) => [
                  a,
                  Object.fromEntries(
                    groupsByAlias[a]!.map((g, i) => [
                      g,
                      {
                        members: members.slice(i).map((m) => `${m}@${domain(a)}`),
                        restrictedManagementUnit: i !== 1,
                      },
                    ]),
                  ),
                ]),
              ),
            ),
            invitations: fc.dictionary(
              fc.constantFrom(...aliases),
              fc.uniqueArray(invitation, { maxLength: 3, selector: (i) => i.email }),
            ),
            multiTenantOrganization: fc
              .tuple(fc.constantFrom(...aliases), subsetOf(aliases))
              .map(([owner, m]) => ({ displayName: 'MTO', owner, members: m.filter((x) => x !== owner) })),
          },
          { requiredKeys: ['organization', 'tenants', 'groups'] },
        )
      }),
  )
