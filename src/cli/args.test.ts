import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ParsedArgs, UsageError } from './args'
import { parseEmulatorArgs } from './emulatorCommand'

describe('command line arguments', () => {
  it('reads --name value, --name=value and flags', () => {
    const args = new ParsedArgs(['--port', '9', '--data-dir=/x', '--in-memory', 'extra'], ['in-memory'])
    assert.equal(args.value('port'), '9')
    assert.equal(args.value('data-dir'), '/x')
    assert.equal(args.flag('in-memory'), true)
    assert.deepEqual(args.positional, ['extra'])
  })

  it('says which option lacks its value', () => {
    assert.throws(() => new ParsedArgs(['--port'], []), /--port needs a value/)
    assert.throws(() => new ParsedArgs(['--in-memory=yes'], ['in-memory']), /--in-memory takes no value/)
  })

  it('names every unknown option', () => {
    assert.throws(
      () => parseEmulatorArgs(new ParsedArgs(['--prot', '1', '--color=no'], [])),
      (error: unknown) => {
        return error instanceof UsageError && error.message === 'unknown options: --prot, --color'
      },
    )
  })

  it('refuses a port outside 0-65535, quoting it', () => {
    assert.throws(
      () => parseEmulatorArgs(new ParsedArgs(['--port', '70000'], [])),
      /--port is '70000'; expected a whole number from 0 to 65535/,
    )
  })

  it('defaults to port 8443 and a durable .emulator folder', () => {
    const options = parseEmulatorArgs(new ParsedArgs([], ['in-memory']))
    assert.equal(options.port, 8443)
    assert.equal(options.inMemory, false)
    assert.match(options.dataDir, /\.emulator$/)
  })
})
