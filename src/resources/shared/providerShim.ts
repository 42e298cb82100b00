// The dynamic provider each resource hands to Pulumi: a shim that names its implementation instead of
// carrying it. Pulumi serializes a dynamic provider's closure into every resource's inputs and outputs,
// inlining each local module the closure reaches (pulumi.md §1.2); for a Graph provider that was the
// resource file, src/resources/shared and src/graph, 40-75 KB per resource, written twice per resource
// into the state and sent through every engine call and the CLI's log: a refresh of 190 resources took
// four times as long as one of as many no-op resources (bench/README.md, "refresh"). The shim
// serializes to about 1 KB: the implementation's file (relative to the project directory, where the
// engine starts the dynamic provider process) and its class name. The provider process loads that file
// with tsx on the first call, passes it the configuration, and forwards every call.
//
// Consequences, on purpose: a stack's resources always run the project's current provider code (state
// written before a change is read and deleted by the code after it, so outputs must stay readable
// across versions: new outputs are read with a default), and the project directory must hold the code
// (`npm ci` done), which is true wherever `pulumi` runs the program.
import * as path from 'node:path'
import type * as pulumi from '@pulumi/pulumi'

const lifecycle = ['check', 'diff', 'create', 'read', 'update', 'delete'] as const
type Lifecycle = (typeof lifecycle)[number]

type Implementation = Partial<Record<Lifecycle | 'configure', (...args: unknown[]) => Promise<unknown>>>

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
  const shim: { file: string; exportName: string; config?: unknown; loaded?: Promise<Implementation> } = {
    file: relativeFile,
    exportName,
  }
  const call = async (method: Lifecycle, args: unknown[]): Promise<unknown> =>
    (await (shim.loaded ??= loadImplementation(shim)))[method]!(...args)
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

/** In the provider process: the implementation, configured as the engine configured the shim. */
async function loadImplementation(shim: {
  file: string
  exportName: string
  config?: unknown
}): Promise<Implementation> {
  /* eslint-disable @typescript-eslint/no-require-imports -- runs in Pulumi's provider process, which has
     no module loader for TypeScript: tsx registers one, then the file is required by its path */
  require('tsx/cjs')
  const absolute = (require('node:path') as typeof path).resolve(shim.file)
  let loaded: Record<string, new () => Implementation>
  try {
    loaded = require(absolute) as Record<string, new () => Implementation>
  } catch (error) {
    const why = `the dynamic provider runs in the stack's project directory, ${process.cwd()}; run npm ci there`
    throw new Error(
      `entra-topology: cannot load ${shim.exportName} from ${absolute} (${why}): ${String(error)}`,
      { cause: error },
    )
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  const Implementation = loaded[shim.exportName]
  if (typeof Implementation !== 'function')
    throw new Error(`entra-topology: ${absolute} does not export the provider ${shim.exportName}`)
  const target = new Implementation()
  if (typeof target.configure === 'function' && shim.config !== undefined) await target.configure(shim.config)
  return target
}
