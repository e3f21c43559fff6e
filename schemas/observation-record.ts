/** When and how often a record was observed, as every record shows it. */
export const seenProperties = {
  first_seen: { type: 'integer', description: 'Epoch seconds of the earliest observation' },
  last_seen: { type: 'integer', description: 'Epoch seconds of the latest observation' },
  first_seen_iso: { type: 'string', format: 'date-time' },
  last_seen_iso: { type: 'string', format: 'date-time' },
  count: { type: 'integer', minimum: 1, description: 'How many times it was observed' }
} as const

/** One distinct (rrname, rrtype, rdata) with when and how often it was observed. */
export const observationRecordSchema = {
  $id: 'ObservationRecord',
  type: 'object',
  additionalProperties: false,
  required: ['rrname', 'rrtype', 'rdata', 'first_seen', 'last_seen', 'first_seen_iso',
    'last_seen_iso', 'count'],
  properties: {
    rrname: { type: 'string', description: 'Owner name: lower case, ASCII, with the trailing dot' },
    rrtype: { type: 'string', enum: ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'SOA', 'TXT'] },
    rdata: {
      type: 'string',
      description: 'A: dotted quad. AAAA: RFC 5952 text. NS, CNAME: a name. MX: `host` or ' +
        '`preference host`. TXT: each string in double quotes, joined by a space. SOA: `mname ' +
        'rname serial refresh retry expire minimum`.'
    },
    ...seenProperties
  },
  examples: [{
    rrname: 'nic.gov.',
    rrtype: 'MX',
    rdata: 'dotgov.gov.s6a1.psmtp.com.',
    first_seen: 1468211432,
    last_seen: 1468211432,
    first_seen_iso: '2016-07-11T04:30:32Z',
    last_seen_iso: '2016-07-11T04:30:32Z',
    count: 1
  }]
} as const
