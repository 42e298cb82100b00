import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { after, describe, it } from 'node:test'
import { EngineSetupError, requireGo } from './build'

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-build-'))
after(() => fs.rmSync(scratch, { recursive: true, force: true }))

describe('checking for Go before building the engine', () => {
  it('explains that Go is missing and what to install instead', () => {
    assert.throws(
      () => requireGo({ PATH: path.join(scratch, 'empty') }),
      (error: unknown) =>
        error instanceof EngineSetupError &&
        /Go is not installed/.test(error.message) &&
        /install the Pulumi CLI v3\.259\.0 or newer/.test(error.message),
    )
  })

  it('refuses a Go older than the wrapper modules declare, naming its version', () => {
    const bin = path.join(scratch, 'old-go')
    fs.mkdirSync(bin)
    fs.writeFileSync(path.join(bin, 'go'), '#!/bin/sh\necho go version go1.21.4 linux/amd64\n', {
      mode: 0o755,
    })
    assert.throws(() => requireGo({ PATH: `${bin}:/usr/bin:/bin` }), /Go v1\.21\.4 is too old/)
  })

  it('accepts the Go on this machine', () => {
    assert.ok(requireGo()[1] >= 25)
  })
})
