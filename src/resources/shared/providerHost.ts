// The provider process's side of the provider shim (providerShim.ts): loads a resource kind's
// implementation by file and class name, and configures it as the engine configured the shim. It runs
// as an ordinary module there (loaded with tsx by the shim), so it adds nothing to the shipped text.
import * as path from 'node:path'
import type { Implementation, ShimState } from './providerShim'

/** The implementation, configured as the engine configured the shim. */
export async function loadImplementation(shim: ShimState): Promise<Implementation> {
  const absolute = path.resolve(shim.file)
  let loaded: Record<string, new () => Implementation>
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file named at run time
    loaded = require(absolute) as Record<string, new () => Implementation>
  } catch (error) {
    const why = `the dynamic provider runs in the stack's project directory, ${process.cwd()}; run npm ci there`
    throw new Error(
      `entra-topology: cannot load ${shim.exportName} from ${absolute} (${why}): ${String(error)}`,
      { cause: error },
    )
  }
  const Implementation = loaded[shim.exportName]
  if (typeof Implementation !== 'function')
    throw new Error(`entra-topology: ${absolute} does not export the provider ${shim.exportName}`)
  const target = new Implementation()
  if (typeof target.configure === 'function' && shim.config !== undefined) await target.configure(shim.config)
  return target
}
