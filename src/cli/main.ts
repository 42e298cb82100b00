// The entra-topology command line: one subcommand per job (DESIGN.md §8).
import { ParsedArgs, UsageError } from './args'
import { emulatorUsage, runEmulatorCommand } from './emulatorCommand'

const usage = `Usage: entra-topology <command> [options]

Commands:
  emulator   start the local Microsoft Graph emulator

Run 'entra-topology <command> --help' for a command's options.`

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'emulator':
        return await runEmulatorCommand(new ParsedArgs(rest, ['in-memory', 'help']))
      case undefined:
      case '--help':
      case 'help':
        process.stdout.write(`${usage}\n`)
        return command === undefined ? 2 : 0
      default:
        throw new UsageError(`unknown command '${command}'`)
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(
        `entra-topology: ${error.message}\n\n${command === 'emulator' ? emulatorUsage : usage}\n`,
      )
      return 2
    }
    throw error
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`entra-topology: ${(error as Error).stack ?? String(error)}\n`)
      process.exit(1)
    },
  )
}
