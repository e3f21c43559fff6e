/** Query string of the record lookups. Unknown parameters are refused, not ignored. */
import { CURSOR_MAX_CHARS } from '../src/store/cursor.js'
import { outputProperties } from './output-query.js'

/** How every /v1 time reads; the DNSDB and CIRCL dialects take any epoch value. */
export const TIME_FORMS = 'Epoch seconds, negative seconds relative to now, or an ISO 8601 ' +
  'date/time. Epoch seconds from 1 to 99999999 (before 1973-03-03, older than any passive ' +
  'DNS) are refused with a 400, since they are nearly always a year or a date without dashes ' +
  'read as seconds: write 2023 as 2023-01-01 or 1672531200, 20231004 as 2023-10-04. 0 is ' +
  'allowed'

export const timeFence = {
  type: 'string',
  description: TIME_FORMS,
  examples: ['1467700000', '-86400', '2016-07-05T00:00:00Z']
} as const

/** A time of an answer's `query`, as read: epoch seconds, and its `_iso` twin. */
function shownTime (what: string) {
  return {
    [what]: { type: 'integer', description: `${what} as read, in epoch seconds` },
    [`${what}_iso`]: { type: 'string', format: 'date-time', description: `${what} as read` }
  }
}

/** The fences of a lookup's `query`, each present when it was sent. */
export const shownFenceProperties = {
  ...shownTime('time_first_after'),
  ...shownTime('time_first_before'),
  ...shownTime('time_last_after'),
  ...shownTime('time_last_before')
}

/** The window of a new-domains `query`. */
export const shownWindowProperties = { ...shownTime('since'), ...shownTime('until') }

export const pagingProperties = {
  limit: {
    type: 'integer',
    minimum: 1,
    description: 'JSON: records per page; default API_DEFAULT_LIMIT (100), at most ' +
      'API_MAX_LIMIT (10000). NDJSON and CSV: records in the stream; default and at most ' +
      'API_STREAM_MAX_LIMIT (1000000)'
  },
  cursor: {
    type: 'string',
    // Long enough for any cursor a list hands out, whatever its names; still a bound.
    maxLength: CURSOR_MAX_CHARS,
    description: 'The next_cursor of the previous page (or stream), unchanged'
  },
  ...outputProperties
} as const

function fence (what: string) {
  return { ...timeFence, description: `${what}. ${timeFence.description}` }
}

export const fenceProperties = {
  time_first_after: fence('Only records first seen after this'),
  time_first_before: fence('Only records first seen before this'),
  time_last_after: fence('Only records last seen after this'),
  time_last_before: fence('Only records last seen before this')
} as const

/** Reverse lookups: the record type follows from the path, so `type` is not taken. */
export const reverseLookupQuerySchema = {
  $id: 'ReverseLookupQuery',
  type: 'object',
  additionalProperties: false,
  properties: { ...pagingProperties, ...fenceProperties }
} as const

export const lookupQuerySchema = {
  $id: 'LookupQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pagingProperties,
    ...fenceProperties,
    type: {
      type: 'string',
      description: 'Record types to return, comma-separated (A,AAAA,CNAME,MX,NS,SOA,TXT)',
      examples: ['A,AAAA']
    }
  }
} as const
