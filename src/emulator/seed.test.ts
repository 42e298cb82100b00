import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { after, describe, it } from 'node:test'
import { readSeed, SeedError } from './seed'

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-seed-'))
after(() => fs.rmSync(scratch, { recursive: true, force: true }))

function file(name: string, text: string): string {
  const full = path.join(scratch, name)
  fs.writeFileSync(full, text)
  return full
}

/** The SeedError's lines after its heading, as "line column ruleId pointer". */
function refusal(error: unknown, file: string): string[] {
  assert.ok(error instanceof SeedError)
  const [heading, ...lines] = error.message.split('\n')
  assert.match(
    heading!,
    new RegExp(
      `^cannot seed from ${file}: ${lines.length} errors? \\(as 'entra-topology validate' reports them\\)$`,
    ),
  )
  assert.ok(
    lines.every((l) => l.startsWith(`${file}:`)),
    'every line names the file',
  )
  return lines.map((l) => /^.*?:(\d+):(\d+): error (\S+): (\S+):/.exec(l)!.slice(1).join(' '))
}

describe('reading a topology file for seeding', () => {
  it('takes each tenant with its cloud and the users it names (members, scope users, invited home users), with their domain', () => {
    const seed = readSeed(
      file(
        'ok.yaml',
        `organization: Contoso
tenants:
  contoso: { tenantId: 00000000-0000-4000-8000-00000000C0C0, allowedCloudEndpoints: [microsoftonline.us] }
  fabrikam: { tenantId: 00000000-0000-4000-8000-00000000fabc }
  gov: { tenantId: 00000000-0000-4000-8000-000000000a0a, cloud: usgov, allowedCloudEndpoints: [microsoftonline.com] }
sync:
  topology: pairs
  pairs: [{ from: contoso, to: fabrikam }]
  scope:
    contoso: { groups: [sync-out], users: [carol@contoso.example] }
groups:
  contoso:
    sync-out: { members: [bob@contoso.example, Annie@contoso.example] }
    empty: {}
invitations:
  gov:
    - { email: dave@contoso.example, homeTenant: contoso }
    - { email: partner@partner.example }
`,
      ),
    )
    assert.deepEqual(seed, [
      {
        alias: 'contoso',
        tenantId: '00000000-0000-4000-8000-00000000c0c0',
        cloud: 'global',
        domain: 'contoso.example',
        users: [
          'annie@contoso.example',
          'bob@contoso.example',
          'carol@contoso.example',
          'dave@contoso.example',
        ],
      },
      {
        alias: 'fabrikam',
        tenantId: '00000000-0000-4000-8000-00000000fabc',
        cloud: 'global',
        domain: undefined,
        users: [],
      },
      {
        alias: 'gov',
        tenantId: '00000000-0000-4000-8000-000000000a0a',
        cloud: 'usgov',
        domain: undefined,
        users: [],
      },
    ])
  })

  it('refuses what validate refuses: every error of the file at once, in its words', () => {
    const bad = file(
      'bad.yaml',
      `organization: Contoso
tenants:
  a: { tenantId: not-a-guid, cloud: mars }
  b: { tenantId: 00000000-0000-4000-8000-00000000000b }
groups:
  b:
    g: { members: [x@one.example] }
    h: { members: annie }
`,
    )
    assert.throws(
      () => readSeed(bad),
      (error: unknown) => {
        assert.deepEqual(refusal(error, bad), [
          '3 18 tenant-id-invalid /tenants/a/tenantId',
          '3 37 schema-enum /tenants/a/cloud',
          '8 19 schema-type /groups/b/h/members',
        ])
        assert.match(
          (error as Error).message,
          /found "mars"; allowed: "global", "usgov", "usgovdod", "china"/,
        )
        return true
      },
    )
  })

  it('refuses a group of a tenant the file does not declare (a semantic rule)', () => {
    const bad = file(
      'unknown.yaml',
      `organization: Contoso
tenants:
  a: { tenantId: 00000000-0000-4000-8000-00000000000a }
groups:
  z:
    g: { members: [] }
`,
    )
    assert.throws(
      () => readSeed(bad),
      (error: unknown) => {
        assert.deepEqual(refusal(error, bad), ['5 3 unknown-tenant /groups/z'])
        return true
      },
    )
  })

  it('refuses users of one tenant on several domains: the emulator gives a tenant one domain', () => {
    const bad = file(
      'domains.yaml',
      `organization: Contoso
tenants:
  a: { tenantId: 00000000-0000-4000-8000-00000000000a }
  b: { tenantId: 00000000-0000-4000-8000-00000000000b }
groups:
  b:
    g: { members: [x@one.example, z@one.example] }
invitations:
  a:
    - { email: y@two.example, homeTenant: b }
`,
    )
    assert.throws(
      () => readSeed(bad),
      (error: unknown) => {
        assert.deepEqual(refusal(error, bad), ['10 16 seed-one-domain /invitations/a/0/email'])
        assert.match(
          (error as Error).message,
          /several domains \(one\.example, two\.example\); found "y@two.example"; allowed: .*\(here one\.example\)/,
        )
        return true
      },
    )
  })

  it('refuses a file without tenants, one that is not YAML, and one that is missing', () => {
    assert.throws(
      () => readSeed(file('none.yaml', 'organization: X\n')),
      /schema-required: \/: the property 'tenants' is required here/,
    )
    assert.throws(() => readSeed(file('broken.yaml', 'tenants: [\n')), /error TOPO-YAML: /)
    assert.throws(() => readSeed(path.join(scratch, 'absent.yaml')), /error TOPO-FILE: .*ENOENT/)
  })
})
