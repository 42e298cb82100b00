// GET /groups/delta (graph-api.md §7.6): an initial round of pages (@odata.nextLink) ending with an
// @odata.deltaLink; a later round returns the groups changed since, members@delta when members are
// tracked, and removed groups with @removed. Tokens are opaque ids of state kept in the store.
//
// The change log is groupsChangeLog.ts.
//
// LIMITATIONS (differences from Graph):
// - A change reverted before the next delta call (by anyone) is not reported: deltas are net changes.
// - Membership-only changes are reported only when members are tracked (no $select, members in $select,
//   or $expand=members); UNCONFIRMED.
// - Pages hold 100 groups and each group's members@delta in full (Graph may split a large group's
//   members over pages). $filter (id eq ...), $top and Prefer: return=minimal are not supported (501).
// - $select or $expand next to a $skiptoken or $deltatoken is refused with 400 (they are in the token).
// - Initial rounds do not list soft-deleted groups. Tokens (and deleted-group history) last 7 days
//   on the emulator's clock; then syncStateNotFound, as documented.
import { randomUUID } from 'node:crypto'
import { GraphError, graphErrors } from '../../errors'
import type { Json } from '../../store/tenantStore'
import type { GraphContext, GraphRoute, Reply } from '../context'
import { project } from '../odata'
import { changedSince, lifetimeMs, membersDelta, reconcile } from './groupsChangeLog'
import { groupKind, groupProperties, groupReadPermissions, groupView, type GroupBody } from './groupShapes'

const roundKind = 'groupsDelta.round'
const tokenKind = 'groupsDelta.token'
const pageSize = 100

interface Tracking {
  select: string[] | null
  members: boolean
}
interface RoundStart extends Tracking {
  /** Versions after `from` (null: the initial round, every live group). */
  from: number | null
}
interface Round extends Json, RoundStart {
  id: string
  to: number
  ids: string[]
  createdAt: string
}
interface Token extends Json, Tracking {
  id: string
  watermark: number
  createdAt: string
}

const syncStateNotFound = () =>
  new GraphError(
    400,
    'syncStateNotFound',
    'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
  )

function item(ctx: GraphContext, round: Round, id: string): Json {
  const group = ctx.store.get<GroupBody>(groupKind, id)
  if (group === undefined) {
    const reason = ctx.store.find(groupKind, id) === undefined ? 'deleted' : 'changed'
    return { id, '@removed': { reason } }
  }
  const view =
    round.select === null
      ? groupView(ctx.store, group, false)
      : { id, ...project(groupView(ctx.store, group, true), round.select, groupProperties, 'group') }
  if (!round.members) return view
  const members = membersDelta(ctx.store, id, round.from, round.to)
  return members.length === 0 ? view : { ...view, 'members@delta': members }
}

function deltaLinkOf(ctx: GraphContext, token: string, param: '$skiptoken' | '$deltatoken'): string {
  return `${ctx.serviceRoot}/groups/delta?${param}=${token}`
}

function servePage(ctx: GraphContext, round: Round, offset: number): Reply {
  const ids = round.ids.slice(offset, offset + pageSize)
  const select =
    round.select === null ? '' : `(${[...round.select, ...(round.members ? ['members'] : [])].join(',')})`
  const body: Json = { '@odata.context': `${ctx.serviceRoot}/$metadata#groups${select}` }
  if (offset + pageSize < round.ids.length) {
    const skip = Buffer.from(`${round.id}:${offset + pageSize}`).toString('base64url')
    body['@odata.nextLink'] = deltaLinkOf(ctx, skip, '$skiptoken')
  } else {
    const token: Token = {
      id: randomUUID().replace(/-/g, ''),
      select: round.select,
      members: round.members,
      watermark: round.to,
      createdAt: ctx.clock.now().toISOString(),
    }
    ctx.store.insert(tokenKind, token.id, token)
    body['@odata.deltaLink'] = deltaLinkOf(ctx, Buffer.from(token.id).toString('base64url'), '$deltatoken')
  }
  body.value = ids.map((id) => item(ctx, round, id))
  return { status: 200, body }
}

