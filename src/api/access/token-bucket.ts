/**
 * One caller's token bucket. Time comes from the caller (milliseconds), so tests drive it with
 * a clock of their own; a clock that steps back counts as no time passing. Tokens are counted
 * in whole parts of `seconds * 1000` each, so that with whole milliseconds the arithmetic is
 * exact and a bucket refills at the very millisecond it should.
 */
import type { RateLimit } from './rate-limit.js'

/** What a caller may still do, in the terms of the RateLimit-* headers. */
export interface BucketState {
  limit: number
  /** Whole requests that may be made now. */
  remaining: number
  /** Seconds until the bucket is full again. */
  resetSeconds: number
  /** Seconds until the next request may be made; 0 when one may be made now. */
  retryAfterSeconds: number
}

export class TokenBucket {
  readonly #rate: RateLimit
  /** The parts one request costs. */
  readonly #cost: number
  #parts: number
  #updatedMs: number

  constructor (rate: RateLimit, nowMs: number) {
    this.#rate = rate
    this.#cost = rate.seconds * 1000
    this.#parts = rate.burst * this.#cost
    this.#updatedMs = nowMs
  }

  /** Takes a token if there is one; false when the caller must wait. */
  take (nowMs: number): boolean {
    this.#refill(nowMs)
    if (this.#parts < this.#cost) return false

    this.#parts -= this.#cost
    return true
  }

  state (nowMs: number): BucketState {
    this.#refill(nowMs)
    const { count, burst } = this.#rate
    const secondsFor = (parts: number) => Math.ceil(Math.max(0, parts) / count / 1000)

    return {
      limit: burst,
      remaining: Math.floor(this.#parts / this.#cost),
      resetSeconds: secondsFor(burst * this.#cost - this.#parts),
      retryAfterSeconds: secondsFor(this.#cost - this.#parts)
    }
  }

  /** A full bucket is the same as a new one: it can be forgotten. */
  isFull (nowMs: number): boolean {
    this.#refill(nowMs)
    return this.#parts >= this.#rate.burst * this.#cost
  }

  #refill (nowMs: number): void {
    const elapsedMs = Math.max(0, nowMs - this.#updatedMs)
    const full = this.#rate.burst * this.#cost
    this.#parts = Math.min(full, this.#parts + elapsedMs * this.#rate.count)
    this.#updatedMs = Math.max(this.#updatedMs, nowMs)
  }
}
