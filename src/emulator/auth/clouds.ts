// Per-cloud names the emulator mirrors (graph-api.md §7.9): the Graph resource a token is for, and the
// login host value `allowedCloudEndpoints` uses. The emulator serves every cloud on one port; a
// tenant's cloud decides which Graph audience its tokens carry.
import type { Cloud } from '../store/store'

export const graphResourceByCloud: Record<Cloud, string> = {
  global: 'https://graph.microsoft.com',
  usgov: 'https://graph.microsoft.us',
  usgovdod: 'https://dod-graph.microsoft.us',
  china: 'https://microsoftgraph.chinacloudapi.cn',
}

/** Graph's own application id, accepted as an audience and as a `/.default` scope prefix. */
export const graphAppId = '00000003-0000-0000-c000-000000000000'

export const clouds: readonly Cloud[] = ['global', 'usgov', 'usgovdod', 'china']
