/**
 * One example request for each native operation, from the sample data in data/sample/, with
 * what the sample answers to it: every parameter's example is the value it has in that request,
 * so that the examples, taken together, are a request that returns records (the second page
 * of a list cut at one record, to show the cursor too, where the sample has more than one).
 * test/api/openapi.test.ts sends them.
 */
import { bulkLookupRequestSchema, bulkLookupResponseSchema } from './bulk-lookup.js'

export type ParameterValue = string | number | boolean

export interface OperationExample {
  /** Every path and query parameter, as sent; a path value as it is before percent-encoding. */
  parameters: Record<string, ParameterValue>
  /**
   * Parameters that cannot come with `replaces` (a TXT search takes one of contains, prefix
   * and exact): each is sent in its place, without the cursor, which belongs to the first.
   * The OpenAPI document gives them no example, so that the examples it has, sent together
   * (as Swagger's "Try it out" sends them), stay one request; their description gives these.
   */
  alternatives?: { replaces: string, parameters: Record<string, ParameterValue> }
  /** The request's JSON body, for a POST. */
  body?: unknown
  /** What the sample data answers (JSON). */
  answer: unknown
}

/** The four time fences; each example writes them in the forms a time takes. */
function fences (firstAfter: string, firstBefore: string, lastAfter: string, lastBefore: string) {
  return {
    time_first_after: firstAfter,
    time_first_before: firstBefore,
    time_last_after: lastAfter,
    time_last_before: lastBefore
  }
}

/** The day 2023-10-04. */
const OCTOBER_4 = fences('2023-10-04', '2023-10-05T00:00:00Z', '1696377600', '1696464000')
const ROOT_FENCES = fences('2016-07-01', '2024-01-01', '1467331200', '2027-01-01T00:00:00Z')
const CNAME_FENCES = fences('2018-03-24', '2018-03-25T00:00:00Z', '1521849600', '1521936000')
const GOV_SOA_FENCES = fences('2016-07-01', '2016-08-01T00:00:00Z', '1467331200', '2016-08-01')

function iso (seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
}

/**
 * Times of an example's parameters as the answer's query shows them: each in epoch seconds
 * and in ISO 8601. The examples write only epoch seconds, dates and UTC times.
 */
function shownTimes (times: Record<string, string>) {
  const shown: Record<string, number | string> = {}
  for (const [name, text] of Object.entries(times)) {
    const seconds = /^\d+$/.test(text) ? Number(text) : Date.parse(text) / 1000
    shown[name] = seconds
    shown[`${name}_iso`] = iso(seconds)
  }

  return shown
}

function record (rrname: string, rrtype: string, rdata: string, first: number, last: number,
  count: number) {
  return {
    rrname, rrtype, rdata, first_seen: first, last_seen: last,
    first_seen_iso: iso(first), last_seen_iso: iso(last), count
  }
}

const PAGE = { limit: 1, format: 'json', humantime: false } as const

/** The second page of a list cut at one record, as every list answers it in JSON. */
function page (query: object, records: object[], nextCursor: string | null, extra = {}) {
  return { query, records, truncated: nextCursor !== null, next_cursor: nextCursor, limit: 1,
    ...extra }
}

