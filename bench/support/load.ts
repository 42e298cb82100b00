// A closed-loop load generator: `concurrency` keep-alive connections, each sending the next request as
// soon as the previous answer arrives, for `seconds`. Reports requests per second and latency percentiles.
import * as http from 'node:http'
import * as https from 'node:https'

export interface LoadResult {
  readonly requests: number
  readonly perSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly errors: number
}

export async function runLoad(
  url: string,
  options: { seconds: number; concurrency: number; headers?: Record<string, string>; ca?: string },
): Promise<LoadResult> {
  const target = new URL(url)
  const secure = target.protocol === 'https:'
  const agent = secure
    ? new https.Agent({
        keepAlive: true,
        maxSockets: options.concurrency,
        ...(options.ca ? { ca: options.ca } : {}),
      })
    : new http.Agent({ keepAlive: true, maxSockets: options.concurrency })
  const request = secure ? https.request : http.request
  const latencies: number[] = []
  let errors = 0
  const deadline = performance.now() + options.seconds * 1000
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const started = performance.now()
      const req = request(target, { agent, headers: options.headers ?? {} }, (res) => {
        res.resume()
        res.on('end', () => {
          if (res.statusCode === 200) latencies.push(performance.now() - started)
          else errors++
          resolve()
        })
      })
      req.on('error', () => {
        errors++
        resolve()
      })
      req.end()
    })
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) await one()
  }
  const began = performance.now()
  await Promise.all(Array.from({ length: options.concurrency }, worker))
  const elapsed = (performance.now() - began) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    errors,
  }
}
