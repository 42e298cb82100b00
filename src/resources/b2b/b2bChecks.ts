// check() helpers of InvitedUser and InvitedUserSet: every problem is reported, in the topology's words,
// and values still unknown during preview are skipped.
import type * as pulumi from '@pulumi/pulumi'
import { isKnown } from '../shared/graphProvider'
import { tenantRefProblems } from '../shared/tenantRef'
import { attributeNames, type UserSettings } from './b2bUsers'
import { userKey, type SetUser } from './userBatches'

/** §5.1: '.' and '-' anywhere but at the ends of the local part, '_' anywhere, no other specials. */
const localPart = /^(?![.-])[A-Za-z0-9._-]+(?<![.-])$/
const domain = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/

export function emailProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `expected an e-mail address, got ${JSON.stringify(value)}`
  const at = value.lastIndexOf('@')
  if (at <= 0 || !localPart.test(value.slice(0, at)) || !domain.test(value.slice(at + 1)))
    return `'${value}' is not an address Graph invites: before '@' use letters, digits, '_' anywhere and '.' or '-' except at the ends`
  return undefined
}

export interface SettingsProblem {
  readonly key: keyof UserSettings
  readonly reason: string
}

/**
 * Problems with one user's settings; `at` prefixes each reason ("users[3]."). Values still unknown
 * during preview are skipped.
 */
export function settingsProblems(
  s: Partial<Record<keyof UserSettings, unknown>>,
  at: string,
): SettingsProblem[] {
  const problems: SettingsProblem[] = []
  const add = (key: keyof UserSettings, reason: string) => problems.push({ key, reason: `${at}${reason}` })
  const known = (key: keyof UserSettings) => isKnown(s[key])
  if (
    known('displayName') &&
    s.displayName !== null &&
    (typeof s.displayName !== 'string' || s.displayName.trim() === '')
  )
    add('displayName', `displayName must be a non-empty string or null, got ${JSON.stringify(s.displayName)}`)
  if (known('userType') && s.userType !== 'Guest' && s.userType !== 'Member')
    add('userType', `userType must be Guest or Member, got ${JSON.stringify(s.userType)}`)
  if (known('showInAddressList') && typeof s.showInAddressList !== 'boolean')
    add(
      'showInAddressList',
      `showInAddressList must be true or false, got ${JSON.stringify(s.showInAddressList)}`,
    )
  if (!known('attributes')) return problems
  if (typeof s.attributes !== 'object' || s.attributes === null || Array.isArray(s.attributes))
    add('attributes', `attributes must be an object of ${attributeNames.join(', ')}`)
  else
    for (const [name, value] of Object.entries(s.attributes)) {
      if (!(attributeNames as readonly string[]).includes(name))
        add('attributes', `attributes.${name} is not managed; use ${attributeNames.join(', ')}`)
      else if (typeof value !== 'string' || value === '')
        add('attributes', `attributes.${name} must be a non-empty string`)
      else if (name === 'usageLocation' && !/^[A-Z]{2}$/.test(value))
        add('attributes', 'attributes.usageLocation must be a two-letter country code such as US')
    }
  return problems
}

export function redirectProblem(value: unknown): string | undefined {
  return value === undefined || (typeof value === 'string' && /^https?:\/\/\S+$/i.test(value))
    ? undefined
    : `inviteRedirectUrl must be an absolute http(s) URL, got ${JSON.stringify(value)}`
}

/** The checks both resources share: the tenant, the invitation's options and adopt. */
export function invitationProblems(news: {
  readonly tenant: unknown
  readonly sendInvitationMessage: unknown
  readonly inviteRedirectUrl?: unknown
  readonly adopt: unknown
}): pulumi.dynamic.CheckFailure[] {
  const failures: pulumi.dynamic.CheckFailure[] = []
  if (isKnown(news.tenant)) failures.push(...tenantRefProblems(news.tenant))
  for (const flag of ['sendInvitationMessage', 'adopt'] as const)
    if (isKnown(news[flag]) && typeof news[flag] !== 'boolean')
      failures.push({ property: flag, reason: `${flag} must be true or false` })
  const redirect = isKnown(news.inviteRedirectUrl) ? redirectProblem(news.inviteRedirectUrl) : undefined
  if (redirect !== undefined) failures.push({ property: 'inviteRedirectUrl', reason: redirect })
  return failures
}

/** Every problem of a set's users, duplicates (addresses compared without case) included. */
export function usersProblems(users: unknown): pulumi.dynamic.CheckFailure[] {
  if (!Array.isArray(users)) return [{ property: 'users', reason: 'users must be a list of users' }]
  const reasons: string[] = []
  const seen = new Set<string>()
  users.forEach((u: Partial<Record<keyof SetUser, unknown>> | null, i) => {
    if (!isKnown(u)) return
    const email = u?.email
    const wrong = isKnown(email) ? emailProblem(email) : undefined
    if (wrong !== undefined) reasons.push(`users[${i}].email: ${wrong}`)
    else if (typeof email === 'string' && seen.has(userKey(email)))
      reasons.push(`users[${i}].email: ${email} is listed twice`)
    else if (typeof email === 'string') seen.add(userKey(email))
    reasons.push(...settingsProblems(u ?? {}, `users[${i}].`).map((p) => p.reason))
  })
  return reasons.map((reason) => ({ property: 'users', reason }))
}
