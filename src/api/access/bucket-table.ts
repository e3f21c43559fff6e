/**
 * Token buckets by caller, at most `maxCallers` of them. The least recently seen caller is
 * forgotten first when a new one comes; being forgotten gives it a full bucket again, which for
 * an idle caller is what it would have anyway. Keys are a configured set and never reach the
 * bound; client addresses can be any number, hence the bound.
 */
import type { RateLimit } from './rate-limit.js'
import { TokenBucket } from './token-bucket.js'

export class BucketTable {
  readonly #maxCallers: number
  readonly #buckets = new Map<string, TokenBucket>()

  constructor (maxCallers: number) {
    this.#maxCallers = maxCallers
  }

  get size (): number {
    return this.#buckets.size
  }

  /** The caller's bucket, new and full if it has none; it becomes the most recently seen. */
  bucket (caller: string, rate: RateLimit, nowMs: number): TokenBucket {
    const known = this.#buckets.get(caller)
    if (known !== undefined) {
      // Moved to the end: a Map iterates in insertion order, so the first entry is the oldest.
      this.#buckets.delete(caller)
      this.#buckets.set(caller, known)
      return known
    }

    if (this.#buckets.size >= this.#maxCallers) this.#evictOldest()
    const bucket = new TokenBucket(rate, nowMs)
    this.#buckets.set(caller, bucket)

    return bucket
  }

  #evictOldest (): void {
    const oldest = this.#buckets.keys().next()
    if (oldest.done !== true) this.#buckets.delete(oldest.value)
  }
}
