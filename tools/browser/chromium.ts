// The browser the HTML reports are tested in: Debian's chromium package, driven by playwright-core
// (which never downloads a browser). `npm test` runs ensure first: when /usr/bin/chromium is missing
// and we are root on Debian, it installs the package with apt (CI's clean machine); otherwise it says
// how to. Launch flags: headless, no sandbox (root), and no background networking, which this
// workplace's closed network refuses at every start.
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'

export const chromiumPath = process.env.ENTRA_TOPOLOGY_CHROMIUM ?? '/usr/bin/chromium'

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function ensureChromium(
  log: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): void {
  if (fs.existsSync(chromiumPath)) return
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  if (!root || !fs.existsSync('/usr/bin/apt-get'))
    throw new Error(
      `no Chromium at ${chromiumPath}: the HTML report tests need it. Install Debian's package (sudo apt-get install chromium) or set ENTRA_TOPOLOGY_CHROMIUM to a Chromium binary.`,
    )
  log('browser: installing Debian chromium with apt-get (the HTML report tests need it)')
  const apt = (args: string[]) =>
    execFileSync('apt-get', args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
  apt(['update', '-q'])
  apt(['install', '-y', '-q', '--no-install-recommends', 'chromium'])
  if (!fs.existsSync(chromiumPath))
    throw new Error(`apt-get installed chromium, but ${chromiumPath} is not there`)
}

if (require.main === module) {
  try {
    ensureChromium()
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`)
    process.exit(1)
  }
}
