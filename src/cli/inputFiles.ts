// Reading the files a report command is given, with errors that say which file and how to make it.
// An InputError stops the command with exit 1 and its message (planCommand.ts, driftCommand.ts).
import * as fs from 'node:fs'

export class InputError extends Error {}

export function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch (error) {
    throw new InputError(`cannot read ${what} ${file}: ${(error as Error).message}`)
  }
}

/** A preview's JSON digest; `command` is how to write one (`pulumi preview --json`). */
export function readPreviewJson(file: string, command: string): unknown {
  const text = readText(file, 'the preview')
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new InputError(
      `${file} is not JSON (${(error as Error).message}); write it with \`${command} > ${file}\``,
    )
  }
}
