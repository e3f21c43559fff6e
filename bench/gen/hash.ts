/**
 * Stateless integer hashing: every generated value is a pure function of its index, so any
 * observation can be produced again (for a repeat, or a lookup target) without keeping state,
 * and a 1M store is exactly the first 1M observations of a 10M one.
 */

/** A 32-bit avalanche mix of two integers (murmur3's finalizer over a combined word). */
export function mix (a: number, b = 0): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16

  return h >>> 0
}

/** Hash of an index that may exceed 2^32 (100M store windows do not, but sizes are open). */
export function hashIndex (index: number, salt: number): number {
  return mix(mix(index % 0x100000000, salt), Math.floor(index / 0x100000000))
}

/** A uniform number in [0, 1) from a hash. */
export function unit (hash: number): number {
  return hash / 0x100000000
}

/** An index in [0, range) skewed towards 0: a few popular values and a long tail. */
export function skewed (hash: number, range: number, power = 3): number {
  const whole = Math.max(1, Math.floor(range))

  return Math.min(whole - 1, Math.floor(whole * unit(hash) ** power))
}

export function pick<T> (items: readonly T[], hash: number): T {
  return items[hash % items.length] as T
}
