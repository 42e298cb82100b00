// Progress for long engine steps: a redrawn line on a terminal, a line every 30 s elsewhere (CI logs
// stay short but show the build is alive).

export interface Progress {
  update(detail: string): void
  done(summary: string): void
}

export function startProgress(title: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const interactive = stream.isTTY === true && !process.env.CI
  const started = Date.now()
  let lastPrinted = 0
  const elapsed = (): string => {
    const seconds = Math.round((Date.now() - started) / 1000)
    return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`
  }
  stream.write(`${title}\n`)
  return {
    update(detail) {
      if (interactive) {
        stream.write(`\r\x1b[2K  ${elapsed()}  ${detail}`)
      } else if (Date.now() - lastPrinted >= 30_000) {
        lastPrinted = Date.now()
        stream.write(`  ${elapsed()}  ${detail}\n`)
      }
    },
    done(summary) {
      stream.write(`${interactive ? '\r\x1b[2K' : ''}  ${elapsed()}  ${summary}\n`)
    },
  }
}
