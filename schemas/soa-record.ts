/** A zone's SOA history: one distinct SOA per record, its fields split out, and the query. */
import { fenceProperties, pagingProperties } from './lookup-query.js'
import { seenProperties } from './observation-record.js'

const uint32 = (description: string) => ({
  type: 'integer', minimum: 0, maximum: 4294967295, description
}) as const

export const soaRecordSchema = {
  $id: 'SoaRecord',
  type: 'object',
  additionalProperties: false,
  required: ['zone', 'mname', 'rname', 'serial', 'refresh', 'retry', 'expire', 'minimum', 'rdata',
    'first_seen', 'last_seen', 'first_seen_iso', 'last_seen_iso', 'count'],
  properties: {
    zone: { type: 'string', description: 'The zone (the SOA owner), canonical' },
    mname: { type: 'string', description: 'Primary nameserver' },
    rname: {
      type: 'string',
      description: 'Responsible mailbox as a name (`hostmaster.example.com.`; a dot inside the ' +
        'local part stays escaped, `first\\.last.example.com.`)'
    },
    serial: uint32('Zone serial number'),
    refresh: uint32('Seconds between secondary refreshes'),
    retry: uint32('Seconds before a failed refresh is retried'),
    expire: uint32('Seconds after which a secondary stops answering without a refresh'),
    minimum: uint32('Negative caching TTL, seconds (RFC 2308)'),
    rdata: { type: 'string', description: 'The SOA as text, as /v1/domains shows it' },
    ...seenProperties
  },
  examples: [{
    zone: 'gov.',
    mname: 'a.usadotgov.net.',
    rname: 'nstld.verisign-grs.com.',
    serial: 1467609001,
    refresh: 3600,
    retry: 900,
    expire: 1814400,
    minimum: 86400,
    rdata: 'a.usadotgov.net. nstld.verisign-grs.com. 1467609001 3600 900 1814400 86400',
    first_seen: 1468282466,
    last_seen: 1468282466,
    first_seen_iso: '2016-07-12T00:14:26Z',
    last_seen_iso: '2016-07-12T00:14:26Z',
    count: 1
  }]
} as const

export const soaHistoryQuerySchema = {
  $id: 'SoaHistoryQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    order: {
      type: 'string',
      enum: ['asc', 'desc'],
      default: 'asc',
      description: 'By first_seen: asc, oldest first (the default), or desc, newest first'
    },
    ...pagingProperties,
    ...fenceProperties
  }
} as const
