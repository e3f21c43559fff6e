/** A domain the feed reported as observed for the first time. */
import { pagingProperties, TIME_FORMS } from './lookup-query.js'

export const newDomainRecordSchema = {
  $id: 'NewDomainRecord',
  type: 'object',
  additionalProperties: false,
  required: ['domain', 'first_seen', 'first_seen_iso', 'nameserver', 'count'],
  properties: {
    domain: { type: 'string' },
    first_seen: { type: 'integer', description: 'Epoch seconds of the first report' },
    first_seen_iso: { type: 'string', format: 'date-time' },
    nameserver: { type: 'string', description: 'The nameserver given with the first report' },
    count: { type: 'integer', description: 'How many times the feed reported it as new' }
  },
  examples: [{
    domain: 'fresh-example.com.',
    first_seen: 1467763200,
    first_seen_iso: '2016-07-06T00:00:00Z',
    nameserver: 'ns1.example-dns.net.',
    count: 1
  }]
} as const

export const newDomainQuerySchema = {
  $id: 'NewDomainQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    since: {
      type: 'string',
      description: `Start of the window (inclusive). ${TIME_FORMS}. Default: 24 hours ago`,
      examples: ['-86400', '2016-07-05']
    },
    until: {
      type: 'string',
      description: 'End of the window (exclusive), same forms. Default: now',
      examples: ['2016-08-01']
    },
    nameserver: {
      type: 'string',
      maxLength: 1024,
      description: 'Only domains first seen delegated to this nameserver; `*.example.net` for ' +
        'any nameserver at or under example.net (a provider\'s nameservers). The list is then ' +
        'grouped by nameserver',
      examples: ['ns1.uwa.edu', '*.domaincontrol.com']
    },
    suffix: {
      type: 'string',
      maxLength: 1024,
      description: 'Only domains at or under this top-level domain or zone',
      examples: ['gov', 'example.co.uk']
    },
    ...pagingProperties
  }
} as const
