// LocalDocument: the dynamic resource behind the engine smoke test and, until the topology program
// lands, the demo. It follows the provider rules every Graph resource follows (DESIGN.md §4):
// the client is built in configure() from stack config, never captured; read returns live values as
// outputs and as inputs (empty id when gone) so refresh reports drift; create refuses to overwrite an
// existing object unless told to adopt it; create and update end in a read.
import * as path from 'node:path'
import * as pulumi from '@pulumi/pulumi'
import { DocumentStore, documentNameProblem, type JsonObject, type StoredDocument } from './documentStore'

export interface LocalDocumentInputs {
  /** File name without extension; changing it replaces the document. */
  readonly name: string
  readonly content: JsonObject
  /** Take over a document that already exists instead of failing. @default false */
  readonly adopt?: boolean
}

export interface LocalDocumentOutputs extends LocalDocumentInputs {
  readonly path: string
}

/** Stack config key (in the project's namespace) naming the directory the documents live in. */
export const documentStoreConfigKey = 'documentStore'
const defaultDirectory = '.demo/documents'

export class LocalDocumentProvider implements pulumi.dynamic.ResourceProvider<
  LocalDocumentInputs,
  LocalDocumentOutputs
> {
  private store: DocumentStore | undefined

  // The engine passes the whole stack config here; the client lives on `this`, outside the closure
  // that is serialized into state.
  configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    const directory = req.config.get(documentStoreConfigKey) ?? defaultDirectory
    this.store = new DocumentStore(path.resolve(directory))
    return Promise.resolve()
  }

  private client(): DocumentStore {
    if (this.store === undefined) throw new Error('LocalDocument provider used before configure()')
    return this.store
  }

  check(_olds: LocalDocumentInputs, news: LocalDocumentInputs): Promise<pulumi.dynamic.CheckResult> {
    const failures: pulumi.dynamic.CheckFailure[] = []
    // During preview, values computed from other resources arrive as the unknown sentinel.
    const known = (value: unknown): boolean => value !== pulumi.runtime.unknownValue
    if (known(news.name)) {
      const problem = documentNameProblem(news.name)
      if (problem !== undefined) failures.push({ property: 'name', reason: problem })
    }
    if (known(news.content) && (typeof news.content !== 'object' || news.content === null)) {
      failures.push({
        property: 'content',
        reason: `expected a JSON object, got ${JSON.stringify(news.content)}`,
      })
    }
    return Promise.resolve({ inputs: news, failures })
  }

  async create(inputs: LocalDocumentInputs): Promise<pulumi.dynamic.CreateResult<LocalDocumentOutputs>> {
    const store = this.client()
    const existing = await store.tryGet(inputs.name)
    if (existing !== undefined && inputs.adopt !== true) {
      throw new Error(
        `creating document '${inputs.name}': ${existing.path} already exists. ` +
          'Set adopt: true to take it over, or remove it.',
      )
    }
    await store.put(inputs.name, inputs.content)
    return { id: inputs.name, outs: await this.readBack(inputs) }
  }

  async read(
    id: string,
    props?: LocalDocumentOutputs,
  ): Promise<pulumi.dynamic.ReadResult<LocalDocumentOutputs>> {
    const found = await this.client().tryGet(id)
    if (found === undefined) return {} // gone: the engine records the deletion as drift
    const live = liveState(found, props?.adopt)
    // The SDK types `inputs` as the outputs type; the engine wants input shape (no `path`) here.
    return { id, props: live.outputs, inputs: live.inputs as LocalDocumentOutputs }
  }

  async update(
    _id: string,
    _olds: LocalDocumentOutputs,
    news: LocalDocumentInputs,
  ): Promise<pulumi.dynamic.UpdateResult<LocalDocumentOutputs>> {
    await this.client().put(news.name, news.content)
    return { outs: await this.readBack(news) }
  }

  async delete(id: string): Promise<void> {
    await this.client().remove(id)
  }

  private async readBack(inputs: LocalDocumentInputs): Promise<LocalDocumentOutputs> {
    const found = await this.client().tryGet(inputs.name)
    if (found === undefined)
      throw new Error(`reading document '${inputs.name}' right after writing it: not found`)
    return liveState(found, inputs.adopt).outputs
  }
}

/** Live values in input shape (what refresh compares with the program) and in output shape. */
function liveState(
  found: StoredDocument,
  adopt: boolean | undefined,
): { inputs: LocalDocumentInputs; outputs: LocalDocumentOutputs } {
  const inputs: LocalDocumentInputs = {
    name: found.name,
    content: found.content,
    ...(adopt === undefined ? {} : { adopt }),
  }
  return { inputs, outputs: { ...inputs, path: found.path } }
}

// One provider instance for every document: its serialized text is cached per object identity.
const provider = new LocalDocumentProvider()

export interface LocalDocumentArgs {
  readonly name: pulumi.Input<string>
  readonly content: pulumi.Input<JsonObject>
  readonly adopt?: pulumi.Input<boolean>
}

export class LocalDocument extends pulumi.dynamic.Resource {
  declare public readonly name: pulumi.Output<string>
  declare public readonly content: pulumi.Output<JsonObject>
  declare public readonly path: pulumi.Output<string>

  constructor(name: string, args: LocalDocumentArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      { ...args, path: undefined },
      { ...opts, replaceOnChanges: ['name', ...(opts?.replaceOnChanges ?? [])] },
      'entra-topology',
      'LocalDocument',
    )
  }
}
