// Where each cloud's identity platform and Graph live (graph-api.md §7.9). A tenant's cloud picks its
// endpoints; `custom` names both URLs (the emulator, or a private test rig). Tokens are not
// interchangeable between clouds, so the token scope follows the Graph root.

export type CloudName = 'global' | 'usgov' | 'usgovdod' | 'china'

export interface CloudEndpoints {
  /** Token authority host, without the tenant: https://login.microsoftonline.com */
  readonly authorityHost: string
  /** Graph root, without the version: https://graph.microsoft.com */
  readonly graphRoot: string
  /** The scope app-only tokens are requested for. */
  readonly scope: string
  /** A custom cloud skips Entra's instance discovery (its authority is not a known Microsoft host). */
  readonly custom: boolean
}

const known: Readonly<Record<CloudName, { authorityHost: string; graphRoot: string }>> = {
  global: { authorityHost: 'https://login.microsoftonline.com', graphRoot: 'https://graph.microsoft.com' },
  usgov: { authorityHost: 'https://login.microsoftonline.us', graphRoot: 'https://graph.microsoft.us' },
  usgovdod: {
    authorityHost: 'https://login.microsoftonline.us',
    graphRoot: 'https://dod-graph.microsoft.us',
  },
  china: {
    authorityHost: 'https://login.chinacloudapi.cn',
    graphRoot: 'https://microsoftgraph.chinacloudapi.cn',
  },
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '')

/**
 * The endpoints of a cloud, or of a custom deployment given by its two URLs. A custom Graph root
 * still asks for the real cloud's scope (the emulator, like Graph, checks the audience per cloud).
 */
export function cloudEndpoints(
  cloud: CloudName,
  custom?: { readonly authorityHost: string; readonly graphRoot: string },
): CloudEndpoints {
  const real = known[cloud]
  const scope = `${real.graphRoot}/.default`
  if (custom === undefined) return { ...real, scope, custom: false }
  for (const [name, url] of Object.entries(custom))
    if (!/^https:\/\//.test(url))
      throw new Error(
        `the custom cloud's ${name} must be an https URL (the identity libraries refuse http), got '${url}'`,
      )
  return {
    authorityHost: trimSlash(custom.authorityHost),
    graphRoot: trimSlash(custom.graphRoot),
    scope,
    custom: true,
  }
}

/**
 * The host name the Graph client may send a token to (the SDK only trusts Microsoft's by default). The
 * SDK compares host names without the port, so a port (the emulator's) must not be part of it.
 */
export const graphHost = (endpoints: CloudEndpoints): string => new URL(endpoints.graphRoot).hostname
