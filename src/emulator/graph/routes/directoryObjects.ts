// Directory objects by id, whatever their type (users, groups, service principals), as the member and
// owner relationships and @odata.id / @odata.bind references need them; and the collection replies of
// those relationships (each item with @odata.type, $select, paging per graph-api.md §7.2).
//
// LIMITATIONS: devices and organizational contacts are not modelled, so references to them are 404s.
// A user member shows Graph's default user properties; a service principal shows every property it
// stores. $select on a mixed collection picks each name from the types that define it.
import { graphErrors } from '../../errors'
import type { Json, TenantStore } from '../../store/tenantStore'
import type { GraphContext, Reply } from '../context'
import { advancedQueryError, advancedQueryRequested } from '../filter'
import { pagedReply } from '../replies'
import { defaultGroupProperties, groupKind, groupProperties } from './groupShapes'
import { checkObjectId, isGuid, onlyKnownProperties, requireObject } from '../validate'
import { defaultUserProperties, publicBody } from './userShapes'

export type DirectoryObjectKind = 'user' | 'group' | 'servicePrincipal'

export interface DirectoryObject {
  readonly kind: DirectoryObjectKind
  readonly body: Json
  /** '#microsoft.graph.user' and so on, as on each item of a directoryObject collection. */
  readonly odataType: string
}

const kinds: readonly DirectoryObjectKind[] = ['user', groupKind, 'servicePrincipal'] as DirectoryObjectKind[]

/** The live user, group or service principal with this id, or undefined. */
export function findDirectoryObject(store: TenantStore, id: string): DirectoryObject | undefined {
  const key = isGuid(id) ? id.toLowerCase() : id
  for (const kind of kinds) {
    const body = store.get<Json>(kind, key) ?? (key === id ? undefined : store.get<Json>(kind, id))
    if (body !== undefined) return { kind, body, odataType: `#microsoft.graph.${kind}` }
  }
  return undefined
}

