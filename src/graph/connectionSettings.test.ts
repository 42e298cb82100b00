// Where the provider finds each tenant's credential: stack config first, then the environment, the
// kind inferred from the keys present (or named by <alias>.auth), and errors that name the config key
// and the environment variable to set. And the custom cloud, which needs both of its URLs.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  ConnectionSettingsError,
  credentialSettings,
  customCloud,
  type ConfigLookup,
} from './connectionSettings'

const config =
  (values: Record<string, string>): ConfigLookup =>
  (key) =>
    values[key]
const none = config({})

describe('credentialSettings', () => {
  it('reads a client secret from stack config', () => {
    const lookup = config({
      'entra-topology:emea.clientId': 'app-1',
      'entra-topology:emea.clientSecret': 's3cret',
    })
    assert.deepEqual(credentialSettings('emea', lookup, {}), {
      kind: 'clientSecret',
      clientId: 'app-1',
      clientSecret: 's3cret',
    })
  })

  it('reads every kind from the environment, aliases with dashes in upper snake case', () => {
    assert.deepEqual(
      credentialSettings('us-east', none, {
        ENTRA_TOPOLOGY_US_EAST_CLIENT_ID: 'app-2',
        ENTRA_TOPOLOGY_US_EAST_CLIENT_SECRET: 'env-secret',
      }),
      { kind: 'clientSecret', clientId: 'app-2', clientSecret: 'env-secret' },
    )
    assert.deepEqual(
      credentialSettings('emea', none, {
        ENTRA_TOPOLOGY_EMEA_CLIENT_ID: 'app-3',
        ENTRA_TOPOLOGY_EMEA_CERTIFICATE_PATH: '/keys/emea.pem',
      }),
      { kind: 'certificate', clientId: 'app-3', certificatePath: '/keys/emea.pem' },
    )
    assert.deepEqual(
      credentialSettings('emea', none, {
        ENTRA_TOPOLOGY_EMEA_CLIENT_ID: 'app-4',
        ENTRA_TOPOLOGY_EMEA_FEDERATED_TOKEN_FILE: '/var/run/emea-token',
      }),
      { kind: 'workloadIdentity', clientId: 'app-4', tokenFilePath: '/var/run/emea-token' },
    )
    assert.deepEqual(credentialSettings('emea', none, { ENTRA_TOPOLOGY_EMEA_AUTH: 'azureCli' }), {
      kind: 'azureCli',
    })
  })

  it('reads certificate, workload identity and Azure CLI settings from stack config', () => {
    const base = { 'entra-topology:apac.clientId': 'app-5' }
    assert.deepEqual(
      credentialSettings('apac', config({ ...base, 'entra-topology:apac.certificatePath': '/k.pem' }), {}),
      { kind: 'certificate', clientId: 'app-5', certificatePath: '/k.pem' },
    )
    assert.deepEqual(
      credentialSettings('apac', config({ ...base, 'entra-topology:apac.federatedTokenFile': '/t' }), {}),
      { kind: 'workloadIdentity', clientId: 'app-5', tokenFilePath: '/t' },
    )
    assert.deepEqual(credentialSettings('apac', config({ 'entra-topology:apac.auth': 'azureCli' }), {}), {
      kind: 'azureCli',
    })
  })

  it('prefers stack config to the environment, and treats an empty value as unset', () => {
    const env = { ENTRA_TOPOLOGY_EMEA_CLIENT_ID: 'from-env', ENTRA_TOPOLOGY_EMEA_CLIENT_SECRET: 'env-secret' }
    const lookup = config({
      'entra-topology:emea.clientId': 'from-config',
      'entra-topology:emea.clientSecret': '',
    })
    assert.deepEqual(credentialSettings('emea', lookup, env), {
      kind: 'clientSecret',
      clientId: 'from-config',
      clientSecret: 'env-secret',
    })
  })

  it('uses a CI runner’s AZURE_FEDERATED_TOKEN_FILE for a tenant with only a client id', () => {
    const env = { AZURE_FEDERATED_TOKEN_FILE: '/var/run/ci-token' }
    assert.deepEqual(credentialSettings('emea', config({ 'entra-topology:emea.clientId': 'app-6' }), env), {
      kind: 'workloadIdentity',
      clientId: 'app-6',
      tokenFilePath: '/var/run/ci-token',
    })
  })

  it('names the config key, the --secret flag and the environment variable of a missing secret', () => {
    const lookup = config({
      'entra-topology:emea.auth': 'clientSecret',
      'entra-topology:emea.clientId': 'app',
    })
    assert.throws(
      () => credentialSettings('emea', lookup, {}),
      (e: Error) =>
        e instanceof ConnectionSettingsError &&
        e.message ===
          "tenant 'emea': no clientSecret for clientSecret authentication; set it with `pulumi config set --secret entra-topology:emea.clientSecret <value>` or the environment variable ENTRA_TOPOLOGY_EMEA_CLIENT_SECRET",
    )
  })

  it('names the missing client id of a certificate (not a secret: no --secret)', () => {
    assert.throws(
      () => credentialSettings('emea', config({ 'entra-topology:emea.certificatePath': '/k.pem' }), {}),
      /no clientId for certificate authentication; set it with `pulumi config set entra-topology:emea\.clientId <value>` or the environment variable ENTRA_TOPOLOGY_EMEA_CLIENT_ID$/,
    )
  })

  it('says what to set when a tenant has no credentials at all', () => {
    assert.throws(
      () => credentialSettings('emea', none, {}),
      /^ConnectionSettingsError: tenant 'emea': no credentials\. Set entra-topology:emea\.clientId and one of clientSecret \(secret\), certificatePath or federatedTokenFile .*ENTRA_TOPOLOGY_EMEA_CLIENT_ID.*entra-topology:emea\.auth azureCli$/,
    )
  })

  it('refuses an unknown auth kind, listing the allowed ones', () => {
    assert.throws(
      () => credentialSettings('emea', config({ 'entra-topology:emea.auth': 'password' }), {}),
      /entra-topology:emea\.auth is 'password'; allowed: clientSecret, certificate, workloadIdentity, azureCli/,
    )
  })
})

describe('customCloud', () => {
  const url = 'https://127.0.0.1:8443'

  it('is undefined without settings: every tenant uses its real cloud', () => {
    assert.equal(customCloud(none, {}), undefined)
  })

  it('reads both URLs from stack config or from the environment', () => {
    const both = { 'entra-topology:authorityHost': url, 'entra-topology:graphRoot': `${url}/graph` }
    assert.deepEqual(customCloud(config(both), {}), { authorityHost: url, graphRoot: `${url}/graph` })
    const env = { ENTRA_TOPOLOGY_AUTHORITY_HOST: url, ENTRA_TOPOLOGY_GRAPH_ROOT: url }
    assert.deepEqual(customCloud(none, env), { authorityHost: url, graphRoot: url })
  })

  it('refuses one URL without the other, naming both keys', () => {
    for (const [lookup, env] of [
      [config({ 'entra-topology:authorityHost': url }), {}],
      [none, { ENTRA_TOPOLOGY_GRAPH_ROOT: url }],
    ] as const)
      assert.throws(
        () => customCloud(lookup, env),
        (e: Error) =>
          e instanceof ConnectionSettingsError &&
          /needs both entra-topology:authorityHost and entra-topology:graphRoot/.test(e.message),
      )
  })
})
