import type { RejectedMessage } from './observation.js'
import { describeJsonType } from './json-type.js'
import { quote } from './quote-text.js'
import { reject } from './reject-codes.js'

/**
 * Rules for the feed's epoch-second timestamps:
 * - only ASCII digits: empty, signed, fractional or exponent forms are rejected (`bad_timestamp`);
 * - 13 digits (1e12 <= t < 1e13) is milliseconds, repaired by flooring t / 1000: no seconds
 *   value that large is plausible (year 33658), so the repair cannot misread a real one;
 * - more than 13 digits is rejected (`bad_timestamp`);
 * - before 1990-01-01T00:00:00Z is rejected (`timestamp_too_old`): older than any DNS capture;
 * - more than one day after `nowSeconds` is rejected (`timestamp_in_future`); the day allows
 *   for clock skew between the sensor and us.
 */
export const OLDEST_SECONDS = 631_152_000

export const FUTURE_SLACK_SECONDS = 86_400

const MILLISECONDS_FROM = 1e12

const MILLISECONDS_UNTIL = 1e13

const MAX_DIGITS = 13

export type EpochSeconds = { ok: true, seconds: number } | RejectedMessage

/** Parses a text timestamp (pipe topics). */
export function parseEpochText (text: string, nowSeconds: number): EpochSeconds {
  if (text.length === 0) return reject('bad_timestamp', 'the timestamp is empty')

  if (!isDigits(text)) return notSeconds(quote(text))

  if (text.length > MAX_DIGITS) return tooManyDigits(quote(text))

  return checkEpochRange(Number(text), nowSeconds)
}

/** Checks a JSON `Epoch`; a string there is rejected, not repaired, as a wrong JSON type. */
export function checkEpochValue (value: unknown, nowSeconds: number): EpochSeconds {
  if (value === undefined) return reject('missing_field', 'the JSON has no Hdr.Epoch')

  if (typeof value !== 'number') return reject('bad_field_type', epochType(value))

  if (!Number.isInteger(value) || value < 0) return notSeconds(String(value))

  if (value >= MILLISECONDS_UNTIL) return tooManyDigits(String(value))

  return checkEpochRange(value, nowSeconds)
}

function checkEpochRange (value: number, nowSeconds: number): EpochSeconds {
  const seconds = value >= MILLISECONDS_FROM ? Math.floor(value / 1000) : value
  if (seconds < OLDEST_SECONDS) return tooOld(seconds)

  if (seconds > nowSeconds + FUTURE_SLACK_SECONDS) return inFuture(seconds, nowSeconds)

  return { ok: true, seconds }
}

function isDigits (text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x30 || code > 0x39) return false
  }
  return true
}

function notSeconds (shown: string): RejectedMessage {
  const reason = `timestamp ${shown} is not a whole number of seconds since 1970`
  return reject('bad_timestamp', reason)
}

function tooManyDigits (shown: string): RejectedMessage {
  const reason = `timestamp ${shown} has more digits than seconds (10) or milliseconds (13)`
  return reject('bad_timestamp', reason)
}

function epochType (value: unknown): string {
  return `Hdr.Epoch is ${describeJsonType(value)}, not a JSON number`
}

function tooOld (seconds: number): RejectedMessage {
  return reject('timestamp_too_old', `timestamp ${seconds} (${isoTime(seconds)}) is before 1990`)
}

function inFuture (seconds: number, nowSeconds: number): RejectedMessage {
  const ahead = `${Math.round((seconds - nowSeconds) / 3600)} hours ahead of now`
  return reject('timestamp_in_future', `timestamp ${seconds} (${isoTime(seconds)}) is ${ahead}`)
}

function isoTime (seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
}
