// How the provider learns, inside the provider process and at call time, which credential to use for
// each tenant: stack config (secrets decrypted by the engine and handed to configure()) first, then the
// environment. Nothing here is captured in a provider's closure, so no secret reaches the state.
//
// Stack config keys (namespace entra-topology), per tenant alias:
//   <alias>.auth                    clientSecret | certificate | workloadIdentity | azureCli (optional:
//                                   inferred from the other keys)
//   <alias>.clientId                the app registration's application (client) id
//   <alias>.clientSecret            (secret) for clientSecret
//   <alias>.certificatePath         PEM with key and certificate, for certificate
//   <alias>.federatedTokenFile      for workloadIdentity (default: AZURE_FEDERATED_TOKEN_FILE)
// and, for every tenant, authorityHost + graphRoot to use a custom cloud (the emulator).
// Environment: ENTRA_TOPOLOGY_<ALIAS>_<KEY> with the key in upper snake case (ENTRA_TOPOLOGY_EMEA_CLIENT_SECRET).
import { credentialKinds, type CredentialSettings } from './credentials'

export type ConfigLookup = (key: string) => string | undefined

export class ConnectionSettingsError extends Error {
  override readonly name = 'ConnectionSettingsError'
  constructor(message: string) {
    super(message)
    // Pulumi ships this class to the provider as a function calling Error.call(this, ...), which sets no
    // message: set it here too (closureSafety.test.ts).
    this.message = message
  }
}

const envName = (alias: string, key: string): string =>
  `ENTRA_TOPOLOGY_${alias.replace(/-/g, '_')}_${key.replace(/[A-Z]/g, (c) => `_${c}`)}`.toUpperCase()

/** A per-tenant setting from stack config, else the environment. */
function lookup(
  config: ConfigLookup,
  env: NodeJS.ProcessEnv,
  alias: string,
  key: string,
): string | undefined {
  const fromConfig = config(`entra-topology:${alias}.${key}`)
  if (fromConfig !== undefined && fromConfig !== '') return fromConfig
  const fromEnv = env[envName(alias, key)]
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv
}

export function credentialSettings(
  alias: string,
  config: ConfigLookup,
  env: NodeJS.ProcessEnv = process.env,
): CredentialSettings {
  const get = (key: string): string | undefined => lookup(config, env, alias, key)
  const clientId = get('clientId')
  const secret = get('clientSecret')
  const certificate = get('certificatePath')
  const tokenFile = get('federatedTokenFile') ?? env.AZURE_FEDERATED_TOKEN_FILE
  const explicit = get('auth')
  if (explicit !== undefined && !(credentialKinds as readonly string[]).includes(explicit))
    throw new ConnectionSettingsError(
      `tenant '${alias}': entra-topology:${alias}.auth is '${explicit}'; allowed: ${credentialKinds.join(', ')}`,
    )
  const kind =
    explicit ??
    (secret !== undefined
      ? 'clientSecret'
      : certificate !== undefined
        ? 'certificate'
        : tokenFile !== undefined && clientId !== undefined
          ? 'workloadIdentity'
          : undefined)
  const need = (value: string | undefined, key: string, secretKey = false): string => {
    if (value !== undefined) return value
    throw new ConnectionSettingsError(
      `tenant '${alias}': no ${key} for ${kind} authentication; set it with \`pulumi config set${secretKey ? ' --secret' : ''} entra-topology:${alias}.${key} <value>\` or the environment variable ${envName(alias, key)}`,
    )
  }
  switch (kind) {
    case 'clientSecret':
      return { kind, clientId: need(clientId, 'clientId'), clientSecret: need(secret, 'clientSecret', true) }
    case 'certificate':
      return {
        kind,
        clientId: need(clientId, 'clientId'),
        certificatePath: need(certificate, 'certificatePath'),
      }
    case 'workloadIdentity':
      return {
        kind,
        clientId: need(clientId, 'clientId'),
        tokenFilePath: need(tokenFile, 'federatedTokenFile'),
      }
    case 'azureCli':
      return { kind }
    default:
      throw new ConnectionSettingsError(
        `tenant '${alias}': no credentials. Set entra-topology:${alias}.clientId and one of clientSecret (secret), certificatePath or federatedTokenFile in stack config (or ${envName(alias, 'clientId')} etc. in the environment), or entra-topology:${alias}.auth azureCli`,
      )
  }
}

/** A custom cloud for every tenant (both keys), or undefined for the tenants' real clouds. */
export function customCloud(
  config: ConfigLookup,
  env: NodeJS.ProcessEnv = process.env,
): { authorityHost: string; graphRoot: string } | undefined {
  const authorityHost = config('entra-topology:authorityHost') ?? env.ENTRA_TOPOLOGY_AUTHORITY_HOST
  const graphRoot = config('entra-topology:graphRoot') ?? env.ENTRA_TOPOLOGY_GRAPH_ROOT
  if (authorityHost === undefined && graphRoot === undefined) return undefined
  if (authorityHost === undefined || graphRoot === undefined)
    throw new ConnectionSettingsError(
      'a custom cloud needs both entra-topology:authorityHost and entra-topology:graphRoot (for the emulator: its URL, twice)',
    )
  return { authorityHost, graphRoot }
}
