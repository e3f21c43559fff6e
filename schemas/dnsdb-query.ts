/**
 * Query string of the DNSDB-compatible lookups (DNSDB API v2, "Query parameters"). Unknown
 * parameters are refused, as on the native API.
 */
const flag = {
  type: 'string',
  enum: ['t', 'true', '1', 'f', 'false', '0']
} as const

const fence = (what: string) => ({
  type: 'string',
  description: `${what}: epoch seconds, or negative seconds relative to now (ISO 8601 too)`,
  examples: ['1467700000', '-86400']
}) as const

const clientTag = (what: string) => ({
  type: 'string',
  maxLength: 64,
  description: `${what}; accepted and ignored`
}) as const

export const dnsdbQuerySchema = {
  $id: 'DnsdbQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: {
      type: 'integer',
      minimum: 0,
      description: 'Most results; 0 or absent: API_MAX_LIMIT, which also caps larger values'
    },
    offset: { type: 'integer', minimum: 0, description: 'Results to skip (lookup only)' },
    max_count: {
      type: 'integer',
      minimum: 1,
      description: 'Summarize only: stop once the summed count reaches this'
    },
    time_first_before: fence('Only records first seen before this'),
    time_first_after: fence('Only records first seen after this'),
    time_last_before: fence('Only records last seen before this'),
    time_last_after: fence('Only records last seen after this'),
    aggr: { ...flag, description: 'Accepted; dnsledger keeps aggregated records only' },
    humantime: { ...flag, description: 'true: times as RFC 3339 text instead of epoch seconds' },
    swclient: clientTag('Client software name'),
    version: clientTag('Client software version'),
    id: clientTag('Client user identity')
  }
} as const
