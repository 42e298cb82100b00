// InvitedUserSet: many B2B collaboration users invited into one host tenant, as one resource (the "set
// form for thousands" of DESIGN.md §4). It does what InvitedUser does per user, in $batch calls of 20
// per phase (look-up, POST /invitations, PATCH /users/{id}, GET /users/{id}, DELETE), so n users cost
// about n/20 Graph requests per phase instead of n (userBatches.ts).
//
// Graph permission: as InvitedUser: User.Invite.All to invite, User.ReadWrite.All for the properties,
// User.DeleteRestore.All or User.ReadWrite.All to delete; reads need User.Read.All.
// Identity: `<tenantId>/invitedUserSets/<name>` (the name as at creation); a tenant change replaces it.
// Users are keyed by address (without case); outputs map each address (lower case) to its user id.
// Existing users: addresses that already have a user in the host are refused, listed, unless the tenant
// is adopted (tenants.<alias>.adopt: true); adopted users are PATCHed without a new invitation.
// update reads the live users first and then deletes the users dropped from the set, invites the new
// ones and PATCHes only those whose properties differ, so drift on one user costs one PATCH. A failure
// after some invitations records what Graph did (PartialWriteError) so the next run goes on from there.
// Delete soft-deletes every user of the set (graph-api.md §5.4).
import * as pulumi from '@pulumi/pulumi'
import type { Json, TenantGraph } from '../../graph/tenantGraph'
import { GraphProvider, isKnown } from '../shared/graphProvider'
import type { TenantRef } from '../shared/tenantRef'
import { invitationProblems, usersProblems } from './b2bChecks'
import { defaultInviteRedirectUrl, liveSettings, PartialWriteError, sameSettings } from './b2bUsers'
import {
  deleteUsers,
  findExisting,
  inviteAll,
  patchUsers,
  readUsers,
  userKey,
  type SetUser,
} from './userBatches'
import { providerShim } from '../shared/providerShim'
import { toWire } from '../shared/wireShape'

export type { SetUser } from './userBatches'

export interface InvitedUserSetInputs {
  /** The host tenant, where the users are invited. */
  readonly tenant: TenantRef
  /** The set's name, for messages and its id. */
  readonly name: string
  readonly users: readonly SetUser[]
  readonly sendInvitationMessage: boolean
  /** Where redemption lands. @default 'https://myapps.microsoft.com' (check fills it in) */
  readonly inviteRedirectUrl?: string
  /** Take over users that already answer to the addresses. @default false */
  readonly adopt: boolean
}

export interface InvitedUserSetOutputs extends InvitedUserSetInputs {
  /** Address in lower case -> user object id. */
  readonly userIds: Readonly<Record<string, string>>
}

export const invitedUserSetId = (tenantId: string, name: string): string =>
  `${tenantId}/invitedUserSets/${name}`

const describe = (i: InvitedUserSetInputs): string =>
  `the invited user set ${i.name} in tenant ${i.tenant.alias}`
const where = (i: InvitedUserSetInputs): string => `tenant ${i.tenant.alias}`

export class InvitedUserSetProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider<InvitedUserSetInputs, InvitedUserSetOutputs>
{
  check(_olds: InvitedUserSetInputs, news: InvitedUserSetInputs): Promise<pulumi.dynamic.CheckResult> {
    const failures = invitationProblems(news)
    if (isKnown(news.name) && (typeof news.name !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(news.name)))
      failures.push({ property: 'name', reason: `name must be 1-64 letters, digits, '.', '_' or '-'` })
    if (isKnown(news.users)) failures.push(...usersProblems(news.users))
    const inputs = { ...news, inviteRedirectUrl: news.inviteRedirectUrl ?? defaultInviteRedirectUrl }
    return Promise.resolve({ inputs, failures })
  }

  async create(inputs: InvitedUserSetInputs): Promise<pulumi.dynamic.CreateResult<InvitedUserSetOutputs>> {
    const graph = this.graph(inputs.tenant)
    const id = invitedUserSetId(inputs.tenant.tenantId, inputs.name)
    const ids = new Map<string, string>()
    await this.addUsers(graph, inputs, inputs.users, ids, id)
    try {
      await patchUsers(graph, describe(inputs), inputs.users, ids)
      return { id, outs: await this.readBack(graph, inputs, ids) }
    } catch (error) {
      throw new PartialWriteError(id, { ...inputs, userIds: Object.fromEntries(ids) }, error)
    }
  }

  async read(
    id: string,
    props?: InvitedUserSetOutputs,
  ): Promise<pulumi.dynamic.ReadResult<InvitedUserSetOutputs>> {
    if (props === undefined)
      throw new Error(`reading ${id}: invited user sets are not importable (no stored inputs)`)
    const graph = this.graph(props.tenant)
    const ids = new Map(Object.entries(props.userIds ?? {}))
    const live = await readUsers(graph, describe(props), ids, 'skip')
    if (ids.size > 0 && live.size === 0) return {} // every user deleted by hand
    const outputs = this.outputs(props, ids, live)
    const { userIds: _ids, ...inputs } = outputs
    // The SDK types read's inputs as outputs; only input keys go in (an output key would read as a change).
    return { id, props: outputs, inputs: inputs as InvitedUserSetOutputs }
  }

