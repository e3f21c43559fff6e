/** Query string of the record lookups. Unknown parameters are refused, not ignored. */
import { outputProperties } from './output-query.js'

export const timeFence = {
  type: 'string',
  description: 'Epoch seconds, negative seconds relative to now, or an ISO 8601 date/time',
  examples: ['1467700000', '-86400', '2016-07-05T00:00:00Z']
} as const

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
    maxLength: 2048,
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
