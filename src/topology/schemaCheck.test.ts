import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Diagnostic } from './diagnostics'
import { parseTopologyText } from './load'
import { checkSchema, closest, valueAt } from './schemaCheck'

const base = `organization: Contoso
tenants:
  contoso: { tenantId: 00000000-0000-4000-8000-00000000c0c0 }
`

const check = (text: string): Diagnostic[] => checkSchema(parseTopologyText(text, 'f.yaml'))

/** The one diagnostic a text produces. */
function only(text: string): Diagnostic {
  const diagnostics = check(text)
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics, null, 2))
  return diagnostics[0]!
}

describe('schema check: each kind of shape error', () => {
  it('accepts a minimal topology', () => {
    assert.deepEqual(check(base), [])
  })

  it('a missing property: names it, at the object that lacks it', () => {
    const d = only('tenants:\n  contoso: { tenantId: 00000000-0000-4000-8000-00000000c0c0 }\n')
    assert.deepEqual(
      [d.ruleId, d.severity, d.pointer, d.line, d.column, d.message, d.fix],
      [
        'schema-required',
        'error',
        '',
        1,
        1,
        "the property 'organization' is required here",
        "add 'organization'",
      ],
    )
  })

  it('a property required by another one (hub topology needs hub)', () => {
    const d = only(`${base}sync: { topology: hub }\n`)
    assert.deepEqual(
      [d.ruleId, d.pointer, d.line, d.column, d.message],
      ['schema-required', '/sync', 4, 7, "the property 'hub' is required here"],
    )
  })

  it('an unknown property: at its key, with the allowed names and the closest one', () => {
    const d = only(`${base}sink: { topology: mesh }\n`)
    assert.deepEqual(
      [d.ruleId, d.pointer, d.line, d.column, d.message, d.fix],
      [
        'schema-unknown-property',
        '/sink',
        4,
        1,
        "'sink' is not a property of this object",
        "did you mean 'sync'?",
      ],
    )
    assert.equal(
      d.allowed,
      '$schema, organization, tenants, multiTenantOrganization, access, sync, groups, invitations',
    )
  })

  it('an unknown property with no near name: says to remove it', () => {
    const d = only(
      'organization: Contoso\ntenants:\n  contoso: { tenantId: 00000000-0000-4000-8000-00000000c0c0, region: westeurope }\n',
    )
    assert.deepEqual(
      [d.pointer, d.line, d.column, d.fix, d.allowed],
      [
        '/tenants/contoso/region',
        3,
        62,
        'remove it',
        'tenantId, cloud, displayName, allowedCloudEndpoints, adopt',
      ],
    )
  })

  it('a value outside an enum: the value and the allowed values', () => {
    const d = only(
      'organization: Contoso\ntenants:\n  gov: { tenantId: 00000000-0000-4000-8000-00000000c0c0, cloud: gcchigh }\n',
    )
    assert.deepEqual(
      [d.ruleId, d.pointer, d.line, d.column, d.value, d.allowed],
      ['schema-enum', '/tenants/gov/cloud', 3, 65, 'gcchigh', '"global", "usgov", "usgovdod", "china"'],
    )
  })

  it('a tenant id that is not a GUID: tenant-id-invalid, with where to find the real one', () => {
    const d = only('organization: Contoso\ntenants:\n  contoso: { tenantId: contoso.onmicrosoft.com }\n')
    assert.deepEqual(
      [d.ruleId, d.pointer, d.line, d.column, d.value, d.message],
      [
        'tenant-id-invalid',
        '/tenants/contoso/tenantId',
        3,
        24,
        'contoso.onmicrosoft.com',
        'this is not a tenant id',
      ],
    )
    assert.match(d.allowed!, /a GUID such as/)
    assert.match(d.fix!, /Tenant ID/)
  })

  it('an e-mail address without a domain: email-invalid', () => {
    const d = only(`${base}groups:\n  contoso:\n    sync-out: { members: [annie@emea.contoso.com, bob] }\n`)
    assert.deepEqual(
      [d.ruleId, d.pointer, d.line, d.column, d.value, d.fix],
      [
        'email-invalid',
        '/groups/contoso/sync-out/members/1',
        6,
        51,
        'bob',
        'write the address as name@domain.tld',
      ],
    )
  })

  it('a map key that is not an alias: at the key, naming it', () => {
    const d = only(
      'organization: Contoso\ntenants:\n  Contoso_HQ: { tenantId: 00000000-0000-4000-8000-00000000c0c0 }\n',
    )
    assert.deepEqual(
      [d.ruleId, d.pointer, d.line, d.column, d.value, d.message],
      [
        'schema-pattern',
        '/tenants/Contoso_HQ',
        3,
        3,
        'Contoso_HQ',
        "the name 'Contoso_HQ' is not allowed here",
      ],
    )
    assert.match(d.allowed!, /^A tenant alias: lower-case letters/)
  })

  it('a value of the wrong type: what was expected and what was found', () => {
    const d = only(`${base}access: { inboundTrust: { mfa: yes } }\n`)
    assert.deepEqual(
      [d.ruleId, d.pointer, d.line, d.column, d.value, d.message, d.fix],
      ['schema-type', '/access/inboundTrust/mfa', 4, 32, 'yes', 'expected boolean', 'write a boolean here'],
    )
  })

  it('a list where a map belongs: asks for a map of properties', () => {
    const d = only('organization: Contoso\ntenants: [contoso]\n')
    assert.deepEqual([d.pointer, d.value, d.fix], ['/tenants', ['contoso'], 'write a map of properties here'])
  })

  it('a repeated list item: at the repeat, naming the first', () => {
    const d = only(`${base}  emea: { tenantId: 00000000-0000-4000-8000-00000000e0e0 }
sync: { topology: mesh, tenants: [contoso, emea, contoso] }
`)
    assert.deepEqual(
      [d.ruleId, d.pointer, d.line, d.column, d.value, d.message],
      ['schema-duplicate-item', '/sync/tenants/2', 5, 50, 'contoso', 'this item repeats item 0'],
    )
  })

  it('other keywords (minimum, minItems, maxLength): the value, with the field description as allowed', () => {
    const diagnostics = check(`${base}sync: { topology: pairs, pairs: [], accidentalDeletionThreshold: 0 }
invitations:
  contoso: [{ email: a@b.example, attributes: { department: ${'d'.repeat(65)} } }]
`)
    assert.deepEqual(
      diagnostics.map((d) => [d.ruleId, d.pointer, d.line, d.value]),
      [
        ['schema-minItems', '/sync/pairs', 4, []],
        ['schema-minimum', '/sync/accidentalDeletionThreshold', 4, 0],
        ['schema-maxLength', '/invitations/contoso/0/attributes/department', 6, 'd'.repeat(65)],
      ],
    )
    assert.match(diagnostics[1]!.allowed!, /DeleteThresholdValue/)
  })
})

