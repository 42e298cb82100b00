// What InvitedUser and InvitedUserSet share (graph-api.md §5): the user properties they manage, the
// invitation and PATCH bodies, the live user in input shape, the permissions, the look-up of a user
// that already answers to an address, and the error a create throws when Graph kept part of its work.
//
// showInAddressList: graph-api.md §5.2 says "do not use in Microsoft Graph" (Exchange's GAL setting wins
// when the two differ), but cross-tenant sync maps it and the topology promises visibility, and Graph
// and the emulator accept it on PATCH /users/{id}, so the resources set it there and read it back.
import type { BatchItem } from '../../graph/batch'
import type { Json } from '../../graph/tenantGraph'

/** Least privileged first: the first is the one an error tells the admin to grant. */
export const userPermissions = {
  invite: { permissions: ['User.Invite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'] },
  read: { permissions: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'] },
  write: { permissions: ['User.ReadWrite.All', 'Directory.ReadWrite.All'] },
  delete: { permissions: ['User.DeleteRestore.All', 'User.ReadWrite.All'] },
}

/** The schema carries no redirect URL; My Apps is where an invited user lands to see what is shared. */
export const defaultInviteRedirectUrl = 'https://myapps.microsoft.com'

export const attributeNames = [
  'department',
  'jobTitle',
  'companyName',
  'officeLocation',
  'usageLocation',
] as const

/** The properties of one user the resources keep as the topology says. */
export interface UserSettings {
  /** null leaves the name the invitation gave (the address's local part) unmanaged. */
  readonly displayName: string | null
  readonly userType: 'Guest' | 'Member'
  readonly showInAddressList: boolean
  /** Only the attributes named are managed; one dropped from the topology is cleared. */
  readonly attributes: Readonly<Record<string, string>>
}

export const userSelect = [
  'id',
  'displayName',
  'mail',
  'userPrincipalName',
  'userType',
  'showInAddressList',
  'externalUserState',
  ...attributeNames,
].join(',')

export const userPath = (userId: string): string => `/users/${userId}?$select=${userSelect}`

export function invitationBody(
  email: string,
  displayName: string | null,
  userType: 'Guest' | 'Member',
  sendInvitationMessage: boolean,
  inviteRedirectUrl: string,
): Json {
  return {
    invitedUserEmailAddress: email,
    ...(displayName === null ? {} : { invitedUserDisplayName: displayName }),
    invitedUserType: userType,
    sendInvitationMessage,
    inviteRedirectUrl,
  }
}

/** PATCH /users/{id}: every managed property, and null for attributes no longer named. */
export function patchBody(desired: UserSettings, previous?: UserSettings): Json {
  const cleared = Object.keys(previous?.attributes ?? {}).filter((k) => !(k in desired.attributes))
  return {
    ...(desired.displayName === null ? {} : { displayName: desired.displayName }),
    userType: desired.userType,
    showInAddressList: desired.showInAddressList,
    ...Object.fromEntries(cleared.map((k) => [k, null])),
    ...desired.attributes,
  }
}

/** The live user's managed properties, in input shape (what refresh compares with the program). */
export function liveSettings(live: Json, desired: UserSettings): UserSettings {
  const attributes: Record<string, string> = {}
  for (const name of Object.keys(desired.attributes))
    if (typeof live[name] === 'string') attributes[name] = live[name]
  return {
    displayName:
      desired.displayName === null ? null : typeof live.displayName === 'string' ? live.displayName : '',
    userType: live.userType === 'Member' ? 'Member' : 'Guest',
    // A new guest's raw value is null and guests are hidden by default (graph-api.md §5.2).
    showInAddressList: live.showInAddressList === true,
    attributes,
  }
}

const sortedAttributes = (s: UserSettings): string =>
  JSON.stringify(Object.entries(s.attributes).sort(([a], [b]) => a.localeCompare(b)))

export const sameSettings = (a: UserSettings, b: UserSettings): boolean =>
  a.displayName === b.displayName &&
  a.userType === b.userType &&
  a.showInAddressList === b.showInAddressList &&
  sortedAttributes(a) === sortedAttributes(b)

/**
 * GET of the users that already answer to an address (mail, otherMails or userPrincipalName), as a
 * $batch item; POST /invitations would return such a user instead of creating one (graph-api.md §5.1).
 */
export function existingUserQuery(email: string): BatchItem {
  const quoted = `'${email.replace(/'/g, "''")}'`
  const filter = `mail eq ${quoted} or otherMails/any(m:m eq ${quoted}) or userPrincipalName eq ${quoted}`
  return {
    method: 'GET',
    url: `/users?$filter=${encodeURIComponent(filter)}&$select=id,userPrincipalName,userType`,
  }
}

/**
 * A create or update that Graph partly carried out (users invited, then a PATCH failed). The dynamic
 * provider host reports an error with `id` as ErrorResourceInitFailed, so the engine records the
 * resource with `properties` as its outputs and the next `up` updates it instead of inviting again.
 * The properties spread the inputs, which carry the serialized provider (__provider) later reads need.
 */
export class PartialWriteError extends Error {
  readonly reasons: string[]
  constructor(
    readonly id: string,
    readonly properties: Json,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause })
    // Pulumi ships this class to the provider as a function calling Error.call(this, ...), which sets no
    // message: set it here too (closureSafety.test.ts).
    this.message = cause instanceof Error ? cause.message : String(cause)
    this.reasons = [this.message]
  }
}