export const OPERATION_EXAMPLES: Record<string, OperationExample> = {
  'GET /v1/domains/{name}': {
    parameters: {
      name: 'walmart.com', type: 'NS,MX', ...OCTOBER_4, ...PAGE,
      cursor: 'WyJyTHMwS3NseHJXTzEiLCJjb20ud2FsbWFydC4iLDIsMjAwXQ'
    },
    answer: page({ name: 'walmart.com.', rrtypes: ['NS', 'MX'], ...shownTimes(OCTOBER_4) }, [
      record('walmart.com.', 'NS', 'a8-66.akam.net.', 1696452491, 1696452491, 1)
    ], 'WyJyTHMwS3NseHJXTzEiLCJjb20ud2FsbWFydC4iLDIsNDYyNF0')
  },
  'GET /v1/ips/{ip}': {
    parameters: {
      ip: '149.111.205.10-149.111.205.200', ...OCTOBER_4, ...PAGE,
      cursor: 'WyJGT0RQb21PVUE5Q2wiLHsiYiI6Ijk1NmZjZDE5In0sMjQ1Ml0'
    },
    answer: page({ ip: '149.111.205.10-149.111.205.200', rrtype: 'A', ...shownTimes(OCTOBER_4) }, [
      record('mailbr.corpmailsvcs.com.', 'A', '149.111.205.25', 1696403368, 1696461713, 7)
    ], 'WyJGT0RQb21PVUE5Q2wiLHsiYiI6Ijk1NmZjZDE5In0sMjQ1N10')
  },
  'GET /v1/ips/{ip}/{prefix}': {
    parameters: {
      ip: '149.111.205.0', prefix: '24', ...OCTOBER_4, ...PAGE,
      cursor: 'WyJIaHJUNF9HMHQ1dGoiLHsiYiI6Ijk1NmZjZDE5In0sMjQ1Ml0'
    },
    answer: page({ ip: '149.111.205.0/24', rrtype: 'A', ...shownTimes(OCTOBER_4) }, [
      record('mailbr.corpmailsvcs.com.', 'A', '149.111.205.25', 1696403368, 1696461713, 7)
    ], 'WyJIaHJUNF9HMHQ1dGoiLHsiYiI6Ijk1NmZjZDE5In0sMjQ1N10')
  },
  'GET /v1/nameservers/{host}': {
    parameters: {
      host: 'a.root-servers.net',
      ...ROOT_FENCES,
      ...PAGE,
      cursor: 'WyJObUk4Zy0ySjhNZlMiLDI0NzksNTQ5OV0'
    },
    answer: page({ host: 'a.root-servers.net.', rrtype: 'NS', ...shownTimes(ROOT_FENCES) }, [
      record('.', 'NS', 'a.root-servers.net.', 1699077000, 1787421000, 2)
    ], null)
  },
  'GET /v1/mx/{host}': {
    parameters: {
      host: 'mailrnh.corpmailsvcs.com', ...OCTOBER_4, ...PAGE,
      cursor: 'WyJKUjlmZTNyZGhoNlAiLDE2MDY5NjcyNCwyNzg2XQ'
    },
    answer: page({ host: 'mailrnh.corpmailsvcs.com.', rrtype: 'MX', ...shownTimes(OCTOBER_4) }, [
      record('orthology.com.', 'MX', 'mailrnh.corpmailsvcs.com.', 1696387829, 1696387829, 1)
    ], 'WyJKUjlmZTNyZGhoNlAiLDE2MDY5NjcyNCwyNzk4XQ')
  },
  'GET /v1/cnames/{target}': {
    parameters: {
      target: 'github.map.fastly.net',
      ...CNAME_FENCES,
      ...PAGE,
      cursor: 'WyJhN1BjdmdUWVpHUHoiLDEyNzksMTI3OF0'
    },
    answer: page({
      target: 'github.map.fastly.net.', rrtype: 'CNAME', ...shownTimes(CNAME_FENCES)
    }, [
      record('avatars2.githubusercontent.com.', 'CNAME', 'github.map.fastly.net.', 1521911779,
        1521911779, 4)
    ], 'WyJhN1BjdmdUWVpHUHoiLDEyNzksMTI4MF0')
  },
  'GET /v1/new-domains': {
    parameters: {
      since: '2016-07-01',
      until: '2016-08-01T00:00:00Z',
      nameserver: '*.usda.gov',
      suffix: 'gov',
      ...PAGE,
      cursor: 'WyIzSWllc0NsS3BxTEgiLCJnb3YudXNkYS5uczEuIiwxNDY3NzYwNzY1LDQxXQ'
    },
    answer: page({
      ...shownTimes({ since: '2016-07-01', until: '2016-08-01T00:00:00Z' }),
      nameserver: '*.usda.gov.',
      suffix: 'gov.'
    }, [
      {
        domain: 'woodsy.gov.',
        first_seen: 1468498276,
        first_seen_iso: '2016-07-14T12:11:16Z',
        nameserver: 'ns1.usda.gov.',
        count: 1
      }
    ], 'WyIzSWllc0NsS3BxTEgiLCJnb3YudXNkYS5uczEuIiwxNDY4NDk4Mjc2LDM5N10')
  },
  'GET /v1/rejected': {
    parameters: {
      topic: 'spamhaus_pdns_cname', code: 'bad_name_character', ...PAGE,
      cursor: 'WyJWZmFOQy1fbWtHNHAiLDFd'
    },
    answer: page({ topic: 'spamhaus_pdns_cname', code: 'bad_name_character' }, [
      {
        id: 2,
        topic: 'spamhaus_pdns_cname',
        partition: -1,
        offset: '110',
        code: 'bad_name_character',
        reason: 'cname "RRSIG 5 mozilla.net" contains a space ' +
          '(line 110 of data/sample/spamhaus_pdns_cname.txt)',
        payload_head: '1521911724|dcky6u1m8u6el.cloudfront.net|RRSIG 5 mozilla.net',
        payload_bytes: 59,
        // When the sample was loaded: the one field that differs from one service to another.
        rejected_at: 1796421696,
        rejected_at_iso: '2026-12-04T22:01:36Z'
      }
    ], 'WyJWZmFOQy1fbWtHNHAiLDJd')
  },
  'GET /v1/txt': {
    parameters: {
      exact: 'v=spf1 include:_spfv4.corpmailsvcs.com -all',
      ignore_case: false,
      name: '*.com',
      ...OCTOBER_4,
      ...PAGE,
      cursor: 'WyIxeHpuZzhqUFh6dWwiLCJcInY9c3BmMSBpbmNsdWRlOl9zcGZ2NC5jb3JwbWFpbHN2Y3MuY29' +
        'tIC1hbGxcIiIsMjc3OV0'
    },
    alternatives: {
      replaces: 'exact',
      parameters: { contains: 'include:_spfv4.corpmailsvcs.com', prefix: 'v=spf1 include:_spfv4' }
    },
    answer: page({
      exact: '"v=spf1 include:_spfv4.corpmailsvcs.com -all"',
      name: '*.com.',
      ...shownTimes(OCTOBER_4),
      scan_limit: 50000
    }, [
      record('enshealth.com.', 'TXT', '"v=spf1 include:_spfv4.corpmailsvcs.com -all"', 1696448972,
        1696448972, 1)
    ], 'WyIxeHpuZzhqUFh6dWwiLCJcInY9c3BmMSBpbmNsdWRlOl9zcGZ2NC5jb3JwbWFpbHN2Y3MuY29' +
      'tIC1hbGxcIiIsMjc5MV0', { scan_limited: false })
  },
  // The zone is not the root: a browser (and so Swagger's "Try it out") or fetch() folds a
  // path segment `.` or `%2E` away (README "Known limitations"). The sample has one SOA for it.
  'GET /v1/zones/{zone}/soa': {
    parameters: { zone: 'gov', order: 'desc', ...GOV_SOA_FENCES, ...PAGE },
    answer: page({ zone: 'gov.', order: 'desc', ...shownTimes(GOV_SOA_FENCES) }, [
      {
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
      }
    ], null)
  },
  'POST /v1/lookup': {
    parameters: {},
    body: bulkLookupRequestSchema.examples[0],
    answer: bulkLookupResponseSchema.examples[0]
  }
}
