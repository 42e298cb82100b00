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

describe('reading a topology file for seeding', () => {
  it('takes each tenant with its cloud and the users its groups name, with their domain', () => {
    const seed = readSeed(
      file(
        'ok.yaml',
        `tenants:
  contoso: { tenantId: 00000000-0000-4000-8000-00000000C0C0 }
  gov: { tenantId: 00000000-0000-4000-8000-000000000a0a, cloud: usgov }
groups:
  contoso:
    sync-out: { members: [Annie@contoso.example, bob@contoso.example] }
    empty: {}
`,
      ),
    )
    assert.deepEqual(seed, [
      {
        alias: 'contoso',
        tenantId: '00000000-0000-4000-8000-00000000c0c0',
        cloud: 'global',
        domain: 'contoso.example',
        users: ['annie@contoso.example', 'bob@contoso.example'],
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

  it('reports every problem at once, each with the file, the path, the value and what is allowed', () => {
    const bad = file(
      'bad.yaml',
      `tenants:
  a: { tenantId: not-a-guid, cloud: mars }
  b: { tenantId: 00000000-0000-4000-8000-00000000000b }
groups:
  b:
    g: { members: [x@one.example, y@two.example] }
    h: { members: annie }
  z:
    g: { members: [] }
`,
    )
    assert.throws(
      () => readSeed(bad),
      (error: unknown) => {
        const lines = (error as SeedError).message.split('\n')
        assert.ok(error instanceof SeedError)
        assert.deepEqual(
          lines.map((l) => /^.*?:(\d+):(\d+): (\S+):/.exec(l)!.slice(1).join(' ')),
          [
            '2 18 /tenants/a/tenantId',
            '2 37 /tenants/a/cloud',
            '7 19 /groups/b/h/members',
            '6 5 /groups/b',
            '9 5 /groups/z',
          ],
        )
        assert.ok(
          lines.every((l) => l.startsWith(`${bad}:`)),
          'every line names the file',
        )
        assert.match(lines[1]!, /"mars" is not allowed; use one of global, usgov, usgovdod, china/)
        assert.match(lines[3]!, /several domains \(one\.example, two\.example\)/)
        assert.match(lines[4]!, /'z' is not a tenant declared under \/tenants \(declared: a, b\)/)
        return true
      },
    )
  })

  it('refuses a file without a tenants map, and one that is not YAML', () => {
    assert.throws(() => readSeed(file('none.yaml', 'organization: X\n')), /\/tenants: expected a map/)
    assert.throws(() => readSeed(file('broken.yaml', 'tenants: [\n')), /cannot read it as YAML/)
  })
})
