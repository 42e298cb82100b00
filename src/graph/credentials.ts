// A tenant's credential through @azure/identity: client secret, certificate, workload identity
// federation (a CI system's OIDC token in a file) or the Azure CLI's login. The same classes reach the
// emulator: a custom cloud only changes the authority host and skips instance discovery.
import {
  AzureCliCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  WorkloadIdentityCredential,
  type TokenCredential,
} from '@azure/identity'
import type { CloudEndpoints } from './clouds'

export type CredentialSettings =
  | { readonly kind: 'clientSecret'; readonly clientId: string; readonly clientSecret: string }
  | {
      readonly kind: 'certificate'
      readonly clientId: string
      /** A PEM file holding the private key and the certificate. */
      readonly certificatePath: string
      readonly certificatePassword?: string
    }
  | {
      readonly kind: 'workloadIdentity'
      readonly clientId: string
      /** The federated token the CI system writes (GitHub Actions: from its OIDC token). */
      readonly tokenFilePath: string
    }
  | { readonly kind: 'azureCli' }

export const credentialKinds = ['clientSecret', 'certificate', 'workloadIdentity', 'azureCli'] as const

export function createCredential(
  tenantId: string,
  endpoints: CloudEndpoints,
  settings: CredentialSettings,
): TokenCredential {
  const options = {
    authorityHost: endpoints.authorityHost,
    ...(endpoints.custom ? { disableInstanceDiscovery: true } : {}),
  }
  switch (settings.kind) {
    case 'clientSecret':
      return new ClientSecretCredential(tenantId, settings.clientId, settings.clientSecret, options)
    case 'certificate':
      return new ClientCertificateCredential(
        tenantId,
        settings.clientId,
        {
          certificatePath: settings.certificatePath,
          ...(settings.certificatePassword === undefined
            ? {}
            : { certificatePassword: settings.certificatePassword }),
        },
        options,
      )
    case 'workloadIdentity':
      return new WorkloadIdentityCredential({
        ...options,
        tenantId,
        clientId: settings.clientId,
        tokenFilePath: settings.tokenFilePath,
      })
    case 'azureCli':
      return new AzureCliCredential({ tenantId })
  }
}
