/**
 * Token buckets for every caller: a configured key, or, when no key is configured, a client
 * address. A key's limit is its own (from API_KEYS_FILE) or the default; addresses share the
 * default. Buckets of addresses are bounded (see bucket-table.ts).
 */
import { BucketTable } from './bucket-table.js'
import { callerOfAddress } from './client-address.js'
import type { RateLimit, RateSetting } from './rate-limit.js'
import type { BucketState } from './token-bucket.js'

/** Who a request counts against. */
export type Caller = { kind: 'key', index: number } | { kind: 'address', address: string }

export interface RateDecision extends BucketState {
  allowed: boolean
  rate: RateLimit
  /** The clock's time of the decision, in milliseconds. */
  atMs: number
}

interface RateLimiterOptions {
  /** The limit of each configured key, in the order of the key set. */
  keyRates: RateSetting[]
  /** The limit of each client address, for requests that need no key. */
  addressRate: RateSetting
  /** Milliseconds; Date.now unless a test drives time. */
  clock: () => number
  maxAddresses?: number
}

/** A few megabytes of buckets at most; a flood from more addresses forgets the idlest ones. */
const MAX_ADDRESS_CALLERS = 10_000

export class RateLimiter {
  readonly #options: RateLimiterOptions
  readonly #keys: BucketTable
  readonly #addresses: BucketTable

  constructor (options: RateLimiterOptions) {
    this.#options = options
    this.#keys = new BucketTable(Math.max(1, options.keyRates.length))
    this.#addresses = new BucketTable(options.maxAddresses ?? MAX_ADDRESS_CALLERS)
  }

  get trackedAddresses (): number {
    return this.#addresses.size
  }

  /** Counts one request; undefined when the caller has no limit. */
  take (caller: Caller): RateDecision | undefined {
    return this.#decide(caller, true)
  }

  /** The caller's state without counting a request (DNSDB's rate_limit). */
  peek (caller: Caller): RateDecision | undefined {
    return this.#decide(caller, false)
  }

  #decide (caller: Caller, counts: boolean): RateDecision | undefined {
    const rate = this.#rateOf(caller)
    if (rate === 'unlimited') return undefined

    const now = this.#options.clock()
    const bucket = caller.kind === 'key'
      ? this.#keys.bucket(`key ${caller.index}`, rate, now)
      : this.#addresses.bucket(callerOfAddress(caller.address), rate, now)
    const allowed = counts ? bucket.take(now) : true

    return { allowed, rate, atMs: now, ...bucket.state(now) }
  }

  #rateOf (caller: Caller): RateSetting {
    if (caller.kind === 'address') return this.#options.addressRate

    return this.#options.keyRates[caller.index] ?? 'unlimited'
  }
}
