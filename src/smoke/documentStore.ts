// A tiny client for a directory of JSON documents: the "remote system" the engine smoke test manages.
// It stands in for a Graph client in shape (built in configure(), injected, no module singletons),
// so the smoke test exercises the same provider contract the Graph resources follow.
import * as fs from 'node:fs'
import * as path from 'node:path'

export type JsonObject = { [key: string]: unknown }

export interface StoredDocument {
  readonly name: string
  readonly content: JsonObject
  readonly path: string
}

const documentNamePattern = /^[a-z0-9][a-z0-9-]{0,62}$/

/** Why a document name is not acceptable, or undefined when it is. */
export function documentNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return `expected a string, got ${typeof name}`
  if (!documentNamePattern.test(name)) {
    return `'${name}' is not allowed: use 1-63 lowercase letters, digits and dashes, starting with a letter or digit`
  }
  return undefined
}

export class DocumentStore {
  constructor(readonly directory: string) {}

  pathOf(name: string): string {
    return path.join(this.directory, `${name}.json`)
  }

  /** The stored document, or undefined when it does not exist. */
  async tryGet(name: string): Promise<StoredDocument | undefined> {
    const file = this.pathOf(name)
    let text: string
    try {
      text = await fs.promises.readFile(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw new Error(`reading document ${file}: ${(error as Error).message}`, { cause: error })
    }
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error(`reading document ${file}: expected a JSON object, found ${text.slice(0, 80)}`)
    }
    return { name, content: parsed as JsonObject, path: file }
  }

  /** Writes atomically (temp file, then rename) so a crash never leaves half a document. */
  async put(name: string, content: JsonObject): Promise<void> {
    const file = this.pathOf(name)
    await fs.promises.mkdir(this.directory, { recursive: true })
    const temp = `${file}.${process.pid}.tmp`
    await fs.promises.writeFile(temp, `${JSON.stringify(content, null, 2)}\n`, 'utf8')
    await fs.promises.rename(temp, file)
  }

  /** Removes the document; a document that is already gone is not an error. */
  async remove(name: string): Promise<void> {
    await fs.promises.rm(this.pathOf(name), { force: true })
  }
}
