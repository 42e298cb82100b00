import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { after, describe, it } from 'node:test'
import { buildDirName, engineCacheRoot, findAllOnPath, isCompleteBuild, judgePathPulumi } from './locate'
import { projectRoot } from './ensure'

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-locate-'))
after(() => fs.rmSync(scratch, { recursive: true, force: true }))

function executable(dir: string, name: string): string {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, name)
  fs.writeFileSync(file, '#!/bin/sh\necho v3.259.0\n', { mode: 0o755 })
  return file
}

describe('finding a pulumi already installed', () => {
  it('lists executables along PATH in order and skips non-executable files', () => {
    const first = executable(path.join(scratch, 'a'), 'pulumi')
    const second = executable(path.join(scratch, 'b'), 'pulumi')
    fs.mkdirSync(path.join(scratch, 'c'))
    fs.writeFileSync(path.join(scratch, 'c', 'pulumi'), 'not executable', { mode: 0o644 })
    const pathEnv = ['c', 'a', 'missing', 'b'].map((d) => path.join(scratch, d)).join(path.delimiter)
    assert.deepEqual(findAllOnPath('pulumi', pathEnv), [first, second])
  })

  it('refuses a pulumi older than the SDK, saying both versions', () => {
    const verdict = judgePathPulumi('/opt/pulumi', 'v3.200.0', '')
    assert.equal(verdict.usable, false)
    assert.match(verdict.usable ? '' : verdict.reason, /v3\.200\.0, older than v3\.259\.0/)
  })

  it('refuses a pulumi without a Node.js language host beside it or on PATH', () => {
    const pulumi = executable(path.join(scratch, 'lonely'), 'pulumi')
    const verdict = judgePathPulumi(pulumi, 'v3.260.0', path.join(scratch, 'lonely'))
    assert.equal(verdict.usable, false)
    assert.match(verdict.usable ? '' : verdict.reason, /no pulumi-language-nodejs/)
  })

  it('accepts a new enough pulumi with its language host beside it', () => {
    const dir = path.join(scratch, 'official')
    const pulumi = executable(dir, 'pulumi')
    executable(dir, 'pulumi-language-nodejs')
    const verdict = judgePathPulumi(pulumi, 'v3.261.0\n', '')
    assert.deepEqual(verdict, { usable: true, pulumi, version: [3, 261, 0] })
  })
})

describe('the engine build cache', () => {
  it('honours ENTRA_TOPOLOGY_ENGINE_CACHE, then XDG_CACHE_HOME', () => {
    assert.equal(engineCacheRoot({ ENTRA_TOPOLOGY_ENGINE_CACHE: '/x/engine' }), '/x/engine')
    assert.equal(engineCacheRoot({ XDG_CACHE_HOME: '/xdg' }), '/xdg/entra-topology/engine')
  })

  it('names a build after the pinned modules, so changing go.sum builds again', () => {
    const copy = path.join(scratch, 'project')
    for (const dir of ['tools/pulumi-cli', 'tools/pulumi-language-nodejs']) {
      fs.cpSync(path.join(projectRoot, dir), path.join(copy, dir), { recursive: true })
    }
    const before = buildDirName(copy)
    assert.equal(before, buildDirName(projectRoot))
    assert.match(before, /^pulumi-v3\.259\.0-[0-9a-f]{12}$/)
    fs.appendFileSync(path.join(copy, 'tools/pulumi-cli/go.sum'), 'example.com/x v1.0.0 h1:abc=\n')
    assert.notEqual(buildDirName(copy), before)
  })

  it('does not take a folder without the stamp for a finished build', () => {
    const dir = path.join(scratch, 'partial-build')
    executable(path.join(dir, 'bin'), 'pulumi')
    executable(path.join(dir, 'bin'), 'pulumi-language-nodejs')
    assert.equal(isCompleteBuild(dir), false)
    fs.writeFileSync(path.join(dir, 'engine.json'), '{}')
    assert.equal(isCompleteBuild(dir), true)
  })
})
