/**
 * The options of a bulk lookup, which apply to all its indicators, read by the single lookups'
 * parsers. A bad record type, time or limit would fail every indicator alike, so it fails the
 * request instead.
 */
import { DnsledgerError } from '../../errors.js'
import type { LookupOptions } from '../../store/observation-queries.js'
import {
  FENCE_PARAMS, parseFences, parseLimit, parseRrtypes, type FenceQuery
} from '../request-params.js'
import { shownFences } from '../shown-times.js'

export type BulkOptionFields = {
  type?: string | string[]
  limit?: number
} & { [param in keyof FenceQuery]?: string | number }

interface BulkLimits {
  defaultLimit: number
  /** The largest per-indicator limit. */
  maxLimit: number
}

/** A JSON number as sent, when its text is certain (digits past 2^53 were rounded). */
function shownNumber (value: number | undefined): string | undefined {
  return value !== undefined && Number.isSafeInteger(value) ? `"limit": ${value}` : undefined
}

/** Digits past 2^53 were rounded by JSON.parse: quoting them back would show other digits. */
function unreadableNumber (param: string): DnsledgerError {
  return new DnsledgerError('INVALID_TIME', `${param} is a number too large to be a time: ` +
    `send epoch seconds, e.g. "${param}": 1467700000`)
}

/** A fence may be sent as a JSON number; it means what the same digits mean in a GET. */
export function readBulkOptions (body: BulkOptionFields, limits: BulkLimits,
  nowSeconds: number): LookupOptions {
  const type = Array.isArray(body.type) ? body.type.join(',') : body.type
  const fences: FenceQuery = {}
  for (const [param] of FENCE_PARAMS) {
    const raw = body[param]
    if (typeof raw === 'number' && !Number.isSafeInteger(raw)) throw unreadableNumber(param)
    if (raw !== undefined) fences[param] = String(raw)
  }
  const defaultLimit = Math.min(limits.defaultLimit, limits.maxLimit)

  return {
    rrtypes: parseRrtypes(type, (types) => `"type": ${JSON.stringify(
      Array.isArray(body.type) ? types : types.join(','))}`),
    limit: parseLimit(body.limit, defaultLimit, limits.maxLimit, () => shownNumber(body.limit)),
    fences: parseFences(fences, nowSeconds, 'native', 'body')
  }
}

/** The options as understood, for the answer: record types, and fences as read. */
export function shownOptions (lookup: LookupOptions): Record<string, unknown> {
  return { rrtypes: lookup.rrtypes ?? null, ...shownFences(lookup.fences) }
}
