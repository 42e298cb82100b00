import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { compareVersions, formatVersion, parseGoVersion, parseVersion } from './semver'

describe('engine version parsing', () => {
  it('reads the version `pulumi version` prints, with or without v and pre-release tags', () => {
    assert.deepEqual(parseVersion('v3.259.0\n'), [3, 259, 0])
    assert.deepEqual(parseVersion('3.260.1-alpha.1+dirty'), [3, 260, 1])
  })

  it('returns undefined when a binary prints no version (built without the version ldflag)', () => {
    assert.equal(parseVersion('\n'), undefined)
  })

  it('reads the toolchain version from `go version`, release or patch', () => {
    assert.deepEqual(parseGoVersion('go version go1.26.8 linux/amd64'), [1, 26, 8])
    assert.deepEqual(parseGoVersion('go version go1.25 linux/amd64'), [1, 25, 0])
    assert.equal(parseGoVersion('bash: go: command not found'), undefined)
  })

  it('orders versions numerically, not as text', () => {
    assert.equal(compareVersions([3, 99, 0], [3, 259, 0]), -1)
    assert.equal(compareVersions([3, 259, 0], [3, 259, 0]), 0)
    assert.equal(compareVersions([4, 0, 0], [3, 259, 9]), 1)
    assert.equal(formatVersion([3, 259, 0]), 'v3.259.0')
  })
})