function startRound(ctx: GraphContext, state: RoundStart): Reply {
  const to = reconcile(ctx)
  const from = state.from
  const ids =
    from === null
      ? ctx.store.list<GroupBody>(groupKind).map((s) => String(s.body.id))
      : changedSince(ctx.store, from, to, state.members)
  const round: Round = { ...state, id: randomUUID(), ids, to, createdAt: ctx.clock.now().toISOString() }
  ctx.store.insert(roundKind, round.id, round)
  return servePage(ctx, round, 0)
}

/** Deletes rounds and tokens past their 7 days. */
function pruneState(ctx: GraphContext): void {
  const cutoff = new Date(ctx.clock.now().getTime() - lifetimeMs).toISOString()
  for (const kind of [roundKind, tokenKind])
    for (const stored of ctx.store.list<{ createdAt: string }>(kind))
      if (stored.body.createdAt < cutoff) ctx.store.purge(kind, stored.id)
}

function lookUp<T extends { createdAt: string }>(ctx: GraphContext, kind: string, id: string): T {
  const state = ctx.store.get<T>(kind, id)
  if (state === undefined || new Date(state.createdAt).getTime() + lifetimeMs < ctx.clock.now().getTime())
    throw syncStateNotFound()
  return state
}

const decode = (token: string): string => Buffer.from(token, 'base64url').toString('utf8')

/** The initial request's $select / $expand: which properties, and whether members are tracked. */
function tracking(ctx: GraphContext): Tracking {
  const expand = ctx.query.expand ?? []
  for (const name of expand)
    if (name !== 'members')
      throw graphErrors.badRequest(
        `Could not find a navigation property named '${name}' on type 'microsoft.graph.group'.`,
      )
  const select = ctx.query.select
  if (select === undefined) return { select: null, members: true }
  const properties = select.filter((name) => name !== 'members')
  project({}, properties, groupProperties, 'group')
  return { select: properties, members: expand.length > 0 || properties.length < select.length }
}

export const groupsDeltaRoutes: GraphRoute[] = [
  {
    method: 'GET',
    path: '/groups/delta',
    permissions: groupReadPermissions,
    query: ['$select', '$expand', '$skiptoken', '$deltatoken'],
    handle: (ctx) => {
      const prefer = ctx.headers.prefer
      if (typeof prefer === 'string' && /return=minimal/i.test(prefer))
        throw graphErrors.notImplemented("'Prefer: return=minimal' on /groups/delta")
      const { skipToken, deltaToken } = ctx.query
      const continuing = skipToken !== undefined || (deltaToken !== undefined && deltaToken !== 'latest')
      if (continuing && (ctx.query.select ?? ctx.query.expand) !== undefined)
        throw graphErrors.badRequest(
          '$select and $expand are encoded in the delta state token; follow the link as returned.',
        )
      if (skipToken !== undefined) {
        const match = /^([0-9a-f-]{36}):(\d+)$/.exec(decode(skipToken))
        if (match === null) throw syncStateNotFound()
        return servePage(ctx, lookUp<Round>(ctx, roundKind, match[1]!), Number(match[2]))
      }
      if (deltaToken === 'latest') {
        // A deltaLink for "from now on", with no initial round (Graph's $deltatoken=latest).
        const token: Token = {
          id: randomUUID().replace(/-/g, ''),
          ...tracking(ctx),
          watermark: reconcile(ctx),
          createdAt: ctx.clock.now().toISOString(),
        }
        ctx.store.insert(tokenKind, token.id, token)
        const link = deltaLinkOf(ctx, Buffer.from(token.id).toString('base64url'), '$deltatoken')
        return {
          status: 200,
          body: {
            '@odata.context': `${ctx.serviceRoot}/$metadata#groups`,
            '@odata.deltaLink': link,
            value: [],
          },
        }
      }
      if (deltaToken !== undefined) {
        const token = lookUp<Token>(ctx, tokenKind, decode(deltaToken))
        return startRound(ctx, { select: token.select, members: token.members, from: token.watermark })
      }
      pruneState(ctx)
      return startRound(ctx, { ...tracking(ctx), from: null })
    },
  },
]
