// The $filter compiler on its own: parsing, evaluation, the advanced query rules and the errors.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { GraphError } from '../errors'
import { compileFilter, type FilterFields } from './filter'

const fields: FilterFields = {
  id: { type: 'guid', operators: ['eq', 'ne', 'not', 'in'] },
  displayName: {
    type: 'string',
    operators: ['eq', 'ne', 'not', 'in', 'startsWith', 'null'],
    advanced: ['null'],
  },
  userPrincipalName: { type: 'string', operators: ['eq', 'ne', 'not', 'in', 'startsWith', 'endsWith'] },
  userType: { type: 'string', operators: ['eq', 'ne', 'not', 'in', 'null'] },
  companyName: { type: 'string', operators: ['eq', 'null'], advanced: ['eq', 'null'] },
  accountEnabled: { type: 'boolean', operators: ['eq', 'ne', 'not'] },
  createdDateTime: { type: 'datetime', operators: ['eq', 'ge', 'le', 'gt', 'lt'] },
  proxyAddresses: { type: 'stringCollection', operators: ['eq', 'startsWith', 'endsWith'] },
  identities: {
    type: 'objectCollection',
    fields: {
      issuer: { type: 'string', operators: ['eq'] },
      issuerAssignedId: { type: 'string', operators: ['eq'] },
    },
  },
  initiatedBy: {
    type: 'object',
    fields: { user: { type: 'object', fields: { id: { type: 'guid', operators: ['eq'] } } } },
  },
  targetResources: {
    type: 'objectCollection',
    fields: { id: { type: 'guid', operators: ['eq'] }, displayName: { type: 'string', operators: ['eq'] } },
  },
}

const ada = {
  id: '11111111-1111-4111-8111-111111111111',
  displayName: "Ada O'Brien",
  userPrincipalName: 'ada@contoso.onmicrosoft.com',
  userType: 'Member',
  companyName: null,
  accountEnabled: true,
  createdDateTime: '2024-03-01T10:00:00Z',
  proxyAddresses: ['SMTP:ada@contoso.com', 'smtp:ada@fabrikam.com'],
  identities: [{ issuer: 'contoso.onmicrosoft.com', issuerAssignedId: 'ada@contoso.onmicrosoft.com' }],
  initiatedBy: { user: { id: '22222222-2222-4222-8222-222222222222' } },
  targetResources: [{ id: '33333333-3333-4333-8333-333333333333', displayName: 'Ada' }],
}
const guest = {
  ...ada,
  id: '44444444-4444-4444-8444-444444444444',
  displayName: 'Bob',
  userPrincipalName: 'bob_fabrikam.com#EXT#@contoso.onmicrosoft.com',
  userType: 'Guest',
  accountEnabled: false,
  createdDateTime: '2024-06-01T10:00:00Z',
  proxyAddresses: [],
  identities: [],
  initiatedBy: { user: null },
  targetResources: [],
}
const people = [ada, guest]

const matches = (text: string, advanced = false): string[] => {
  const predicate = compileFilter(text, fields, { advanced, typeName: 'user' })
  return people.filter((p) => predicate(p)).map((p) => p.displayName)
}

function failure(text: string, advanced = false): GraphError {
  try {
    compileFilter(text, fields, { advanced, typeName: 'user' })
  } catch (error) {
    assert.ok(error instanceof GraphError, `expected a GraphError, got ${String(error)}`)
    return error
  }
  assert.fail(`expected '${text}' to be refused`)
}

