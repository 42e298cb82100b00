// The provider shim as Pulumi ships it: serialized (small, the implementation not inlined), loaded as the
// provider process loads it, configured, and forwarding calls to the implementation it loads by name;
// with exactly the implementation's lifecycle methods, and a clear error when the file is not there.
import assert from 'node:assert/strict'
import * as path from 'node:path'
import * as vm from 'node:vm'
import { describe, it } from 'node:test'
import * as pulumi from '@pulumi/pulumi'
import { ScopingGroupProvider } from '../groups/scopingGroup'
import { providerShim } from './providerShim'

type Shipped = Record<string, (...args: unknown[]) => Promise<unknown>>

/** The shim's text as the state holds it, and the provider the provider process rebuilds from it. */
async function ship(provider: pulumi.dynamic.ResourceProvider): Promise<{ text: string; shipped: Shipped }> {
  const serialized = await pulumi.runtime.serializeFunction(() => provider)
  const module = { exports: {} as { handler?: () => Shipped } }
  const load = vm.runInThisContext(`(function (exports, require, module) {\n${serialized.text}\n})`) as (
    exports: object,
    require: NodeJS.Require,
    module: object,
  ) => void
  load(module.exports, require, module)
  return { text: serialized.text, shipped: module.exports.handler!() }
}

const scopingGroupFile = path.join(__dirname, '..', 'groups', 'scopingGroup.ts')

describe('the provider shim', () => {
  it('ships in about 2 KB, naming the implementation instead of carrying it', async () => {
    const { text } = await ship(providerShim(scopingGroupFile, ScopingGroupProvider))
    assert.ok(text.length < 2500, `${text.length} characters`)
    assert.match(text, /src\/resources\/groups\/scopingGroup\.ts/)
    assert.match(text, /ScopingGroupProvider/)
    assert.doesNotMatch(text, /GraphRequestError|TenantGraph|members@odata\.bind/)
  })

  it('has exactly the lifecycle methods of the implementation, plus configure', async () => {
    const { shipped } = await ship(providerShim(scopingGroupFile, ScopingGroupProvider))
    assert.deepEqual(Object.keys(shipped).sort(), [
      'check',
      'configure',
      'create',
      'delete',
      'read',
      'update',
    ])
    class WithDiff {
      diff() {
        return Promise.resolve({})
      }
      create() {
        return Promise.resolve({ id: 'x' })
      }
    }
    const withDiff = (await ship(providerShim(scopingGroupFile, WithDiff))).shipped
    assert.deepEqual(Object.keys(withDiff).sort(), ['configure', 'create', 'diff'])
  })

  it('loads the implementation on the first call and forwards to it, configured', async () => {
    const { shipped } = await ship(providerShim(scopingGroupFile, ScopingGroupProvider))
    await shipped.configure!({ config: { get: () => undefined } })
    const tenant = { alias: 'contoso', tenantId: '18b2038c-2ad2-4ea8-b93a-20a97f1a2e48', cloud: 'global' }
    const good = {
      tenant,
      displayName: 'Scope',
      description: null,
      mailNickname: 'sync-out',
      members: [],
      administrativeUnitId: null,
      adopt: false,
    }
    const result = (await shipped.check!(good, { ...good, mailNickname: 'not valid!' })) as {
      failures: { property: string }[]
    }
    assert.deepEqual(
      result.failures.map((f) => f.property),
      ['mailNickname'],
    )
    // read needs the connections configure() set up: a read without stored inputs is refused by the
    // implementation itself, which proves the call reached it.
    await assert.rejects(shipped.read!('x/groups/y', undefined), /not importable/)
  })

  it('takes tenant and partner as strings from the engine and answers them as strings', async () => {
    const tenantId = '18b2038c-2ad2-4ea8-b93a-20a97f1a2e48'
    const { shipped } = await ship(providerShim(scopingGroupFile, ScopingGroupProvider))
    await shipped.configure!({ config: { get: () => undefined } })
    const wire = {
      tenant: `contoso/${tenantId}/global`,
      displayName: 'Scope',
      description: null,
      mailNickname: 'sync-out',
      members: [],
      administrativeUnitId: null,
    }
    const checked = (await shipped.check!(wire, wire)) as { inputs: unknown; failures: unknown[] }
    assert.deepEqual(checked.failures, [], 'the implementation got a tenant it accepts')
    assert.deepEqual(checked.inputs, wire, 'and its inputs go back on the wire form')
    const stored = { ...wire, tenant: { alias: 'contoso', tenantId, cloud: 'global' }, adopt: false }
    const kept = (await shipped.check!(stored, wire)) as { inputs: unknown }
    assert.deepEqual(kept.inputs, stored, 'state written before the wire shape keeps its form')
    const bad = (await shipped.check!(wire, { ...wire, tenant: 'contoso/not-a-guid/global' })) as {
      failures: { property: string; reason: string }[]
    }
    assert.deepEqual(bad.failures, [
      { property: 'tenant', reason: 'expected { alias, tenantId, cloud }, got "contoso/not-a-guid/global"' },
    ])
  })

  it('says which file it could not load, and from where', async () => {
    const { shipped } = await ship(
      providerShim(path.join(process.cwd(), 'src', 'resources', 'nowhere.ts'), ScopingGroupProvider),
    )
    await assert.rejects(
      shipped.check!({}, {}),
      /cannot load ScopingGroupProvider from .*src\/resources\/nowhere\.ts \(the dynamic provider runs in the stack's project directory/,
    )
  })
})
