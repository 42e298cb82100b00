// InvitedUser: one B2B collaboration user in a host tenant (graph-api.md §5; the plan's Invitation):
// POST /invitations, then PATCH /users/{id} with its userType, display name, visibility and attributes.
// For thousands of users in one tenant use InvitedUserSet, which does the same in $batch calls.
//
// Graph permission: User.Invite.All to invite, User.ReadWrite.All for the properties (it also allows
// inviting), User.DeleteRestore.All or User.ReadWrite.All to delete; reads need User.Read.All (covered
// by User.ReadWrite.All).
// Identity: `<tenantId>/users/<userId>`; tenant and invitedUserEmailAddress changes replace it.
// Existing user: an address that already has a user in the host (POST /invitations would return that
// user) is refused, naming the user, unless the tenant is adopted (tenants.<alias>.adopt: true); then the
// user is taken over without a new invitation and PATCHed to the topology's properties.
// Delete soft-deletes the user (30 days in the directory's bin, graph-api.md §5.4); an adopted user too.
// sendInvitationMessage and inviteRedirectUrl act only on the invitation: changing them later does nothing.
import * as pulumi from '@pulumi/pulumi'
import { retryWhileNotFound, untilReadable } from '../../graph/consistency'
import { GraphRequestError } from '../../graph/errors'
import type { Json, TenantGraph } from '../../graph/tenantGraph'
import { GraphProvider, isKnown } from '../shared/graphProvider'
import type { TenantRef } from '../shared/tenantRef'
import { emailProblem, invitationProblems, settingsProblems } from './b2bChecks'
import {
  defaultInviteRedirectUrl,
  existingUserQuery,
  invitationBody,
  liveSettings,
  PartialWriteError,
  patchBody,
  userPath,
  userPermissions as permissions,
  type UserSettings,
} from './b2bUsers'
import { providerShim } from '../shared/providerShim'
import { toWire } from '../shared/wireShape'

export interface InvitedUserInputs {
  /** The host tenant, where the user is invited. */
  readonly tenant: TenantRef
  readonly invitedUserEmailAddress: string
  /** null keeps the name the invitation gives (the address's local part) and leaves it unmanaged. */
  readonly invitedUserDisplayName: string | null
  readonly invitedUserType: 'Guest' | 'Member'
  readonly sendInvitationMessage: boolean
  readonly showInAddressList: boolean
  /** department, jobTitle, companyName, officeLocation, usageLocation. */
  readonly attributes: Readonly<Record<string, string>>
  /** Where redemption lands. @default 'https://myapps.microsoft.com' (check fills it in) */
  readonly inviteRedirectUrl?: string
  /** Take over a user that already answers to the address. @default false */
  readonly adopt: boolean
}

export interface InvitedUserOutputs extends InvitedUserInputs {
  readonly userId: string
  readonly userPrincipalName: string
  /** PendingAcceptance until the user redeems, then Accepted (null for a user that was not invited). */
  readonly externalUserState: string | null
}

export const invitedUserId = (tenantId: string, userId: string): string => `${tenantId}/users/${userId}`

export function parseInvitedUserId(id: string): { tenantId: string; userId: string } {
  const match = /^([0-9a-f-]{36})\/users\/([0-9a-f-]{36})$/i.exec(id)
  if (match === null) throw new Error(`'${id}' is not an invited user id (<tenantId>/users/<userId>)`)
  return { tenantId: match[1]!, userId: match[2]! }
}

const describe = (i: InvitedUserInputs): string =>
  `the invited user ${i.invitedUserEmailAddress} in tenant ${i.tenant.alias}`

const settings = (i: InvitedUserInputs): UserSettings => ({
  displayName: i.invitedUserDisplayName,
  userType: i.invitedUserType,
  showInAddressList: i.showInAddressList,
  attributes: i.attributes,
})

function liveOutputs(live: Json, desired: InvitedUserInputs): InvitedUserOutputs {
  const s = liveSettings(live, settings(desired))
  return {
    ...liveInputs(s, desired),
    userId: String(live.id),
    userPrincipalName: String(live.userPrincipalName),
    externalUserState: typeof live.externalUserState === 'string' ? live.externalUserState : null,
  }
}

/** Input keys only: an output key in read().inputs would show as a change on every refresh. */
const liveInputs = (s: UserSettings, desired: InvitedUserInputs): InvitedUserInputs => ({
  tenant: desired.tenant,
  invitedUserEmailAddress: desired.invitedUserEmailAddress,
  invitedUserDisplayName: s.displayName,
  invitedUserType: s.userType,
  sendInvitationMessage: desired.sendInvitationMessage,
  showInAddressList: s.showInAddressList,
  attributes: s.attributes,
  inviteRedirectUrl: desired.inviteRedirectUrl ?? defaultInviteRedirectUrl,
  adopt: desired.adopt,
})

export class InvitedUserProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider<InvitedUserInputs, InvitedUserOutputs>
{
  check(_olds: InvitedUserInputs, news: InvitedUserInputs): Promise<pulumi.dynamic.CheckResult> {
    const failures = invitationProblems(news)
    const emailWrong = isKnown(news.invitedUserEmailAddress)
      ? emailProblem(news.invitedUserEmailAddress)
      : undefined
    if (emailWrong !== undefined) failures.push({ property: 'invitedUserEmailAddress', reason: emailWrong })
    const given = {
      displayName: news.invitedUserDisplayName,
      userType: news.invitedUserType,
      showInAddressList: news.showInAddressList,
      attributes: news.attributes,
    }
    // The settings' names as this resource's inputs spell them (the plan's Invitation).
    const renamed: Partial<Record<string, string>> = {
      displayName: 'invitedUserDisplayName',
      userType: 'invitedUserType',
    }
    for (const { key, reason } of settingsProblems(given, ''))
      failures.push({ property: renamed[key] ?? key, reason: reason.replace(key, renamed[key] ?? key) })
    const inputs = { ...news, inviteRedirectUrl: news.inviteRedirectUrl ?? defaultInviteRedirectUrl }
    return Promise.resolve({ inputs, failures })
  }

