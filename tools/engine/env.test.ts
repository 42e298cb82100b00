import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { after, describe, it } from 'node:test'
import { localPassphraseFile, offlineEnv } from './env'

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-env-'))
after(() => fs.rmSync(scratch, { recursive: true, force: true }))

describe('the offline environment for pulumi', () => {
  it('puts the project bin folder first on PATH and turns off update checks and plugin downloads', () => {
    const env = offlineEnv({ projectRoot: '/p', stateDir: path.join(scratch, 's1') }, { PATH: '/usr/bin' })
    assert.equal(env.PATH, `/p/node_modules/.bin${path.delimiter}/usr/bin`)
    assert.equal(env.PULUMI_SKIP_UPDATE_CHECK, 'true')
    assert.equal(env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION, 'true')
  })

  it('keeps what the user set', () => {
    const env = offlineEnv(
      { projectRoot: '/p', stateDir: path.join(scratch, 's2') },
      { PULUMI_SKIP_UPDATE_CHECK: 'false', PULUMI_CONFIG_PASSPHRASE: 'mine' },
    )
    assert.equal(env.PULUMI_SKIP_UPDATE_CHECK, 'false')
    assert.equal(env.PULUMI_CONFIG_PASSPHRASE, 'mine')
    assert.equal(env.PULUMI_CONFIG_PASSPHRASE_FILE, undefined)
    assert.ok(
      !fs.existsSync(path.join(scratch, 's2', 'passphrase')),
      'a passphrase file was made although one was set',
    )
  })

  it('generates a random passphrase once, readable only by its owner', () => {
    const stateDir = path.join(scratch, 's3')
    const env = offlineEnv({ projectRoot: '/p', stateDir }, {})
    const file = env.PULUMI_CONFIG_PASSPHRASE_FILE!
    assert.equal(file, path.join(stateDir, 'passphrase'))
    const first = fs.readFileSync(file, 'utf8')
    assert.match(first, /^[0-9a-f]{64}\n$/)
    assert.equal(fs.statSync(file).mode & 0o777, 0o600)
    localPassphraseFile(stateDir)
    assert.equal(fs.readFileSync(file, 'utf8'), first)
  })
})
