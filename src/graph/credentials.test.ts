// The @azure/identity class behind each credential kind. That a custom cloud's authority host and
// skipped instance discovery reach the credential is proven over the wire in credentials.integ.test.ts.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  AzureCliCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  WorkloadIdentityCredential,
} from '@azure/identity'
import { cloudEndpoints } from './clouds'
import { createCredential, credentialKinds, type CredentialSettings } from './credentials'

const tenantId = '7f3c2a10-0000-4000-8000-000000000001'
const settings: Record<
  (typeof credentialKinds)[number],
  [CredentialSettings, new (...args: never[]) => unknown]
> = {
  clientSecret: [{ kind: 'clientSecret', clientId: 'app', clientSecret: 's3cret' }, ClientSecretCredential],
  certificate: [
    { kind: 'certificate', clientId: 'app', certificatePath: '/keys/app.pem' },
    ClientCertificateCredential,
  ],
  workloadIdentity: [
    { kind: 'workloadIdentity', clientId: 'app', tokenFilePath: '/var/run/token' },
    WorkloadIdentityCredential,
  ],
  azureCli: [{ kind: 'azureCli' }, AzureCliCredential],
}

describe('createCredential', () => {
  for (const kind of credentialKinds)
    it(`makes a ${kind} credential of the matching @azure/identity class, in every cloud`, () => {
      const [setting, expected] = settings[kind]
      for (const endpoints of [
        cloudEndpoints('global'),
        cloudEndpoints('usgov'),
        cloudEndpoints('china', {
          authorityHost: 'https://127.0.0.1:8443',
          graphRoot: 'https://127.0.0.1:8443',
        }),
      ]) {
        const credential = createCredential(tenantId, endpoints, setting)
        assert.ok(credential instanceof expected, `${kind} in ${endpoints.authorityHost}`)
      }
    })
})
