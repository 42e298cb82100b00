// Child processes for benchmarks: each server runs in its own process so the load generator (the
// parent) measures it over loopback as a client would, and its memory is its own.
import { fork, type ChildProcess } from 'node:child_process'
import * as path from 'node:path'

export interface ChildServer {
  readonly url: string
  readonly caPem?: string
  rssBytes(): Promise<number>
  /** The largest resident set the child has had so far. */
  peakRssBytes(): Promise<number>
  stop(): Promise<void>
}

type Message =
  { type: 'ready'; url: string; caPem?: string } | { type: 'rss'; bytes: number; peakBytes: number }

function waitFor<T extends Message['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<Message, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Message): void => {
      if (message.type === type) {
        child.off('message', onMessage)
        resolve(message as Extract<Message, { type: T }>)
      }
    }
    child.on('message', onMessage)
    child.once('exit', (code) => reject(new Error(`benchmark child exited with ${code}`)))
  })
}

/** Starts bench/support/<script>.ts in a child process (through tsx) and waits until it listens. */
export async function startChild(script: string, args: string[] = []): Promise<ChildServer> {
  const child = fork(path.join(__dirname, `${script}.ts`), args, {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const ready = await waitFor(child, 'ready')
  return {
    url: ready.url,
    ...(ready.caPem ? { caPem: ready.caPem } : {}),
    async rssBytes() {
      const reply = waitFor(child, 'rss')
      child.send({ type: 'rss' })
      return (await reply).bytes
    },
    async peakRssBytes() {
      const reply = waitFor(child, 'rss')
      child.send({ type: 'rss' })
      return (await reply).peakBytes
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}

/** For the child side: answers the parent's memory questions. */
export function answerParent(ready: { url: string; caPem?: string }): void {
  process.on('message', (message: { type: string }) => {
    if (message.type === 'rss') {
      global.gc?.()
      process.send?.({
        type: 'rss',
        bytes: process.memoryUsage().rss,
        peakBytes: process.resourceUsage().maxRSS * 1024,
      })
    }
  })
  process.on('SIGTERM', () => process.exit(0))
  // A parent that dies (or fails) closes the IPC channel: leave with it instead of lingering.
  process.on('disconnect', () => process.exit(0))
  process.send?.({ type: 'ready', ...ready })
}
