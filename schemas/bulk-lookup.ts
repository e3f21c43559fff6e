/**
 * Body and answer of the bulk lookup (POST /v1/lookup): many indicators in one request, each
 * answered as its single lookup (GET /v1/domains, /v1/ips, /v1/nameservers, /v1/mx,
 * /v1/cnames) would answer it. Unknown fields are refused, not ignored.
 */
import { shownFenceProperties, timeFence } from './lookup-query.js'

export const INDICATOR_KINDS = ['domain', 'ip', 'nameserver', 'mx', 'cname'] as const

const kindDescription = '`domain`: the records a name owns (`*.example.com`: the name and ' +
  'everything under it), as GET /v1/domains. `ip`: the names that resolved to an address or ' +
  'into a network, as GET /v1/ips. `nameserver`, `mx`, `cname`: the names delegated to, ' +
  'mailing via, or aliased to a host, as GET /v1/nameservers, /v1/mx, /v1/cnames'

const indicatorValue = {
  type: 'string',
  maxLength: 2048,
  description: 'A domain name, a `*.` wildcard name, an IPv4 or IPv6 address, or a network ' +
    '(address/prefix); any case, trailing dot optional',
  examples: ['walmart.com']
} as const

const explicitIndicator = {
  type: 'object',
  additionalProperties: false,
  required: ['value'],
  properties: {
    value: indicatorValue,
    as: {
      type: 'string',
      enum: INDICATOR_KINDS,
      description: `${kindDescription}. Absent: read from the value, as for a string`
    }
  }
} as const

const fence = (what: string) => ({
  anyOf: [{ type: 'string' }, { type: 'integer' }],
  description: `${what}. ${timeFence.description}; applies to every indicator`,
  examples: [1467700000, -86400, '2016-07-05T00:00:00Z']
}) as const

export const bulkLookupRequestSchema = {
  $id: 'BulkLookupRequest',
  type: 'object',
  additionalProperties: false,
  required: ['indicators'],
  properties: {
    indicators: {
      type: 'array',
      minItems: 1,
      description: 'At least one, at most API_BULK_MAX_INDICATORS (1000). A string is read as ' +
        'an address or network when it is address-shaped (digits and dots, a colon, a slash), ' +
        'else as a domain name; `{"value", "as"}` says what it is, e.g. a nameserver to find ' +
        'the domains delegated to it',
      items: { oneOf: [indicatorValue, explicitIndicator] }
    },
    type: {
      anyOf: [
        { type: 'string' },
        { type: 'array', items: { type: 'string' } }
      ],
      description: 'Record types for `domain` indicators, as a list or comma-separated ' +
        '(A,AAAA,CNAME,MX,NS,SOA,TXT); default all. The other kinds answer the one type they ' +
        'match',
      examples: [['A', 'AAAA'], 'MX,NS']
    },
    limit: {
      type: 'integer',
      minimum: 1,
      description: 'Records per indicator; default API_DEFAULT_LIMIT (100), at most ' +
        'API_BULK_MAX_LIMIT (100)'
    },
    time_first_after: fence('Only records first seen after this'),
    time_first_before: fence('Only records first seen before this'),
    time_last_after: fence('Only records last seen after this'),
    time_last_before: fence('Only records last seen before this')
  },
  examples: [{
    indicators: [
      'Walmart.com',
      '*.wrccdc.org',
      '149.111.205.0/24',
      '10.0.0.256',
      { value: 'mailrnh.corpmailsvcs.com', as: 'mx' }
    ],
    // A list would do as well, but the OpenAPI writer takes a list under `type` for a type union.
    type: 'A,NS,CNAME',
    limit: 1,
    time_last_after: '2016-01-01'
  }]
} as const

export const bulkLookupResultSchema = {
  $id: 'BulkLookupResult',
  type: 'object',
  additionalProperties: false,
  required: ['indicator', 'kind', 'canonical', 'records', 'truncated', 'next_cursor', 'next'],
  properties: {
    indicator: { type: 'string', description: 'The indicator as sent' },
    kind: {
      type: 'string',
      enum: INDICATOR_KINDS,
      description: 'As given by `as`, or as read from the indicator'
    },
    canonical: {
      type: ['string', 'null'],
      description: 'The indicator as understood: a canonical name (`*.` kept for a wildcard), ' +
        'address or network; null when it could not be read'
    },
    records: { type: 'array', items: { $ref: 'ObservationRecord#' } },
    truncated: { type: 'boolean', description: 'True when more records follow for this indicator' },
    next_cursor: {
      type: ['string', 'null'],
      description: 'Pass as cursor= to the GET endpoint of this kind (see `next`) for the rest'
    },
    next: {
      type: ['string', 'null'],
      description: 'The GET request that continues this indicator: its endpoint, the same type ' +
        'and fences (relative ones as the epoch seconds they meant), limit and cursor'
    },
    error: {
      allOf: [{ $ref: 'Problem#' }],
      description: 'Present only when the indicator could not be looked up: the problem its GET ' +
        'endpoint would answer, with the same code and detail'
    }
  }
} as const