  async update(
    id: string,
    olds: InvitedUserSetOutputs,
    news: InvitedUserSetInputs,
  ): Promise<pulumi.dynamic.UpdateResult<InvitedUserSetOutputs>> {
    const graph = this.graph(news.tenant)
    const ids = new Map(Object.entries(olds.userIds ?? {}))
    // Compare with the live users, not the recorded ones: a partial write may have left them unsettled.
    const live = await readUsers(graph, describe(olds), ids, 'skip')
    for (const key of [...ids.keys()]) if (!live.has(key)) ids.delete(key) // gone: invite again
    const wanted = new Set(news.users.map((u) => userKey(u.email)))
    const dropped = [...ids.keys()].filter((key) => !wanted.has(key))
    const added = news.users.filter((u) => !ids.has(userKey(u.email)))
    const before = new Map(olds.users.map((u) => [userKey(u.email), u]))
    const changed = news.users.filter((u) => {
      const now = live.get(userKey(u.email))
      return now !== undefined && !sameSettings(liveSettings(now, u), u)
    })
    try {
      await deleteUsers(
        graph,
        `users dropped from ${describe(news)}`,
        dropped.map((key) => [key, ids.get(key)!]),
      )
      for (const key of dropped) ids.delete(key)
      await this.addUsers(graph, news, added, ids, id)
      await patchUsers(graph, describe(news), [...added, ...changed], ids, before)
      return { outs: await this.readBack(graph, news, ids) }
    } catch (error) {
      throw new PartialWriteError(id, { ...news, userIds: Object.fromEntries(ids) }, error)
    }
  }

  async delete(_id: string, props: InvitedUserSetOutputs): Promise<void> {
    await deleteUsers(
      this.graph(props.tenant),
      `the users of ${describe(props)}`,
      Object.entries(props.userIds ?? {}),
    )
  }

  /** Looks the addresses up, refuses existing users unless adopted, invites the rest; ids gets them all. */
  private async addUsers(
    graph: TenantGraph,
    inputs: InvitedUserSetInputs,
    users: readonly SetUser[],
    ids: Map<string, string>,
    id: string,
  ): Promise<void> {
    if (users.length === 0) return
    const existing = await findExisting(
      graph,
      where(inputs),
      users.map((u) => u.email),
    )
    if (existing.size > 0 && !inputs.adopt) {
      const named = [...existing].slice(0, 10).map(([key, u]) => `${key} (${String(u.userPrincipalName)})`)
      const more = existing.size > named.length ? ` and ${existing.size - named.length} more` : ''
      throw new Error(
        `${existing.size} address(es) of ${describe(inputs)} already have users not managed by this stack: ${named.join(', ')}${more}. Set tenants.${inputs.tenant.alias}.adopt: true in the topology to take them over (their properties will be replaced by the topology's), or delete them.`,
      )
    }
    for (const [key, user] of existing) ids.set(key, String(user.id))
    const invited = await inviteAll(
      graph,
      where(inputs),
      users.filter((u) => !existing.has(userKey(u.email))),
      inputs.sendInvitationMessage,
      inputs.inviteRedirectUrl ?? defaultInviteRedirectUrl,
    )
    for (const [key, userId] of invited.ids) ids.set(key, userId)
    // Nothing written yet: a plain error, so the engine records no resource.
    if (invited.error !== undefined && ids.size === 0) throw invited.error
    if (invited.error !== undefined)
      throw new PartialWriteError(id, { ...inputs, userIds: Object.fromEntries(ids) }, invited.error)
  }

  /** Create and update end in a read, through Entra's replication lag. */
  private async readBack(graph: TenantGraph, inputs: InvitedUserSetInputs, ids: ReadonlyMap<string, string>) {
    return this.outputs(inputs, ids, await readUsers(graph, describe(inputs), ids, 'wait'))
  }

  /** The live set in input shape, users in the program's order, plus the ids of the users still there. */
  private outputs(
    desired: InvitedUserSetInputs,
    ids: ReadonlyMap<string, string>,
    live: ReadonlyMap<string, Json>,
  ): InvitedUserSetOutputs {
    const users = desired.users.flatMap((u) => {
      const now = live.get(userKey(u.email))
      return now === undefined ? [] : [{ email: u.email, ...liveSettings(now, u) }]
    })
    return {
      tenant: desired.tenant,
      name: desired.name,
      users,
      sendInvitationMessage: desired.sendInvitationMessage,
      inviteRedirectUrl: desired.inviteRedirectUrl ?? defaultInviteRedirectUrl,
      adopt: desired.adopt,
      userIds: Object.fromEntries([...ids].filter(([key]) => live.has(key))),
    }
  }
}

const provider = providerShim(__filename, InvitedUserSetProvider)

export type InvitedUserSetArgs = {
  readonly [K in keyof InvitedUserSetInputs]: pulumi.Input<InvitedUserSetInputs[K]>
}

export class InvitedUserSet extends pulumi.dynamic.Resource {
  declare public readonly userIds: pulumi.Output<Record<string, string>>

  constructor(name: string, args: InvitedUserSetArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      toWire({ ...args, userIds: undefined }),
      { ...opts, replaceOnChanges: ['tenant', ...(opts?.replaceOnChanges ?? [])] },
      'entra-topology',
      'InvitedUserSet',
    )
  }
}