  async create(inputs: InvitedUserInputs): Promise<pulumi.dynamic.CreateResult<InvitedUserOutputs>> {
    const graph = this.graph(inputs.tenant)
    const what = describe(inputs)
    const lookUp = { operation: `look for a user that ${what} would be`, ...permissions.read }
    const found = await graph.request<{ value?: Json[] }>(
      lookUp,
      'GET',
      existingUserQuery(inputs.invitedUserEmailAddress).url,
    )
    const existing = found?.value?.[0]
    if (existing !== undefined && !inputs.adopt)
      throw new Error(
        `${what} already exists as user ${String(existing.userPrincipalName)} (${String(existing.id)}) and is not managed by this stack. Set tenants.${inputs.tenant.alias}.adopt: true in the topology to take it over (its properties will be replaced by the topology's), or delete it.`,
      )
    let userId = existing === undefined ? undefined : String(existing.id)
    if (userId === undefined) {
      const invitation = await graph.request<{ invitedUser?: { id?: string } }>(
        { operation: `invite ${what}`, ...permissions.invite },
        'POST',
        '/invitations',
        {
          body: invitationBody(
            inputs.invitedUserEmailAddress,
            inputs.invitedUserDisplayName,
            inputs.invitedUserType,
            inputs.sendInvitationMessage,
            inputs.inviteRedirectUrl ?? defaultInviteRedirectUrl,
          ),
        },
      )
      userId = invitation?.invitedUser?.id
      if (userId === undefined) throw new Error(`tenant ${graph.tenant}: invite ${what}: no invitedUser.id`)
    }
    const id = invitedUserId(inputs.tenant.tenantId, userId)
    try {
      // The user may be minutes old: the PATCH can meet Entra's replication lag.
      await retryWhileNotFound(graph, what, () => this.patch(graph, inputs, userId))
      return { id, outs: await this.readBack(graph, inputs, userId) }
    } catch (error) {
      const partial = { ...inputs, userId, userPrincipalName: '', externalUserState: null }
      throw new PartialWriteError(id, partial, error)
    }
  }

  async read(id: string, props?: InvitedUserOutputs): Promise<pulumi.dynamic.ReadResult<InvitedUserOutputs>> {
    if (props === undefined)
      throw new Error(`reading ${id}: invited users are not importable (no stored inputs)`)
    const live = await this.graph(props.tenant).find(
      { operation: `read ${describe(props)}`, ...permissions.read },
      userPath(parseInvitedUserId(id).userId),
    )
    if (live === undefined) return {} // deleted by hand: refresh reports it and up invites again
    const outputs = liveOutputs(live, props)
    // The SDK types read's inputs as outputs; only input keys go in (an output key would read as a change).
    return { id, props: outputs, inputs: liveInputs(settings(outputs), props) as InvitedUserOutputs }
  }

  async update(
    id: string,
    olds: InvitedUserOutputs,
    news: InvitedUserInputs,
  ): Promise<pulumi.dynamic.UpdateResult<InvitedUserOutputs>> {
    const graph = this.graph(news.tenant)
    const { userId } = parseInvitedUserId(id)
    await this.patch(graph, news, userId, settings(olds))
    return { outs: await this.readBack(graph, news, userId) }
  }

  async delete(id: string, props: InvitedUserOutputs): Promise<void> {
    try {
      await this.graph(props.tenant).request(
        { operation: `delete ${describe(props)}`, ...permissions.delete },
        'DELETE',
        `/users/${parseInvitedUserId(id).userId}`,
      )
    } catch (error) {
      if (!(error instanceof GraphRequestError && error.isNotFound)) throw error
    }
  }

  private patch(graph: TenantGraph, inputs: InvitedUserInputs, userId: string, previous?: UserSettings) {
    return graph.request(
      { operation: `set the properties of ${describe(inputs)}`, ...permissions.write },
      'PATCH',
      `/users/${userId}`,
      { body: patchBody(settings(inputs), previous) },
    )
  }

  /** Create and update end in a read, through Entra's replication lag. */
  private async readBack(graph: TenantGraph, inputs: InvitedUserInputs, userId: string) {
    const live = await untilReadable(graph, describe(inputs), () =>
      graph.find({ operation: `read ${describe(inputs)}`, ...permissions.read }, userPath(userId)),
    )
    return liveOutputs(live, inputs)
  }
}

const provider = providerShim(__filename, InvitedUserProvider)

export type InvitedUserArgs = {
  readonly [K in keyof InvitedUserInputs]: pulumi.Input<InvitedUserInputs[K]>
}

export class InvitedUser extends pulumi.dynamic.Resource {
  declare public readonly userId: pulumi.Output<string>
  declare public readonly userPrincipalName: pulumi.Output<string>
  declare public readonly externalUserState: pulumi.Output<string | null>

  constructor(name: string, args: InvitedUserArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      // Computed outputs are declared by naming them (undefined) in the props.
      toWire({ ...args, userId: undefined, userPrincipalName: undefined, externalUserState: undefined }),
      {
        ...opts,
        replaceOnChanges: ['tenant', 'invitedUserEmailAddress', ...(opts?.replaceOnChanges ?? [])],
      },
      'entra-topology',
      'InvitedUser',
    )
  }
}
