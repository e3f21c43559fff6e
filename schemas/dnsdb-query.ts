/**
 * Query string of the DNSDB-compatible lookups (DNSDB API v2, "Query parameters"). Unknown
 * parameters are refused, as on the native API.
 */
const flag = {
  type: 'string',
  enum: ['t', 'true', '1', 'f', 'false', '0']
} as const

/**
 * `example`: what Swagger's "Try it out" sends. The four together are a window that holds the
 * whole sample (2016-07-01 to 2027-01-01): with one value for all, after equals before, a 400.
 */
const fence = (what: string, example: string) => ({
  type: 'string',
  description: `${what}: epoch seconds, or negative seconds relative to now (ISO 8601 too)`,
  examples: [example, '-86400']
}) as const

const SAMPLE_START = '1467331200'
const SAMPLE_END = '1798761600'

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
    time_first_before: fence('Only records first seen before this', SAMPLE_END),
    time_first_after: fence('Only records first seen after this', SAMPLE_START),
    time_last_before: fence('Only records last seen before this', SAMPLE_END),
    time_last_after: fence('Only records last seen after this', SAMPLE_START),
    aggr: { ...flag, description: 'Accepted; dnsledger keeps aggregated records only' },
    humantime: { ...flag, description: 'true: times as RFC 3339 text instead of epoch seconds' },
    swclient: clientTag('Client software name'),
    version: clientTag('Client software version'),
    id: clientTag('Client user identity')
  }
} as const