function exampleRecord (rrname: string, rrtype: string, rdata: string, first: number,
  last: number, count: number) {
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')

  return {
    rrname, rrtype, rdata, first_seen: first, last_seen: last, count,
    first_seen_iso: iso(first), last_seen_iso: iso(last)
  }
}

/** What the sample data answers to the request's example. */
const exampleResponse = {
  query: {
    rrtypes: ['A', 'NS', 'CNAME'],
    time_last_after: 1451606400,
    time_last_after_iso: '2016-01-01T00:00:00Z'
  },
  limit: 1,
  truncated: true,
  results: [{
    indicator: 'Walmart.com',
    kind: 'domain',
    canonical: 'walmart.com.',
    records: [exampleRecord('walmart.com.', 'NS', 'a3-64.akam.net.', 1696421522, 1696421522, 1)],
    truncated: true,
    next_cursor: 'WyJPdkJfU1VVWjlCQVMiLCJjb20ud2FsbWFydC4iLDIsMjAwXQ',
    next: '/v1/domains/walmart.com.?type=A,NS,CNAME&time_last_after=1451606400&limit=1' +
      '&cursor=WyJPdkJfU1VVWjlCQVMiLCJjb20ud2FsbWFydC4iLDIsMjAwXQ'
  }, {
    indicator: '*.wrccdc.org',
    kind: 'domain',
    canonical: '*.wrccdc.org.',
    records: [exampleRecord('ise.wrccdc.org.', 'CNAME', 'ise.wrccdc.cpp.edu.', 1521911720,
      1521911780, 872)],
    truncated: false,
    next_cursor: null,
    next: null
  }, {
    indicator: '149.111.205.0/24',
    kind: 'ip',
    canonical: '149.111.205.0/24',
    records: [exampleRecord('mailrnh.corpmailsvcs.com.', 'A', '149.111.205.25', 1696377641,
      1696462596, 63)],
    truncated: true,
    next_cursor: 'WyJYTi1BVVdQSjFWYnYiLHsiYiI6Ijk1NmZjZDE5In0sMjQ1Ml0',
    next: '/v1/ips/149.111.205.0/24?time_last_after=1451606400&limit=1' +
      '&cursor=WyJYTi1BVVdQSjFWYnYiLHsiYiI6Ijk1NmZjZDE5In0sMjQ1Ml0'
  }, {
    indicator: '10.0.0.256',
    kind: 'ip',
    canonical: null,
    records: [],
    truncated: false,
    next_cursor: null,
    next: null,
    error: {
      type: 'urn:dnsledger:problem:invalid-ip',
      title: 'Invalid IP address',
      status: 400,
      code: 'INVALID_IP',
      detail: 'IPv4 octet "256" is over 255 in "10.0.0.256": send an IPv4 or IPv6 address'
    }
  }, {
    indicator: 'mailrnh.corpmailsvcs.com',
    kind: 'mx',
    canonical: 'mailrnh.corpmailsvcs.com.',
    records: [exampleRecord('kelseycareadvantage.com.', 'MX', 'mailrnh.corpmailsvcs.com.',
      1696378159, 1696378159, 1)],
    truncated: true,
    next_cursor: 'WyJsV0hidkIzVkZBT2giLDE2MDY5NjcyNCwyNzg2XQ',
    next: '/v1/mx/mailrnh.corpmailsvcs.com.?time_last_after=1451606400&limit=1' +
      '&cursor=WyJsV0hidkIzVkZBT2giLDE2MDY5NjcyNCwyNzg2XQ'
  }]
}

export const bulkLookupResponseSchema = {
  $id: 'BulkLookupResponse',
  type: 'object',
  additionalProperties: false,
  required: ['query', 'limit', 'truncated', 'results'],
  properties: {
    query: {
      type: 'object',
      description: 'The options as understood: record types, and fences as read, in epoch ' +
        'seconds and ISO 8601',
      properties: shownFenceProperties,
      additionalProperties: true
    },
    limit: { type: 'integer', description: 'Records per indicator' },
    truncated: { type: 'boolean', description: 'True when any result is truncated' },
    results: {
      type: 'array',
      description: 'One result for each indicator sent, in the order sent',
      items: { $ref: 'BulkLookupResult#' }
    }
  },
  examples: [exampleResponse]
} as const
