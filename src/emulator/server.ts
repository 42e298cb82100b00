// The emulator's composition root: one HTTPS port on loopback serving the identity platform
// (/{tenant}/oauth2/v2.0/token, OpenID discovery, JWKS), Graph (/v1.0, /beta) and the admin API
// (/_emulator). State in SQLite under the data folder, or in memory. Graph requests pass the traffic
// controls (graph/traffic.ts: throttling, injected faults); $batch goes to graph/batch.ts.
import { createServer, type Server } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as os from 'node:os'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { startScheduler } from './provisioning/engine'
import { adminPrefix, handleAdminRequest } from './admin/adminApi'
import { loadSigningKey } from './auth/signingKey'
import { handleTokenRequest, openIdConfiguration } from './auth/tokenEndpoint'
import { TokenVerifier } from './auth/tokens'
import { Clock } from './clock'
import { RequestCounters } from './counters'
import { isBatchPath, serveBatchRequest } from './graph/batch'
import { serveGraphRequest, type GraphServices } from './graph/pipeline'
import { attachTrafficControls } from './graph/traffic'
import { createGraphRouter } from './graph/routes'
import { graphJsonType, readBody, send } from './http/io'
import { Store } from './store/store'
import { ensureTlsMaterial } from './tls'

export interface EmulatorOptions {
  /** @default 0 (any free port) */
  readonly port?: number
  /** Loopback only: the admin API has no authentication. @default 127.0.0.1 */
  readonly host?: '127.0.0.1' | 'localhost' | '::1'
  /** Folder for the database and TLS material; undefined keeps state in memory. */
  readonly dataDir?: string
  /** Folder for the CA and server certificate. @default <dataDir>/tls, or a temporary folder in memory mode */
  readonly tlsDir?: string
}

export interface RunningEmulator {
  /** https://127.0.0.1:<port>: the authority host and the Graph host. */
  readonly url: string
  readonly port: number
  /** The CA certificate clients must trust (NODE_EXTRA_CA_CERTS). */
  readonly caFile: string
  readonly caPem: string
  readonly store: Store
  readonly clock: Clock
  close(): Promise<void>
}

const tokenPath = /^\/([^/]+)\/oauth2\/v2\.0\/token$/i
const discoveryPath = /^\/([^/]+)(?:\/v2\.0)?\/\.well-known\/openid-configuration$/i
const jwksPath = /^\/([^/]+)\/discovery(?:\/v2\.0)?\/keys$/i
const graphPath = /^\/(v1\.0|beta)(\/.*)?$/

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const tlsDir =
    options.tlsDir ??
    (options.dataDir
      ? path.join(options.dataDir, 'tls')
      : fs.mkdtempSync(path.join(os.tmpdir(), 'entra-emulator-tls-')))
  const tls = await ensureTlsMaterial(tlsDir)
  const store = Store.open(options.dataDir)
  const clock = new Clock()
  const counters = new RequestCounters()
  const key = loadSigningKey(store.db)
  const router = createGraphRouter()
  const graph: GraphServices = {
    store,
    router,
    verifier: new TokenVerifier(key),
    clock,
    counters,
    // Throttling (on, with Graph's limits) and injected faults (none), set through the admin API.
    traffic: attachTrafficControls(store, clock, router),
  }
  let origin = ''
  // Cycles of started jobs run by themselves as the emulator's clock passes (settings.automatic).
  const scheduler = startScheduler(store, clock, (error) =>
    process.stderr.write(
      `provisioning scheduler: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    ),
  )

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', origin)
    const method = (req.method ?? 'GET').toUpperCase()
    const bodyText = method === 'GET' || method === 'DELETE' ? '' : await readBody(req)
    const pathname = url.pathname
    if (pathname === adminPrefix || pathname.startsWith(`${adminPrefix}/`)) {
      const reply = handleAdminRequest(
        { store, clock, counters, origin: () => origin },
        method,
        pathname,
        bodyText,
      )
      counters.record(`${method} ${adminPrefix}`, reply.status)
      send(res, reply.status, reply.body)
      return
    }
    const graphMatch = graphPath.exec(pathname)
    if (graphMatch) {
      const request = {
        method,
        version: graphMatch[1] as 'v1.0' | 'beta',
        path: graphMatch[2] ?? '/',
        search: url.searchParams,
        headers: req.headers,
        bodyText,
        origin,
      }
      const serve = isBatchPath(request.path) ? serveBatchRequest : serveGraphRequest
      const { reply, latencyMs } = serve(graph, request)
      // Injected latency: the only wait, after the synchronous pipeline and outside any transaction.
      if (latencyMs > 0) await delay(latencyMs)
      send(res, reply.status, reply.body, { ...reply.headers }, graphJsonType)
      return
    }
    const now = clock.now()
    let match = tokenPath.exec(pathname)
    if (match && method === 'POST') {
      const reply = handleTokenRequest(
        store,
        key,
        decodeURIComponent(match[1]!),
        new URLSearchParams(bodyText),
        req.headers.authorization,
        now,
      )
      counters.record('POST /{tenant}/oauth2/v2.0/token', reply.status)
      send(res, reply.status, reply.body, { 'Cache-Control': 'no-store, no-cache' })
      return
    }
    match = discoveryPath.exec(pathname) ?? jwksPath.exec(pathname)
    if (match && method === 'GET') {
      const tenant = store.getTenant(decodeURIComponent(match[1]!))
      if (tenant === undefined) {
        send(res, 400, {
          error: 'invalid_tenant',
          error_description: `AADSTS90002: Tenant '${match[1]}' not found.`,
          error_codes: [90002],
        })
        return
      }
      const isJwks = jwksPath.test(pathname)
      counters.record(
        isJwks ? 'GET /{tenant}/discovery/v2.0/keys' : 'GET /{tenant}/v2.0/.well-known/openid-configuration',
        200,
      )
      send(res, 200, isJwks ? { keys: [key.jwk] } : openIdConfiguration(origin, tenant.id))
      return
    }
    send(res, 404, {
      error: {
        code: 'NotFound',
        message: `The emulator serves /v1.0, /beta, /{tenant}/oauth2/v2.0/token and ${adminPrefix}; nothing at ${pathname}.`,
      },
    })
  }

  const server: Server = createServer(
    { key: tls.keyPem, cert: tls.certPem, keepAliveTimeout: 60_000 },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        process.stderr.write(`emulator: ${(error as Error).stack ?? String(error)}\n`)
        if (!res.headersSent)
          send(res, 500, {
            error: { code: 'generalException', message: 'An internal error occurred in the emulator.' },
          })
        else res.destroy()
      })
    },
  )
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  origin = `https://${host === '::1' ? '[::1]' : host}:${port}`
  return {
    url: origin,
    port,
    caFile: tls.caFile,
    caPem: tls.caPem,
    store,
    clock,
    async close() {
      scheduler.stop()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      store.close()
    },
  }
}
