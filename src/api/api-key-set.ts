/**
 * The API keys that guard the API (see access/access-class.ts). Only SHA-256 digests are kept,
 * and a candidate is compared with every digest by crypto.timingSafeEqual, so neither the time
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

  /** With no key configured, the whole API is open. */
  get required (): boolean {
    return this.#digests.length > 0
  }

  /** True when any candidate is a configured key. */
  matches (...candidates: Array<string | undefined>): boolean {
    return this.identify(...candidates) !== undefined
  }

  /**
   * Which configured key (its index, in the order given) the first matching candidate is, for
   * the limit that key has; every pair is compared, always.
   */
  identify (...candidates: Array<string | undefined>): number | undefined {
    let found: number | undefined
    for (const candidate of candidates) {
      if (candidate === undefined) continue

      const wanted = digest(candidate)
      for (const [index, known] of this.#digests.entries()) {
        if (timingSafeEqual(known, wanted)) found ??= index
      }
    }

    return found
  }
}