describe('compileFilter', () => {
  it('compares strings with eq case-insensitively and reads doubled quotes as one', () => {
    assert.deepEqual(matches("userType eq 'guest'"), ['Bob'])
    assert.deepEqual(matches("displayName eq 'ada o''brien'"), ["Ada O'Brien"])
  })

  it('evaluates startsWith, in, and, or, and parentheses with OData precedence', () => {
    assert.deepEqual(matches("startswith(userPrincipalName,'A')"), ["Ada O'Brien"])
    assert.deepEqual(matches("startsWith(displayName, 'b')"), ['Bob'])
    assert.deepEqual(matches("userType in ('Guest', 'Other')"), ['Bob'])
    assert.deepEqual(matches("userType eq 'Guest' or userType eq 'Member' and accountEnabled eq false"), [
      'Bob',
    ])
    assert.deepEqual(matches("(userType eq 'Guest' or userType eq 'Member') and accountEnabled eq true"), [
      "Ada O'Brien",
    ])
  })

  it('compares booleans, datetimes and guids', () => {
    assert.deepEqual(matches('accountEnabled eq false'), ['Bob'])
    assert.deepEqual(matches('createdDateTime ge 2024-05-01T00:00:00Z'), ['Bob'])
    assert.deepEqual(matches('createdDateTime lt 2024-05-01'), ["Ada O'Brien"])
    assert.deepEqual(matches("id eq '11111111-1111-4111-8111-111111111111'"), ["Ada O'Brien"])
  })

  it('filters collections of objects and strings with any() lambdas', () => {
    assert.deepEqual(
      matches(
        "identities/any(c:c/issuerAssignedId eq 'ADA@contoso.onmicrosoft.com' and c/issuer eq 'contoso.onmicrosoft.com')",
      ),
      ["Ada O'Brien"],
    )
    assert.deepEqual(matches("identities/any(c:c/issuer eq 'elsewhere')"), [])
    assert.deepEqual(matches("proxyAddresses/any(p:startswith(p,'smtp:'))"), ["Ada O'Brien"])
    assert.deepEqual(matches("proxyAddresses/any(p:p eq 'smtp:ada@contoso.com')"), ["Ada O'Brien"])
  })

  it('follows nested paths, inside and outside lambdas, as directory audits need', () => {
    assert.deepEqual(matches("initiatedBy/user/id eq '22222222-2222-4222-8222-222222222222'"), [
      "Ada O'Brien",
    ])
    assert.deepEqual(matches("targetResources/any(t:t/id eq '33333333-3333-4333-8333-333333333333')"), [
      "Ada O'Brien",
    ])
  })

  it('refuses ne, not and endsWith without advanced query parameters, naming the operator', () => {
    for (const [text, operator] of [
      ["userType ne 'Guest'", 'ne'],
      ["not(userType eq 'Guest')", 'not'],
      ["endswith(userPrincipalName,'#EXT#@contoso.onmicrosoft.com')", 'endsWith'],
    ] as const) {
      const error = failure(text)
      assert.equal(error.status, 400)
      assert.equal(error.code, 'Request_UnsupportedQuery')
      assert.match(
        error.message,
        new RegExp(`^Operator '${operator}' is not supported because the required parameters`),
      )
      assert.match(error.message, /ConsistencyLevel:eventual/)
    }
  })

  it('accepts ne, not, NOT without parentheses and endsWith with advanced query parameters', () => {
    assert.deepEqual(matches("userType ne 'Guest'", true), ["Ada O'Brien"])
    assert.deepEqual(matches("not(userType eq 'Guest')", true), ["Ada O'Brien"])
    assert.deepEqual(matches("NOT startsWith(displayName, 'Bo')", true), ["Ada O'Brien"])
    assert.deepEqual(matches("endswith(userPrincipalName,'#EXT#@contoso.onmicrosoft.com')", true), ['Bob'])
  })

  it('needs advanced parameters for operators a property marks advanced, including eq null', () => {
    assert.match(failure("companyName eq 'X'").message, /Operator 'eq' on property 'companyName'/)
    assert.match(failure('displayName eq null').message, /Operator 'eq null' on property 'displayName'/)
    assert.deepEqual(matches('companyName eq null', true), ["Ada O'Brien", 'Bob'])
    assert.deepEqual(matches('userType ne null', true), ["Ada O'Brien", 'Bob'])
    assert.deepEqual(matches('userType eq null'), [])
  })

  it('allows 15 OR clauses and refuses 16, in a chain or in an in (...) list', () => {
    const clause = (n: number) => Array.from({ length: n }, (_, i) => `displayName eq 'x${i}'`).join(' or ')
    assert.deepEqual(matches(clause(15)), [])
    const chain = failure(clause(16))
    assert.equal(chain.code, 'Request_UnsupportedQuery')
    assert.match(chain.message, /'OR' operators: 16\. Max allowed: 15\./)
    const list = Array.from({ length: 16 }, (_, i) => `'x${i}'`).join(',')
    assert.match(failure(`displayName in (${list})`).message, /'OR' operators: 16/)
  })

  it('names the offending token and its position in syntax errors', () => {
    const bare = failure('userType eq Guest')
    assert.equal(bare.status, 400)
    assert.equal(bare.code, 'Request_BadRequest')
    assert.match(bare.message, /position 12 .*found 'Guest'/)
    assert.match(
      failure("userType eq 'Guest").message,
      /string literal starting at position 12 is not closed/,
    )
    assert.match(failure("userType eq 'Guest' extra").message, /unexpected 'extra'/)
    assert.match(failure("(userType eq 'Guest'").message, /expected '\)' but found 'end of the filter'/)
    assert.match(failure("userType equals 'Guest'").message, /found 'equals'/)
    assert.match(failure("userType eq 'a' & 1").message, /unexpected character '&'/)
    assert.match(failure(' ').message, /empty/)
  })

  it('refuses unknown properties, unsupported operators and mismatched types with Graph messages', () => {
    const unknown = failure("department eq 'x'")
    assert.equal(unknown.code, 'Request_BadRequest')
    assert.equal(
      unknown.message,
      "Could not find a property named 'department' on type 'microsoft.graph.user'.",
    )
    const unsupported = failure("startswith(userType,'G')")
    assert.equal(unsupported.code, 'Request_UnsupportedQuery')
    assert.equal(
      unsupported.message,
      "Unsupported or invalid query filter clause specified for property 'userType' of resource 'User'.",
    )
    assert.match(failure("identities eq 'x'").message, /property 'identities'/)
    assert.match(
      failure("accountEnabled eq 'true'").message,
      /incompatible types.*'Edm.Boolean' and 'Edm.String' for operator kind 'Equal'/,
    )
    assert.equal(failure("id eq 'not-a-guid'").message, "Invalid object identifier 'not-a-guid'.")
  })

  it('refuses functions, lambdas and forms it does not support, naming them', () => {
    const contains = failure("contains(displayName,'a')")
    assert.equal(contains.code, 'Request_UnsupportedQuery')
    assert.match(contains.message, /'contains'/)
    assert.match(failure("identities/all(c:c/issuer eq 'x')").message, /'all'/)
    const count = failure('proxyAddresses/$count eq 0')
    assert.equal(count.status, 501)
    assert.equal(count.code, 'NotImplemented')
    assert.match(count.message, /\$count/)
    assert.equal(failure('displayName eq 5').status, 501)
  })
})
