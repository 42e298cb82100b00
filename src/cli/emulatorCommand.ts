// `entra-topology emulator`: starts the Graph emulator and prints how to point clients at it.
import * as path from 'node:path'
import { startEmulator, type RunningEmulator } from '../emulator/server'
import { UsageError, type ParsedArgs } from './args'
import { SeedError } from '../emulator/seed'
import { seedEmulator } from './seedEmulator'

export const emulatorUsage = `Usage: entra-topology emulator [--port N] [--data-dir DIR | --in-memory] [--seed FILE]

Starts the local Microsoft Graph emulator on https://127.0.0.1:<port> (token endpoint, Graph /v1.0 and
/beta, admin API /_emulator) and keeps running until interrupted.

  --port N        port to listen on (default 8443; 0 picks a free one)
  --data-dir DIR  keep state in DIR (SQLite database and TLS certificates; default .emulator)
  --in-memory     keep state in memory only (TLS certificates still go to --data-dir)
  --seed FILE     create what a topology file needs to exist: its tenants, the users it names as group
                  members, and a client app per tenant (credentials in <data-dir>/seed-credentials.json)`

export interface EmulatorCommandOptions {
  readonly port: number
  readonly dataDir: string
  readonly inMemory: boolean
  readonly seedFile: string | undefined
}

export function parseEmulatorArgs(args: ParsedArgs): EmulatorCommandOptions {
  const portText = args.value('port') ?? '8443'
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port is '${portText}'; expected a whole number from 0 to 65535`)
  }
  const seed = args.value('seed')
  const options: EmulatorCommandOptions = {
    port,
    dataDir: path.resolve(args.value('data-dir') ?? '.emulator'),
    inMemory: args.flag('in-memory'),
    seedFile: seed === undefined ? undefined : path.resolve(seed),
  }
  args.rejectUnknown()
  return options
}

export function describeEmulator(emulator: RunningEmulator, options: EmulatorCommandOptions): string {
  return [
    `Graph emulator listening on ${emulator.url} (${options.inMemory ? 'state in memory' : `state in ${options.dataDir}`})`,
    '',
    'Point clients at it:',
    `  export NODE_EXTRA_CA_CERTS=${emulator.caFile}`,
    `  authority host: ${emulator.url}   (ClientSecretCredential: { authorityHost, disableInstanceDiscovery: true })`,
    `  Graph:          ${emulator.url}/v1.0 and ${emulator.url}/beta`,
    '',
    'Create a tenant and a client app (dev credentials) through the admin API:',
    `  curl --cacert ${emulator.caFile} -X POST ${emulator.url}/_emulator/tenants -d '{"displayName":"Contoso"}'`,
    `  curl --cacert ${emulator.caFile} -X POST ${emulator.url}/_emulator/tenants/<tenantId>/apps \\`,
    `       -d '{"displayName":"topology","roles":["Policy.ReadWrite.CrossTenantAccess"]}'`,
    '',
    'Press Ctrl+C to stop.',
  ].join('\n')
}

export async function runEmulatorCommand(args: ParsedArgs): Promise<number> {
  if (args.flag('help')) {
    process.stdout.write(`${emulatorUsage}\n`)
    return 0
  }
  const options = parseEmulatorArgs(args)
  const emulator = await startEmulator({
    port: options.port,
    tlsDir: path.join(options.dataDir, 'tls'),
    ...(options.inMemory ? {} : { dataDir: options.dataDir }),
  })
  if (options.seedFile !== undefined) {
    try {
      process.stdout.write(`${await seedEmulator(emulator, options.seedFile, options.dataDir)}\n`)
    } catch (error) {
      await emulator.close()
      if (error instanceof SeedError) throw new UsageError(error.message)
      throw error
    }
  }
  process.stdout.write(`${describeEmulator(emulator, options)}\n`)
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await emulator.close()
  return 0
}
