import t from 'tap'
import { parseDnsdbParams } from '../../src/api/dnsdb/dnsdb-params.js'
import { parseNamePattern } from '../../src/api/dnsdb/name-pattern.js'
import { parseRrtypeChoice } from '../../src/api/dnsdb/rrtype-choice.js'
import { safBody } from '../../src/api/dnsdb/saf-body.js'
import { summarize } from '../../src/api/dnsdb/summary.js'
import { parseIpRange } from '../../src/api/ip-range.js'

t.test('name patterns', async (t) => {
  t.same(parseNamePattern('WWW.Example.com'), { kind: 'exact', name: 'www.example.com.' })
  t.same(parseNamePattern('*.example.com.'), { kind: 'subtree', name: 'example.com.' })
  t.same(parseNamePattern('www.example.*'), { kind: 'leading', labels: 'www.example.' })
  t.same(parseNamePattern('*'), { kind: 'any' })
  t.throws(() => parseNamePattern('*.x.*'), { code: 'INVALID_NAME' })
  t.throws(() => parseNamePattern('a..b'), { code: 'INVALID_NAME' })
})

t.test('address spans', async (t) => {
  t.match(parseIpRange('192.0.2.7'), { rrtype: 'A', text: '192.0.2.7' })
  t.match(parseIpRange('192.0.2.7,24'), { rrtype: 'A', text: '192.0.2.0/24' })
  t.match(parseIpRange('2001:db8::-2001:db8::ff'), { rrtype: 'AAAA',
    text: '2001:db8::-2001:db8::ff' })
  t.throws(() => parseIpRange('192.0.2.9-192.0.2.1'), { code: 'INVALID_IP' })
  t.throws(() => parseIpRange('-192.0.2.1'), { code: 'INVALID_IP' })
})

t.test('record types: ANY is all; a type dnsledger does not store is refused, with the list',
  async (t) => {
    t.equal(parseRrtypeChoice(undefined), undefined)
    t.equal(parseRrtypeChoice('any'), undefined)
    t.same(parseRrtypeChoice('a,MX'), ['A', 'MX'])
    t.same(parseRrtypeChoice('TYPE1,type028'), ['A', 'AAAA'], 'RFC 3597 names of stored types')
    const list = /: send A, NS, CNAME, SOA, MX, TXT, AAAA or ANY$/
    for (const type of ['ANY-DNSSEC', 'TYPE65', 'PTR', 'FOO', 'A,PTR']) {
      t.throws(() => parseRrtypeChoice(type), { code: 'INVALID_RRTYPE',
        message: /^rrtype "(ANY-DNSSEC|TYPE65|PTR|FOO)" is not a record type dnsledger stores/ })
      t.throws(() => parseRrtypeChoice(type), { message: list })
    }
    t.throws(() => parseRrtypeChoice('A B'), { code: 'INVALID_RRTYPE',
      message: /^rrtype "A B" is not a record type: send A, NS/ })
  })

t.test('parameters: limit clamps, offsets and max_count belong to one verb each', async (t) => {
  const now = 1_800_000_000
  t.match(parseDnsdbParams({}, 'lookup', 50, now), { limit: 50, offset: 0, humantime: false })
  t.match(parseDnsdbParams({ limit: 7, humantime: 'true' }, 'lookup', 50, now),
    { limit: 7, humantime: true })
  t.match(parseDnsdbParams({ time_last_after: '-60' }, 'lookup', 50, now),
    { fences: { lastSeenAfter: now - 60 } })
  t.match(parseDnsdbParams({ max_count: 3 }, 'summarize', 50, now), { maxCount: 3 })
  t.throws(() => parseDnsdbParams({ offset: 1 }, 'summarize', 50, now),
    { code: 'OFFSET_TOO_LARGE' })
  t.throws(() => parseDnsdbParams({ max_count: 3 }, 'lookup', 50, now),
    { code: 'INVALID_REQUEST' })
})

t.test('SAF framing and summaries', async (t) => {
  t.equal(safBody([{ a: 1 }], { cond: 'succeeded' }),
    '{"cond":"begin"}\n{"obj":{"a":1}}\n{"cond":"succeeded"}\n')
  const record = (count: number, first: number, last: number) => ({ rrname: 'a.', rrtype: 'A' as
    const, rdata: '192.0.2.1', first_seen: first, last_seen: last, count })
  t.same(summarize([]), { summary: undefined, stoppedAtMaxCount: false })
  t.same(summarize([record(5, 10, 20), record(1, 5, 9), record(2, 30, 40)], 5), {
    summary: { count: 5, num_results: 1, time_first: 10, time_last: 20 },
    stoppedAtMaxCount: true
  })
  t.same(summarize([record(5, 10, 20), record(1, 5, 9)], 6).summary,
    { count: 6, num_results: 2, time_first: 5, time_last: 20 })
})
