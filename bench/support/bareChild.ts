// Benchmark child: a bare node:http server answering one fixed JSON payload (argv[2]) with the same
// headers a Graph response carries, as the baseline the emulator is measured against.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { answerParent } from './children'

const payload = process.argv[2] ?? '{}'
const server = createServer({ keepAliveTimeout: 60_000 }, (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) })
  res.end(payload)
})
server.listen(0, '127.0.0.1', () =>
  answerParent({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
)
