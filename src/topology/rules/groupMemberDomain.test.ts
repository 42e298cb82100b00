// group-member-domain: a member whose domain belongs to another tenant's groups.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findings, where, yaml } from './testKit'

const document = (usMember: string): string => yaml`
  organization: Contoso
  tenants:
    emea: { tenantId: 00000000-0000-0000-0000-000000000002 }
    us: { tenantId: 00000000-0000-0000-0000-000000000003 }
  groups:
    emea:
      sync-out: { members: [annie@emea.contoso.com, bert@emea.contoso.com] }
    us:
      sync-out: { members: [ursula@us.contoso.com, ${usMember}] }
`

describe('group-member-domain', () => {
  it("warns about a member whose domain the other tenant's groups use", () => {
    const [d, ...rest] = findings(document('Carla@EMEA.contoso.com'), 'group-member-domain')
    assert.deepEqual(where(d), {
      ruleId: 'group-member-domain',
      severity: 'warning',
      pointer: '/groups/us/sync-out/members/1',
      line: 9,
      column: 50,
    })
    assert.equal(rest.length, 0)
    assert.equal(d!.value, 'Carla@EMEA.contoso.com')
    assert.match(
      d!.message,
      /'Carla@EMEA\.contoso\.com' is a member of groups\.us\.sync-out, but its domain 'emea\.contoso\.com' is used by members of groups\.emea/,
    )
    assert.match(d!.allowed!, /members who are users of 'us'/)
    assert.match(
      d!.fix!,
      /move 'Carla@EMEA\.contoso\.com' to a group under groups\.emea, or correct the address/,
    )
  })

  it('accepts members of each tenant in its own domains', () => {
    assert.deepEqual(findings(document('uma@us.contoso.com'), 'group-member-domain'), [])
  })
})
