// ScopingGroup's check: every input problem at once (values still unknown during a preview are skipped),
// and the members sorted, the order read() reports them in, so the order a program lists them in is
// never a change.
import type * as pulumi from '@pulumi/pulumi'
import { isKnown } from '../shared/graphProvider'
import { isGuid, tenantRefProblems } from '../shared/tenantRef'
import type { ScopingGroupInputs } from './scopingGroup'

const upn = /^[^@\s]+@[^@\s]+\.[^@\s]+$/
/**
 * Graph: at most 64 ASCII characters except @ ( ) \ [ ] " ; : < > , and space; some versions of the page
 * also exclude / ' and . (the emulator refuses .), so those are refused too.
 */
const mailNickname = /^[\x21-\x7e]{1,64}$/
const notInMailNickname = /[@()\\/[\]"';:.<>,]/

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

export function scopingGroupProblems(
  news: ScopingGroupInputs,
): pulumi.dynamic.CheckResult<ScopingGroupInputs> {
  const failures: pulumi.dynamic.CheckFailure[] = []
  const fail = (property: string, reason: string): void => {
    failures.push({ property, reason })
  }
  if (isKnown(news.tenant)) failures.push(...tenantRefProblems(news.tenant))
  const name: unknown = news.displayName
  if (isKnown(name) && (typeof name !== 'string' || name.trim() === '' || name.length > 256))
    fail(
      'displayName',
      `displayName must be a non-empty string of at most 256 characters, got ${JSON.stringify(name)}`,
    )
  const description: unknown = news.description
  if (isKnown(description) && description !== null && typeof description !== 'string')
    fail('description', `description must be a string or null, got ${JSON.stringify(description)}`)
  const nickname: unknown = news.mailNickname
  if (
    isKnown(nickname) &&
    (typeof nickname !== 'string' || !mailNickname.test(nickname) || notInMailNickname.test(nickname))
  )
    fail(
      'mailNickname',
      `mailNickname must be 1 to 64 ASCII characters without spaces or @ ( ) \\ / [ ] " ' ; : . < > ,, got ${JSON.stringify(nickname)}`,
    )
  let members: unknown = news.members
  if (isKnown(members)) {
    if (!Array.isArray(members))
      fail('members', `members must be a list of user principal names, got ${JSON.stringify(members)}`)
    else if (members.every(isKnown)) {
      const seen = new Set<string>()
      for (const member of members as unknown[]) {
        if (typeof member !== 'string' || !upn.test(member))
          fail('members', `members: ${JSON.stringify(member)} is not a user principal name (alias@domain)`)
        else if (seen.has(member.toLowerCase())) fail('members', `members: ${member} is listed twice`)
        else seen.add(member.toLowerCase())
      }
      members = [...(members as string[])].sort(compare)
    }
  }
  const unit: unknown = news.administrativeUnitId
  if (isKnown(unit) && unit !== null && !isGuid(unit))
    fail(
      'administrativeUnitId',
      `administrativeUnitId must be an object id (GUID) or null, got ${JSON.stringify(unit)}`,
    )
  if (isKnown(news.adopt) && typeof news.adopt !== 'boolean')
    fail('adopt', `adopt must be true or false, got ${JSON.stringify(news.adopt)}`)
  return { inputs: { ...news, members: members as string[] }, failures }
}
