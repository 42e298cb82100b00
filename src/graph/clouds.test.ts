// The clouds' endpoints (graph-api.md §7.9): each real cloud's authority and Graph root, the scope
// that follows the Graph root, and a custom cloud (the emulator) that must be https.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cloudEndpoints, graphHost, type CloudName } from './clouds'

describe('cloudEndpoints', () => {
  const expected: Record<CloudName, [authority: string, graph: string]> = {
    global: ['https://login.microsoftonline.com', 'https://graph.microsoft.com'],
    usgov: ['https://login.microsoftonline.us', 'https://graph.microsoft.us'],
    usgovdod: ['https://login.microsoftonline.us', 'https://dod-graph.microsoft.us'],
    china: ['https://login.chinacloudapi.cn', 'https://microsoftgraph.chinacloudapi.cn'],
  }

  for (const [cloud, [authorityHost, graphRoot]] of Object.entries(expected))
    it(`gives ${cloud} its own authority, Graph root and token scope`, () => {
      assert.deepEqual(cloudEndpoints(cloud as CloudName), {
        authorityHost,
        graphRoot,
        scope: `${graphRoot}/.default`,
        custom: false,
      })
    })

  it('takes a custom cloud’s two URLs (trailing slashes dropped) and keeps the real cloud’s scope', () => {
    const endpoints = cloudEndpoints('usgov', {
      authorityHost: 'https://127.0.0.1:8443/',
      graphRoot: 'https://127.0.0.1:8443//',
    })
    assert.deepEqual(endpoints, {
      authorityHost: 'https://127.0.0.1:8443',
      graphRoot: 'https://127.0.0.1:8443',
      scope: 'https://graph.microsoft.us/.default',
      custom: true,
    })
  })

  it('refuses a custom URL that is not https, naming which one', () => {
    assert.throws(
      () => cloudEndpoints('global', { authorityHost: 'http://127.0.0.1:8443', graphRoot: 'https://x' }),
      /the custom cloud's authorityHost must be an https URL .*got 'http:\/\/127\.0\.0\.1:8443'/,
    )
    assert.throws(
      () => cloudEndpoints('global', { authorityHost: 'https://x', graphRoot: 'graph.local' }),
      /the custom cloud's graphRoot must be an https URL/,
    )
  })

  it('trusts the Graph host by name, without the port (the Graph client compares names only)', () => {
    assert.equal(graphHost(cloudEndpoints('china')), 'microsoftgraph.chinacloudapi.cn')
    const custom = cloudEndpoints('global', {
      authorityHost: 'https://a:1',
      graphRoot: 'https://127.0.0.1:8443',
    })
    assert.equal(graphHost(custom), '127.0.0.1')
  })
})
