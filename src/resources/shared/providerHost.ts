// The provider process's side of the provider shim (providerShim.ts): loads a resource kind's
// implementation by file and class name, and configures it as the engine configured the shim. It runs
// as an ordinary module there (loaded with tsx by the shim), so it adds nothing to the shipped text.
import * as path from 'node:path'
import type { Implementation, ShimState } from './providerShim'
import { fromWire, toWire } from './wireShape'

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
  return onTheWire(target)
}

type Result = Record<string, unknown> | undefined

/**
 * The implementation as the engine talks to it: tenant and partner references arrive as strings and are
 * decoded before each call, and every inputs and outputs it answers are encoded (wireShape.ts). An
 * error carrying properties (a create that wrote everything but could not read back) is encoded too.
 */
export function onTheWire(target: Implementation): Implementation {
  const call = (method: keyof Implementation) => target[method]!.bind(target)
  // Answers in wire form, each reference in the form `stored` (the state's) has it (wireShape.ts).
  const encoded = (result: Result, keys: readonly string[], stored?: unknown): Result =>
    result === undefined
      ? result
      : {
          ...result,
          ...Object.fromEntries(keys.filter((k) => k in result).map((k) => [k, toWire(result[k], stored)])),
        }
  const wrapped: Implementation = {}
  if (target.configure) wrapped.configure = call('configure')
  if (target.check)
    wrapped.check = async (olds, news) =>
      encoded((await call('check')(fromWire(olds), fromWire(news))) as Result, ['inputs'], olds)
  if (target.diff) wrapped.diff = (id, olds, news) => call('diff')(id, fromWire(olds), fromWire(news))
  if (target.create)
    wrapped.create = async (inputs) => {
      try {
        return encoded((await call('create')(fromWire(inputs))) as Result, ['outs'])
      } catch (error) {
        if (typeof error === 'object' && error !== null && 'properties' in error)
          error.properties = toWire(error.properties)
        throw error
      }
    }
  if (target.read)
    wrapped.read = async (id, props) =>
      encoded((await call('read')(id, fromWire(props))) as Result, ['props', 'inputs'], props)
  if (target.update)
    wrapped.update = async (id, olds, news) =>
      encoded((await call('update')(id, fromWire(olds), fromWire(news))) as Result, ['outs'], olds)
  if (target.delete) wrapped.delete = (id, props) => call('delete')(id, fromWire(props))
  return wrapped
}
