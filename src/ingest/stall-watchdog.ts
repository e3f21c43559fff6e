/**
 * Notices a consumer that is assigned partitions with messages to read but stores nothing,
 * e.g. a kafkajs fetch loop that hangs after a broker failover without crashing. Only time
 * spent consuming with lag counts, so an idle feed, a reconnect or a paused store never
 * looks like a stall. The clock is injected, so tests need no waiting.
 */

export interface StallState {
  /** The consumer is a member of the group, assigned and not paused on purpose. */
  consuming: boolean
  /** Messages in assigned partitions that the store has not reached. */
  lag: bigint
}

export class StallWatchdog {
  readonly timeoutMs: number
  readonly #now: () => number
  #since: number

  constructor (timeoutMs: number, now: () => number = Date.now) {
    this.timeoutMs = timeoutMs
    this.#now = now
    this.#since = now()
  }

  /** A chunk was stored (or the consumer just joined): the clock starts again. */
  progress (): void {
    this.#since = this.#now()
  }

  /** How long it went without progress once that reaches timeoutMs (the clock restarts). */
  check (state: StallState): number | undefined {
    if (!state.consuming || state.lag === 0n) {
      this.progress()
      return undefined
    }
    const stalledMs = this.#now() - this.#since
    if (stalledMs < this.timeoutMs) return undefined

    this.progress()
    return stalledMs
  }
}
