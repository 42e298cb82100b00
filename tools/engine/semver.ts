// Version parsing for the engine tools: `pulumi version` and `go version` output.

export type Version = readonly [major: number, minor: number, patch: number]

/** Parses "v3.259.0", "3.259.0" or "v3.260.0-alpha.1+dirty"; undefined when there is no version. */
export function parseVersion(text: string): Version | undefined {
  const match = /v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim())
  if (match === null) return undefined
  return [Number(match[1]), Number(match[2]), Number(match[3])]
}

/** Parses the toolchain version out of `go version` output ("go version go1.26.8 linux/amd64"). */
export function parseGoVersion(text: string): Version | undefined {
  const match = /\bgo(\d+)\.(\d+)(?:\.(\d+))?/.exec(text)
  if (match === null) return undefined
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)]
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const delta = (a[i] ?? 0) - (b[i] ?? 0)
    if (delta !== 0) return Math.sign(delta)
  }
  return 0
}

export function formatVersion(v: Version): string {
  return `v${v.join('.')}`
}
