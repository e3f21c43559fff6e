/**
 * How a rate limit is written in the settings and in API_KEYS_FILE: `600/min`, `10/s`,
 * `5000/h` or `unlimited`. A limit is a token bucket: `burst` requests may come at once, and
 * the bucket refills by `count` every `seconds`. Unless told otherwise, the burst is the count,
 * so `600/min` lets 600 requests through at once and then 10 a second.
 */

export interface RateLimit {
  count: number
  seconds: number
  burst: number
}

export type RateSetting = RateLimit | 'unlimited'

export const RATE_FORMS = 'a count per second, minute or hour (10/s, 600/min, 5000/h) or ' +
  'unlimited'

/** Large enough for any sensible quota, small enough that the arithmetic stays exact. */
export const RATE_MAX_COUNT = 1_000_000

const UNIT_SECONDS: Record<string, number> = {
  s: 1, sec: 1, second: 1, m: 60, min: 60, minute: 60, h: 3600, hour: 3600
}

/** The setting, or undefined when the text is none of RATE_FORMS. */
export function parseRate (text: string): RateSetting | undefined {
  if (text.toLowerCase() === 'unlimited') return 'unlimited'

  const match = /^(\d{1,7})\/([a-z]+)$/i.exec(text)
  const seconds = match === null ? undefined : UNIT_SECONDS[(match[2] as string).toLowerCase()]
  const count = Number(match?.[1])
  if (seconds === undefined || count < 1 || count > RATE_MAX_COUNT) return undefined

  return { count, seconds, burst: count }
}

/** A whole number of requests from 1 to RATE_MAX_COUNT, or undefined. */
export function parseBurst (text: string): number | undefined {
  if (!/^\d{1,7}$/.test(text)) return undefined
  const burst = Number(text)

  return burst >= 1 && burst <= RATE_MAX_COUNT ? burst : undefined
}