/** The URL segment naming each type in a reference (directoryObjects matches any). */
const segmentKinds: Readonly<Record<string, DirectoryObjectKind | undefined>> = {
  directoryobjects: undefined,
  users: 'user',
  groups: 'group',
  serviceprincipals: 'servicePrincipal',
  devices: undefined,
  contacts: undefined,
}
const referencePattern = /^https:\/\/[^/]+\/(?:v1\.0|beta)\/([A-Za-z]+)\/([^/?#()]+)$/

/**
 * Resolves `https://graph.microsoft.com/v1.0/directoryObjects/{id}` (or users/, groups/, ...) to the live
 * object: 400 for a malformed reference, 404 Request_ResourceNotFound when nothing has that id.
 */
export function resolveReference(
  store: TenantStore,
  reference: unknown,
  what: string,
): DirectoryObject & { id: string } {
  const match = typeof reference === 'string' ? referencePattern.exec(reference) : null
  const segment = match?.[1]?.toLowerCase()
  if (match === null || segment === undefined || !(segment in segmentKinds))
    throw graphErrors.badRequest(
      `Invalid URL format specified in ${what}: ${JSON.stringify(reference)}. Expected https://graph.microsoft.com/v1.0/directoryObjects/{id}.`,
    )
  const id = decodeURIComponent(match[2]!)
  checkObjectId(id)
  const found = findDirectoryObject(store, id)
  const wanted = segmentKinds[segment]
  if (found === undefined || (wanted !== undefined && found.kind !== wanted)) throw graphErrors.notFound(id)
  return { ...found, id: String(found.body.id) }
}

/**
 * The object the body of a POST .../$ref names: exactly `{ "@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}" }`
 * (`what` names the body in the 400 for one that is not an object).
 */
export function referencedObject(ctx: GraphContext, what: string): DirectoryObject & { id: string } {
  const body = requireObject(ctx.body, what)
  onlyKnownProperties(body, [], 'referenceCreate')
  if (body['@odata.id'] === undefined) throw graphErrors.badRequest("The property '@odata.id' is required.")
  return resolveReference(ctx.store, body['@odata.id'], '@odata.id')
}

/** 400 for adding a reference (a member, an owner) that already exists. */
export const duplicateReference = (property: string) =>
  graphErrors.badRequest(
    `One or more added object references already exist for the following modified properties: '${property}'.`,
  )

/** The live objects `sourceId` links to through `linkKind`, in the order they were linked; unresolvable ids are skipped. */
export function linkedObjects(store: TenantStore, linkKind: string, sourceId: string): DirectoryObject[] {
  return store
    .targets(linkKind, sourceId)
    .map((id) => findDirectoryObject(store, id))
    .filter((o): o is DirectoryObject => o !== undefined)
}

/** User properties $select may name on a directoryObject collection (Graph v1.0 user). */
const userProperties = [
  ...defaultUserProperties,
  'deletedDateTime',
  'accountEnabled',
  'ageGroup',
  'city',
  'companyName',
  'country',
  'createdDateTime',
  'creationType',
  'department',
  'employeeId',
  'employeeType',
  'externalUserState',
  'externalUserStateChangeDateTime',
  'identities',
  'isManagementRestricted',
  'mailNickname',
  'onPremisesSyncEnabled',
  'otherMails',
  'postalCode',
  'proxyAddresses',
  'securityIdentifier',
  'showInAddressList',
  'state',
  'streetAddress',
  'usageLocation',
  'userType',
]
const servicePrincipalProperties = [
  'id',
  'deletedDateTime',
  'accountEnabled',
  'appDisplayName',
  'appId',
  'appOwnerOrganizationId',
  'appRoleAssignmentRequired',
  'appRoles',
  'description',
  'displayName',
  'homepage',
  'loginUrl',
  'notes',
  'oauth2PermissionScopes',
  'replyUrls',
  'servicePrincipalNames',
  'servicePrincipalType',
  'signInAudience',
  'tags',
]
const propertiesByKind: Readonly<Record<DirectoryObjectKind, readonly string[]>> = {
  user: userProperties,
  group: groupProperties,
  servicePrincipal: servicePrincipalProperties,
}
const selectable = new Set([...userProperties, ...groupProperties, ...servicePrincipalProperties])

/** One item of a directoryObject collection: @odata.type first, then the default or selected properties. */
export function directoryObjectView(
  object: DirectoryObject,
  select: readonly string[] | undefined,
  extra: Json = {},
): Json {
  const body = { ...publicBody(object.body), ...extra }
  const view: Json = { '@odata.type': object.odataType, id: body.id }
  const names =
    select ??
    (object.kind === 'user'
      ? defaultUserProperties
      : object.kind === 'group'
        ? defaultGroupProperties
        : Object.keys(body))
  for (const name of names) {
    if (name === 'id' || (select !== undefined && !propertiesByKind[object.kind].includes(name))) continue
    view[name] = name === 'deletedDateTime' ? null : (body[name] ?? null)
  }
  return view
}

/** Refuses a $select name that no directory object type defines. */
export function checkDirectoryObjectSelect(select: readonly string[] | undefined): void {
  for (const name of select ?? [])
    if (!selectable.has(name))
      throw graphErrors.badRequest(
        `Could not find a property named '${name}' on type 'microsoft.graph.directoryObject'.`,
      )
}

/**
 * One page of a directory collection: $count (only with ConsistencyLevel: eventual, and on the first
 * page only), $top/$skiptoken paging at 100 by default, @odata.nextLink carrying the request's options.
 */
export function directoryPage<T>(
  ctx: GraphContext,
  contextPath: string,
  items: readonly T[],
  view: (item: T) => Json,
): Reply {
  const query = ctx.query
  if (query.count === true && !advancedQueryRequested(ctx.headers, query.count))
    throw advancedQueryError("Query option '$count'")
  return pagedReply(ctx, contextPath, items, view)
}

/** A reply of a directoryObject collection (members, owners): $select checked against every type, paged. */
export function directoryObjectPage(ctx: GraphContext, objects: readonly DirectoryObject[]): Reply {
  checkDirectoryObjectSelect(ctx.query.select)
  return directoryPage(ctx, 'directoryObjects', objects, (o) => directoryObjectView(o, ctx.query.select))
}
