// The directory's recycle bin, generic over every soft-deleted directory object kind the emulator
// keeps: users (kind 'user'), groups ('group'), applications ('application'), service principals
// ('servicePrincipal') and administrative units ('administrativeUnit'), each written by its own route
// family. List by cast, get, restore (200 + the object with @odata.type) and purge (graph-api.md §5.4).
// Objects older than 30 days in the bin are purged the next time the bin is looked at.
//
// LIMITATIONS (UNCONFIRMED in the reference, or not modelled):
// - Restoring a user whose userPrincipalName a live user now has answers 400 Request_BadRequest
//   "Another object with the same value for property userPrincipalName already exists."; proxy
//   addresses, group mail nicknames and application identifier URIs are not checked for reuse.
// - Purging an administrative unit answers 400 Request_BadRequest (Graph does not allow it; the exact
//   answer is UNCONFIRMED). Application.ReadWrite.OwnedBy is not accepted for restore or purge.
// - Objects other than users are shown as their route family stored them; $select on them accepts
//   any property an object of the list has, and $filter supports id, displayName, deletedDateTime
//   (plus mail and mailNickname for groups, appId for applications and service principals).
// - Purging a user removes its manager links; other links to a purged object (members, owners, ...)
//   are left to their owners, who should ignore links to objects that no longer exist.
// - Expiry after 30 days is lazy and writes no audit record. Devices are not modelled (501).
import { graphErrors } from '../../errors'
import type { TenantStore } from '../../store/tenantStore'
import { recordAudit } from '../audit'
import type { GraphContext, GraphRoute, Reply } from '../context'
import type { FilterFields } from '../filter'
import { entity, noContent } from '../replies'
import type { Body } from '../validate'
import { directoryList } from './directoryList'
import {
  canonicalSelect,
  defaultUserView,
  findUserByUpn,
  managerLinkKind,
  publicBody,
  userFilterFields,
  userKind,
  userProperties,
} from './userShapes'

const binDays = 30

interface Bin {
  readonly kind: string
  readonly typeName: string
  /** As the audit activities name it: "Restore <label>", "Hard Delete <label>". */
  readonly label: string
  readonly category: string
  readonly contextPath: string
  readonly read: readonly string[]
  readonly write: readonly string[]
  readonly purgeable: boolean
  readonly filterFields: FilterFields
  readonly orderable: Readonly<Record<string, 'default' | 'advanced'>>
}

const deletedDateTime = { type: 'datetime', operators: ['eq', 'ne', 'not', 'ge', 'le'] } as const
const commonFields: FilterFields = {
  id: { type: 'guid', operators: ['eq', 'ne', 'not', 'in'] },
  displayName: {
    type: 'string',
    operators: ['eq', 'ne', 'not', 'in', 'startsWith', 'null'],
    advanced: ['null'],
  },
  deletedDateTime,
}
const appFields: FilterFields = {
  ...commonFields,
  appId: { type: 'guid', operators: ['eq', 'ne', 'not', 'in'] },
}
const appRead = [
  'Application.Read.All',
  'Application.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
]
const byName = { displayName: 'default', deletedDateTime: 'advanced' } as const

