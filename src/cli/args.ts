// A small argument parser for the entra-topology commands: --name value, --name=value and --flag.
// Unknown options are errors that say which ones exist.

export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export class ParsedArgs {
  private readonly values = new Map<string, string>()
  private readonly flags = new Set<string>()
  private readonly used = new Set<string>()
  readonly positional: string[] = []

  constructor(argv: readonly string[], flagNames: readonly string[]) {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!
      if (!arg.startsWith('--')) {
        this.positional.push(arg)
        continue
      }
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined]
      if (flagNames.includes(name)) {
        if (inline !== undefined) throw new UsageError(`--${name} takes no value`)
        this.flags.add(name)
      } else if (inline !== undefined) {
        this.values.set(name, inline)
      } else {
        const next = argv[i + 1]
        if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value`)
        this.values.set(name, next)
        i++
      }
    }
  }

  value(name: string): string | undefined {
    this.used.add(name)
    return this.values.get(name)
  }

  flag(name: string): boolean {
    this.used.add(name)
    return this.flags.has(name)
  }

  /** Call after reading every option a command knows. */
  rejectUnknown(): void {
    const unknown = [...this.values.keys(), ...this.flags].filter((name) => !this.used.has(name))
    if (unknown.length > 0) {
      throw new UsageError(
        `unknown option${unknown.length > 1 ? 's' : ''}: ${unknown.map((n) => `--${n}`).join(', ')}`,
      )
    }
  }
}
