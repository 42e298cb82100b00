// The dynamic provider each resource hands to Pulumi: a shim that names its implementation instead of
// carrying it. Pulumi serializes a dynamic provider's closure into every resource's inputs and outputs,
// inlining each local module the closure reaches (pulumi.md §1.2); for a Graph provider that was the
// resource file, src/resources/shared and src/graph, 40-75 KB per resource, written twice per resource
// into the state and sent through every engine call and the CLI's log: a refresh of 190 resources took
// four times as long as one of as many no-op resources (bench/README.md, "refresh"). The shim
// serializes to about 2 KB: the implementation's file (relative to the project directory, where the
// engine starts the dynamic provider process) and its class name. On the first call the provider
// process loads providerHost.ts with tsx, which loads and configures the implementation; every call is
// then forwarded. Each serialized function costs its own wrapper in the shipped text, so the methods
// share one forwarding function and the loading lives in the host module.
//
// Consequences, on purpose: a stack's resources always run the project's current provider code (state
// written before a change is read and deleted by the code after it, so outputs must stay readable
// across versions: new outputs are read with a default), and the project directory must hold the code
// (`npm ci` done), which is true wherever `pulumi` runs the program.
import * as path from 'node:path'
import type * as pulumi from '@pulumi/pulumi'
import type * as HostModule from './providerHost'

/** What the shipped methods share: where the implementation is, and, in the provider process, it. */
export interface ShimState {
  /** The implementation's file and the host module's, relative to the project directory. */
  readonly file: string
  readonly host: string
  readonly exportName: string
  config?: unknown
  loaded?: Promise<Implementation>
}

const lifecycle = ['check', 'diff', 'create', 'read', 'update', 'delete'] as const
type Lifecycle = (typeof lifecycle)[number]

export type Implementation = Partial<
  Record<Lifecycle | 'configure', (...args: unknown[]) => Promise<unknown>>
>

/**
 * A provider that forwards to `new implementation()` loaded from `file` in the provider process. It
 * has exactly the lifecycle methods the class has (Pulumi changes behaviour on whether `diff` exists).
 */
export function providerShim(
  file: string,
  implementation: abstract new () => object,
): pulumi.dynamic.ResourceProvider {
  const relativeFile = path.relative(process.cwd(), file).split(path.sep).join('/')
  const exportName = implementation.name
  const prototype = implementation.prototype as Record<string, unknown>
  // What the serialized methods capture: only strings and this small state, and `call` (one function,
  // serialized once), so the shipped text stays about as small as a provider can be.
  const shim: ShimState = {
    file: relativeFile,
    exportName,
    host: path.relative(process.cwd(), path.join(__dirname, 'providerHost.ts')).split(path.sep).join('/'),
  }
  // In the provider process: tsx lets it require TypeScript, then providerHost.ts does the rest.
  const call = async (method: Lifecycle, args: unknown[]): Promise<unknown> => {
    /* eslint-disable @typescript-eslint/no-require-imports -- Pulumi's provider process has no loader
       for TypeScript: tsx registers one, then the host module is required by its path */
    if (shim.loaded === undefined) {
      require('tsx/cjs')
      const host = require((require('node:path') as typeof path).resolve(shim.host)) as typeof HostModule
      shim.loaded = host.loadImplementation(shim)
    }
    /* eslint-enable @typescript-eslint/no-require-imports */
    return (await shim.loaded)[method]!(...args)
  }
  const provider: Record<string, unknown> = {
    configure: (req: unknown) => void (shim.config = req),
  }
  const methods: Record<Lifecycle, (...a: unknown[]) => Promise<unknown>> = {
    check: (...a) => call('check', a),
    diff: (...a) => call('diff', a),
    create: (...a) => call('create', a),
    read: (...a) => call('read', a),
    update: (...a) => call('update', a),
    delete: (...a) => call('delete', a),
  }
  for (const method of lifecycle)
    if (typeof prototype[method] === 'function') provider[method] = methods[method]
  return provider as unknown as pulumi.dynamic.ResourceProvider
}
