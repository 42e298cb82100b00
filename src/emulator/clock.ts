// The emulator's clock. Tests and the provisioning engine advance it instead of waiting.

export class Clock {
  private offsetMs = 0

  now(): Date {
    return new Date(Date.now() + this.offsetMs)
  }

  nowSeconds(): number {
    return Math.floor(this.now().getTime() / 1000)
  }

  /** Moves time forward (never backward: tokens and audit order depend on it). */
  advance(ms: number): void {
    if (ms < 0) throw new Error(`the emulator's clock only moves forward; got ${ms} ms`)
    this.offsetMs += ms
  }
}
