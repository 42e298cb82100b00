// The entra-topology command line: one subcommand per job (DESIGN.md §8).
import { ParsedArgs, UsageError } from './args'
import { emulatorUsage, runEmulatorCommand } from './emulatorCommand'
import { driftUsage, runDriftCommand } from './driftCommand'
import { planUsage, runPlanCommand } from './planCommand'
import { processOutput, runValidateCommand, validateUsage, type CommandOutput } from './validateCommand'

const usage = `Usage: entra-topology <command> [options]

Commands:
  validate   check a topology file: every problem with file:line:column (exit 0 valid, 1 invalid)
  plan       report what a topology change does, for a pull request (Markdown or JSON)
  drift      report what changed by hand, from a refresh preview (exit 3 when there is drift)
  emulator   start the local Microsoft Graph emulator

Run 'entra-topology <command> --help' for a command's options.`

const commandUsage = new Map([
  ['emulator', emulatorUsage],
  ['validate', validateUsage],
  ['plan', planUsage],
  ['drift', driftUsage],
])

export async function main(argv: readonly string[], output: CommandOutput = processOutput): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'validate':
        return runValidateCommand(new ParsedArgs(rest, ['help']), output)
      case 'plan':
        return await runPlanCommand(new ParsedArgs(rest, ['help', 'live']), output)
      case 'drift':
        return await runDriftCommand(new ParsedArgs(rest, ['help', 'no-audit']), output)
      case 'emulator':
        return await runEmulatorCommand(new ParsedArgs(rest, ['in-memory', 'help']))
      case undefined:
      case '--help':
      case 'help':
        output.stdout(`${usage}\n`)
        return command === undefined ? 2 : 0
      default:
        throw new UsageError(`unknown command '${command}'`)
    }
  } catch (error) {
    if (error instanceof UsageError) {
      output.stderr(`entra-topology: ${error.message}\n\n${commandUsage.get(command ?? '') ?? usage}\n`)
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
