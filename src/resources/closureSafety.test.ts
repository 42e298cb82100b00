// Pulumi serializes a dynamic provider with the modules it reaches (pulumi.md §1.2) and rebuilds it in
// the provider process. The Graph providers no longer ship that way: each resource hands Pulumi a shim
// that loads its implementation by file name in the provider process (shared/providerShim.ts), so their
// code runs as ordinary modules there. These rules stay as a guard for code that is still shipped whole
// (a provider without a shim, or anything a shim's closure reaches): a module-level Set, Map or WeakMap
// does not survive serialization (it comes back as a plain object: "Set.prototype.has called on
// incompatible receiver"), and Error subclasses lose their message unless they set it themselves. Class
// field initializers are safe only because tsconfig.json sets useDefineForClassFields: false.
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import * as vm from 'node:vm'
import { describe, it } from 'node:test'
import * as pulumi from '@pulumi/pulumi'
import { ConnectionSettingsError } from '../graph/connectionSettings'
import { ConsistencyTimeoutError, GraphRequestError } from '../graph/errors'

const root = path.join(__dirname, '..', '..')

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) return sources(file)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [file] : []
  })
}

describe('provider code survives Pulumi closure serialization', () => {
  it('holds no Set, Map or WeakMap at module level in src/graph or src/resources', () => {
    const offenders: string[] = []
    for (const file of [
      ...sources(path.join(root, 'src', 'graph')),
      ...sources(path.join(root, 'src', 'resources')),
    ])
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^(export )?(const|let|var) .*new (Set|Map|WeakMap)\b/.test(line))
            offenders.push(`${path.relative(root, file)}:${i + 1}: ${line.trim()}`)
        })
    assert.deepEqual(offenders, [], 'use arrays or objects (or build the collection inside a function)')
  })

  it('compiles class fields as constructor assignments (useDefineForClassFields: false)', () => {
    const config = fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')
    assert.match(config, /"useDefineForClassFields": false/)
  })

  it('keeps the message of the errors providers throw once shipped (Error subclasses become functions)', async () => {
    const make = (): Error[] => [
      new GraphRequestError({
        tenant: 'emea',
        operation: 'read x',
        permissions: ['P'],
        method: 'GET',
        url: 'u',
        status: 403,
        code: 'c',
        graphMessage: 'm',
        requestId: undefined,
      }),
      new ConsistencyTimeoutError('emea', 'x', 1000),
      new ConnectionSettingsError('no credentials'),
    ]
    const serialized = await pulumi.runtime.serializeFunction(() => make)
    const module = { exports: {} as { handler?: () => () => Error[] } }
    // Load the shipped text as the provider process does (a CommonJS module body).
    const load = vm.runInThisContext(`(function (exports, require, module) {\n${serialized.text}\n})`) as (
      exports: object,
      require: NodeJS.Require,
      module: object,
    ) => void
    load(module.exports, require, module)
    const shipped = module.exports.handler!()()
    assert.deepEqual(
      shipped.map((e) => e.message !== ''),
      [true, true, true],
      shipped.map((e) => `${e.name}: '${e.message}'`).join(', '),
    )
    assert.match(shipped[0]!.message, /tenant emea: read x failed/)
  })
})