const user: Bin = {
  kind: userKind,
  typeName: 'user',
  label: 'user',
  category: 'UserManagement',
  contextPath: 'users',
  read: [
    'User.Read.All',
    'User.DeleteRestore.All',
    'User.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  write: ['User.DeleteRestore.All', 'User.ReadWrite.All'],
  purgeable: true,
  filterFields: { ...userFilterFields, deletedDateTime },
  orderable: { ...byName, userPrincipalName: 'default' },
}
const bins: readonly Bin[] = [
  user,
  {
    kind: 'group',
    typeName: 'group',
    label: 'group',
    category: 'GroupManagement',
    contextPath: 'groups',
    read: ['Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
    write: ['Group.ReadWrite.All'],
    purgeable: true,
    filterFields: {
      ...commonFields,
      mail: { type: 'string', operators: ['eq', 'ne', 'not', 'in', 'startsWith', 'endsWith'] },
      mailNickname: { type: 'string', operators: ['eq', 'ne', 'not', 'in', 'startsWith'] },
    },
    orderable: byName,
  },
  {
    kind: 'application',
    typeName: 'application',
    label: 'application',
    category: 'ApplicationManagement',
    contextPath: 'applications',
    read: appRead,
    write: ['Application.ReadWrite.All'],
    purgeable: true,
    filterFields: appFields,
    orderable: byName,
  },
  {
    kind: 'servicePrincipal',
    typeName: 'servicePrincipal',
    label: 'service principal',
    category: 'ApplicationManagement',
    contextPath: 'servicePrincipals',
    read: appRead,
    write: ['Application.ReadWrite.All'],
    purgeable: true,
    filterFields: appFields,
    orderable: byName,
  },
  {
    kind: 'administrativeUnit',
    typeName: 'administrativeUnit',
    label: 'administrative unit',
    category: 'AdministrativeUnit',
    contextPath: 'administrativeUnits',
    read: [
      'AdministrativeUnit.Read.All',
      'AdministrativeUnit.ReadWrite.All',
      'Directory.Read.All',
      'Directory.ReadWrite.All',
    ],
    write: ['AdministrativeUnit.ReadWrite.All'],
    purgeable: false,
    filterFields: commonFields,
    orderable: byName,
  },
]
const union = (pick: (bin: Bin) => readonly string[]): string[] => [...new Set(bins.flatMap(pick))]

/** The object as the bin shows it: no emulator.* properties, deletedDateTime from the soft delete. */
const binView = (stored: { body: Body; deletedAt: string | undefined }): Body => ({
  ...publicBody(stored.body),
  deletedDateTime: stored.deletedAt ?? null,
})

/** Removes an object for good, with the links this module owns. */
export function purgeObject(store: TenantStore, kind: string, id: string): void {
  store.purge(kind, id)
  if (kind !== userKind) return
  for (const target of store.targets(managerLinkKind, id)) store.unlink(managerLinkKind, id, target)
  for (const source of store.sources(managerLinkKind, id)) store.unlink(managerLinkKind, source, id)
}

/** Purges every object that has been in the bin longer than 30 days. */
export function expireDeletedItems(ctx: GraphContext): void {
  const cutoff = ctx.clock.now().getTime() - binDays * 24 * 3600 * 1000
  for (const { kind } of bins)
    for (const stored of ctx.store.list(kind, { deleted: true }))
      if (stored.deletedAt !== undefined && Date.parse(stored.deletedAt) < cutoff)
        purgeObject(ctx.store, kind, stored.id)
}

function requireRole(ctx: GraphContext, permissions: readonly string[]): void {
  if (!permissions.some((p) => ctx.caller.roles.includes(p))) throw graphErrors.forbidden()
}

/** The soft-deleted object named in the path, whatever its kind. */
function requireDeleted(ctx: GraphContext): { bin: Bin; body: Body } {
  const id = ctx.params.id!
  if (id.toLowerCase() === 'microsoft.graph.device') throw graphErrors.notImplemented('deleted devices')
  if (id.toLowerCase().startsWith('microsoft.graph.'))
    throw graphErrors.badRequest(
      `The deleted items cast '${id}' is not one the emulator keeps: ${bins.map((b) => `microsoft.graph.${b.typeName}`).join(', ')}.`,
    )
  expireDeletedItems(ctx)
  for (const bin of bins) {
    const found = ctx.store.find<Body>(bin.kind, id.toLowerCase())
    if (found !== undefined && found.deletedAt !== undefined) return { bin, body: binView(found) }
  }
  throw graphErrors.notFound(id)
}

/** A deleted object as one entity: a user shows its default set, other kinds what they stored. */
function objectReply(ctx: GraphContext, bin: Bin, body: Body): Reply {
  const properties = bin === user ? [...userProperties] : Object.keys(body)
  const selected = canonicalSelect(ctx, properties)
  const view =
    bin === user && selected.query.select === undefined
      ? { ...defaultUserView(body), deletedDateTime: body.deletedDateTime }
      : body
  const shape = { contextPath: 'directoryObjects', properties, typeName: bin.typeName }
  return entity(selected, shape, { '@odata.type': `#microsoft.graph.${bin.typeName}`, ...view })
}

function audit(ctx: GraphContext, bin: Bin, body: Body, action: 'Restore' | 'Hard Delete'): void {
  recordAudit(ctx, {
    category: bin.category,
    activityDisplayName: `${action} ${bin.label}`,
    operationType: action === 'Restore' ? 'Restore' : 'Delete',
    target: {
      id: String(body.id),
      displayName: typeof body.displayName === 'string' ? body.displayName : null,
      type: bin.typeName.charAt(0).toUpperCase() + bin.typeName.slice(1),
    },
  })
}

const listRoute = (bin: Bin): GraphRoute => ({
  method: 'GET',
  path: `/directory/deletedItems/microsoft.graph.${bin.typeName}`,
  permissions: bin.read,
  query: ['$select', '$filter', '$top', '$skiptoken', '$count', '$orderby'],
  handle: (ctx) => {
    expireDeletedItems(ctx)
    const items = ctx.store.list<Body>(bin.kind, { deleted: true }).map(binView)
    const properties =
      bin === user
        ? [...userProperties]
        : [...new Set(['id', 'displayName', 'deletedDateTime', ...items.flatMap((i) => Object.keys(i))])]
    return directoryList(canonicalSelect(ctx, properties), items, {
      contextPath: bin.contextPath,
      typeName: bin.typeName,
      properties,
      filterFields: bin.filterFields,
      orderable: bin.orderable,
      defaultView:
        bin === user ? (b) => ({ ...defaultUserView(b), deletedDateTime: b.deletedDateTime }) : (b) => b,
      fullView: (b) => b,
    })
  },
})

export const deletedItemRoutes: GraphRoute[] = [
  ...bins.map(listRoute),
  {
    method: 'GET',
    path: '/directory/deletedItems/{id}',
    permissions: union((bin) => bin.read),
    query: ['$select'],
    handle: (ctx) => {
      const { bin, body } = requireDeleted(ctx)
      requireRole(ctx, bin.read)
      return objectReply(ctx, bin, body)
    },
  },
  {
    method: 'POST',
    path: '/directory/deletedItems/{id}/restore',
    permissions: union((bin) => bin.write),
    handle: (ctx) => {
      if (ctx.body !== undefined) throw graphErrors.badRequest('restore takes no request body.')
      const { bin, body } = requireDeleted(ctx)
      requireRole(ctx, bin.write)
      if (bin === user && findUserByUpn(ctx.store, String(body.userPrincipalName)) !== undefined)
        throw graphErrors.badRequest(
          'Another object with the same value for property userPrincipalName already exists.',
        )
      const id = String(body.id)
      ctx.store.replace(bin.kind, id, { ...ctx.store.find<Body>(bin.kind, id)!.body, deletedDateTime: null })
      ctx.store.restore(bin.kind, id)
      audit(ctx, bin, body, 'Restore')
      return objectReply({ ...ctx, query: { ...ctx.query, select: undefined } }, bin, {
        ...body,
        deletedDateTime: null,
      })
    },
  },
  {
    method: 'DELETE',
    path: '/directory/deletedItems/{id}',
    permissions: union((bin) => bin.write),
    handle: (ctx) => {
      const { bin, body } = requireDeleted(ctx)
      requireRole(ctx, bin.write)
      if (!bin.purgeable)
        throw graphErrors.badRequest(
          `A deleted ${bin.label} cannot be permanently deleted; it is purged ${binDays} days after its deletion.`,
        )
      purgeObject(ctx.store, bin.kind, String(body.id))
      audit(ctx, bin, body, 'Hard Delete')
      return noContent()
    },
  },
]
