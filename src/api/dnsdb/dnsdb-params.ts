/**
 * Query parameters of a DNSDB lookup or summarize, as dnsledger applies them. DNSDB clamps a
 * limit over its maximum rather than refusing it, and takes 0 as "the maximum" (DNSDB API v2,
 * "limit"); offsets belong to lookup only and past offset_max are a 416 ("HTTP response
 * codes"); max_count belongs to summarize.
 */
import type { FromSchema } from 'json-schema-to-ts'
import type { dnsdbQuerySchema } from '../../../schemas/dnsdb-query.js'
import { DnsledgerError } from '../../errors.js'
import type { TimeFences } from '../../store/observation-queries.js'
import { parseFences } from '../request-params.js'

export type DnsdbQuery = FromSchema<typeof dnsdbQuerySchema>

export type DnsdbVerb = 'lookup' | 'summarize'

/** The deepest offset served; rate_limit reports it as offset_max. */
export const OFFSET_MAX = 1_000_000

export interface DnsdbParams {
  limit: number
  offset: number
  maxCount?: number
  fences?: TimeFences
  humantime: boolean
}

function readOffset (query: DnsdbQuery, verb: DnsdbVerb): number {
  const offset = query.offset ?? 0
  if (offset > 0 && verb !== 'lookup') {
    throw new DnsledgerError('OFFSET_TOO_LARGE', 'offset is taken by lookup only: drop it')
  }
  if (offset > OFFSET_MAX) {
    throw new DnsledgerError('OFFSET_TOO_LARGE', `offset ${offset} is over offset_max ` +
      `${OFFSET_MAX}: narrow the query with a time fence or a record type`)
  }

  return offset
}

function readMaxCount (query: DnsdbQuery, verb: DnsdbVerb): number | undefined {
  if (query.max_count !== undefined && verb !== 'summarize') {
    throw new DnsledgerError('INVALID_REQUEST', 'max_count is taken by summarize only: drop it')
  }

  return query.max_count
}

export function parseDnsdbParams (query: DnsdbQuery, verb: DnsdbVerb, maxLimit: number,
  nowSeconds: number): DnsdbParams {
  const asked = query.limit ?? 0

  return {
    limit: asked === 0 ? maxLimit : Math.min(asked, maxLimit),
    offset: readOffset(query, verb),
    maxCount: readMaxCount(query, verb),
    fences: parseFences(query, nowSeconds),
    humantime: ['t', 'true', '1'].includes(query.humantime ?? 'f')
  }
}
