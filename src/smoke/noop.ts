// NoopResource: a dynamic resource that manages nothing. It exists as the baseline of the refresh
// benchmark (bench/topologyRefresh.ts): a stack with as many of these as a topology stack manages costs
// what the engine itself costs per resource (CLI, language host, dynamic-provider process, state), so
// the topology's `preview --refresh` can be compared with it. Its read returns the stored props
// unchanged and does no I/O; create stores the inputs as they are. It is declared only when the stack
// sets `noopCount` (src/program.ts), never by a topology.
//
// `noopProviderPadding` (characters) makes the provider object carry that much JavaScript text, so its
// serialized form (`__provider`, stored twice in every resource's state and sent with every engine
// call) is as long as a Graph provider's: the benchmark uses it to tell the cost of the provider text's
// size apart from the cost of the Graph reads.
import * as fs from 'node:fs'
import * as pulumi from '@pulumi/pulumi'

export interface NoopInputs {
  /** Position in the stack, so every resource has its own, stable state. */
  readonly index: number
}

export type NoopOutputs = NoopInputs

/** Stack config key (in the project's namespace): how many no-op resources the smoke program declares. */
export const noopCountConfigKey = 'noopCount'
/** Stack config key: characters of padding the no-op provider carries (default 0). */
export const noopPaddingConfigKey = 'noopProviderPadding'

export class NoopProvider implements pulumi.dynamic.ResourceProvider<NoopInputs, NoopOutputs> {
  // A field, so closure serialization ships it with the object (and nothing ever reads it).
  constructor(readonly padding: string = '') {}

  create(inputs: NoopInputs): Promise<pulumi.dynamic.CreateResult<NoopOutputs>> {
    return Promise.resolve({ id: `noop-${inputs.index}`, outs: { index: inputs.index } })
  }

  // What the benchmark measures against: the engine's round trip for one read, with nothing behind it.
  read(id: string, props?: NoopOutputs): Promise<pulumi.dynamic.ReadResult<NoopOutputs>> {
    if (props === undefined)
      return Promise.reject(new Error(`reading ${id}: a no-op resource is not importable`))
    return Promise.resolve({ id, props, inputs: props })
  }

  update(
    _id: string,
    _olds: NoopOutputs,
    news: NoopInputs,
  ): Promise<pulumi.dynamic.UpdateResult<NoopOutputs>> {
    return Promise.resolve({ outs: { index: news.index } })
  }

  delete(): Promise<void> {
    return Promise.resolve()
  }
}

export class NoopResource extends pulumi.dynamic.Resource {
  declare public readonly index: pulumi.Output<number>

  constructor(
    name: string,
    args: { index: pulumi.Input<number> },
    provider: NoopProvider,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(provider, name, args, opts, 'entra-topology', 'Noop')
  }
}

/**
 * JavaScript text of `length` characters (the closure serializer's own source, repeated), so the
 * padding compresses like serialized provider code does (the engine gzips what it logs).
 */
export function paddingText(length: number): string {
  if (length === 0) return ''
  const source = fs.readFileSync(require.resolve('@pulumi/pulumi/runtime/closure/createClosure.js'), 'utf8')
  return source.repeat(Math.ceil(length / source.length)).slice(0, length)
}

/** `count` no-op resources, named noop-0000, noop-0001, ..., sharing one provider (custom resources only). */
export function declareNoops(count: number, padding = 0): NoopResource[] {
  const whole = (key: string, value: number): void => {
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`config ${key} is ${value}; set a whole number, 0 or more`)
  }
  whole(noopCountConfigKey, count)
  whole(noopPaddingConfigKey, padding)
  // One provider object for all: its serialized text is made once per object.
  const provider = new NoopProvider(paddingText(padding))
  return Array.from(
    { length: count },
    (_, i) => new NoopResource(`noop-${String(i).padStart(4, '0')}`, { index: i }, provider),
  )
}
