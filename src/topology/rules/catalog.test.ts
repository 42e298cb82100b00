// The rule table and ruleCatalog: every id unique and kebab-case, every semantic rule in the
// catalog, and every id mentioned (quoted) by a test file of this directory, so no rule goes untested.
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { ruleCatalog, rules } from './index'

const testFiles = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('.test.ts') && f !== path.basename(__filename))
  .map((f) => fs.readFileSync(path.join(__dirname, f), 'utf8'))

describe('rule catalog', () => {
  it('has unique, kebab-case ids', () => {
    const ids = ruleCatalog.map((r) => r.id)
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
    )
    assert.deepEqual(
      ids.filter((id) => !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)),
      [],
    )
  })

  it('lists every rule of the table, with its severity and a title', () => {
    for (const rule of rules) {
      const entry = ruleCatalog.find((r) => r.id === rule.id)
      assert.deepEqual(entry, { id: rule.id, severity: rule.severity, title: rule.title, reportedBy: 'rule' })
      assert.ok(rule.title.length > 10, `${rule.id} needs a title`)
    }
  })

  it('has a test file that names each id', () => {
    assert.ok(testFiles.length >= 10, 'the rules directory holds the rule tests')
    const untested = ruleCatalog
      .map((r) => r.id)
      .filter((id) => !testFiles.some((t) => t.includes(`'${id}'`)))
    assert.deepEqual(untested, [])
  })

  it('is documented in README.md, one row per id with its severity', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8')
    const row = (id: string, severity: string): RegExp =>
      new RegExp(`\\|\\s*\`${id}\`\\s*\\|\\s*${severity}\\s*\\|`)
    const missing = ruleCatalog.filter((r) => !row(r.id, r.severity).test(readme))
    assert.deepEqual(
      missing.map((r) => r.id),
      [],
      'add these rules to the table in README.md ("The topology file")',
    )
  })
})
