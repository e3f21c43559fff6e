/**
 * The API keys that guard the compatibility APIs. Only SHA-256 digests are kept, and a
 * candidate is compared with every digest by crypto.timingSafeEqual, so neither the time
 * taken nor an early exit tells a caller how much of a key it got right. Hashing first also
 * gives every comparison the same length, which timingSafeEqual requires.
 */
import { createHash, timingSafeEqual } from 'node:crypto'

function digest (text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

export class ApiKeySet {
  readonly #digests: Buffer[]

  constructor (keys: readonly string[]) {
    this.#digests = keys.map(digest)
  }

  /** With no key configured, the compatibility APIs are open, like the native API. */
  get required (): boolean {
    return this.#digests.length > 0
  }

  /** True when any candidate is a configured key; every pair is compared, always. */
  matches (...candidates: Array<string | undefined>): boolean {
    let found = false
    for (const candidate of candidates) {
      if (candidate === undefined) continue

      const wanted = digest(candidate)
      for (const known of this.#digests) found = timingSafeEqual(known, wanted) || found
    }

    return found
  }
}