describe('schema check: every error at once', () => {
  it('reports five different mistakes as five diagnostics', () => {
    const diagnostics = check(`organization: Contoso
tenants:
  contoso: { tenantId: not-a-guid, cloud: mars }
  emea: { tenantID: 00000000-0000-4000-8000-00000000e0e0 }
groups:
  emea:
    sync-out: { members: [annie] }
`)
    assert.deepEqual(
      diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.pointer}`).sort(),
      [
        '3:24 tenant-id-invalid /tenants/contoso/tenantId',
        '3:43 schema-enum /tenants/contoso/cloud',
        '4:11 schema-unknown-property /tenants/emea/tenantID',
        '4:9 schema-required /tenants/emea',
        '7:27 email-invalid /groups/emea/sync-out/members/0',
      ].sort(),
    )
    assert.equal(
      diagnostics.find((d) => d.ruleId === 'schema-unknown-property')!.fix,
      "did you mean 'tenantId'?",
    )
  })
})

describe('closest (did you mean)', () => {
  it('finds a near name, ignoring case', () => {
    assert.equal(closest('tenatId', ['tenantId', 'cloud']), 'tenantId')
    assert.equal(closest('USERTYPE', ['userType', 'hub']), 'userType')
    assert.equal(closest('memebrs', ['members', 'displayName']), 'members')
  })

  it('offers nothing when no name is near', () => {
    assert.equal(closest('region', ['tenantId', 'cloud', 'adopt']), undefined)
    assert.equal(closest('x', []), undefined)
  })
})

describe('valueAt', () => {
  it('follows a pointer through maps and lists, and gives undefined past the end', () => {
    const data = { a: { 'b/c': [1, { d: 2 }] } }
    assert.equal(valueAt(data, '/a/b~1c/1/d'), 2)
    assert.deepEqual(valueAt(data, ''), data)
    assert.equal(valueAt(data, '/a/x/y'), undefined)
    assert.equal(valueAt(data, '/a/b~1c/0/z'), undefined)
  })
})
