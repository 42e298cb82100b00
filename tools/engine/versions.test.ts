// The pinned engine versions must agree everywhere they are written down.
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { projectRoot } from './ensure'
import { engineBinaries, languageHostVersion, pulumiVersion } from './versions'

const read = (file: string): string => fs.readFileSync(path.join(projectRoot, file), 'utf8')

describe('pinned engine versions', () => {
  it('pairs the @pulumi/pulumi SDK with the CLI version that is built', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> }
    assert.equal(pkg.dependencies['@pulumi/pulumi'], pulumiVersion)
  })

  it('builds the CLI from pkg/v3 and sdk/v3 at that version', () => {
    const goMod = read('tools/pulumi-cli/go.mod')
    assert.match(
      goMod,
      new RegExp(`github.com/pulumi/pulumi/pkg/v3 v${pulumiVersion.replace(/\./g, '\\.')}\\b`),
    )
    assert.match(
      goMod,
      new RegExp(`github.com/pulumi/pulumi/sdk/v3 v${pulumiVersion.replace(/\./g, '\\.')}\\b`),
    )
  })

  it('builds the language host from the sdk/v3 version it names', () => {
    const goMod = read('tools/pulumi-language-nodejs/go.mod')
    assert.match(
      goMod,
      new RegExp(`github.com/pulumi/pulumi/sdk/v3 v${languageHostVersion.replace(/\./g, '\\.')}\\b`),
    )
  })

  it('declares each binary as a tool of its wrapper module', () => {
    for (const binary of engineBinaries) {
      assert.match(
        read(path.join(binary.moduleDir, 'go.mod')),
        new RegExp(`^tool ${binary.packagePath}$`, 'm'),
      )
    }
  })
})
