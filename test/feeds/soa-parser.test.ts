import t from 'tap'
import { parseSoa } from '../../src/feeds/soa-parser.js'
import { expectOk, expectReject, fixtureLines, message, NOW } from './fixtures/feed-samples.js'
import { runJsonBattery, withBody, withHeader } from './fixtures/json-battery.js'

const lines = fixtureLines('spamhaus_pdns_soa')
const good = JSON.parse(lines[0]!) as Record<string, unknown>
const soa = (changes: Record<string, unknown>) => parseSoa(message(withBody(good, changes)), NOW)

t.test('real lines', (t) => {
  t.same(parseSoa(message(lines[0]!), NOW), {
    ok: true,
    observations: [{
      rrname: 'gov.',
      rrtype: 'SOA',
      rdata: 'a.usadotgov.net. nstld.verisign-grs.com. 1467609001 3600 900 1814400 86400',
      timeSeen: 1468282466
    }]
  })
  t.end()
})

t.test('the root zone SOA keeps the root name as "."', (t) => {
  const root = lines.find((line) => line.includes('"Name":"."'))!
  const result = expectOk(t, parseSoa(message(root), NOW))
  t.equal(result.observations[0]?.rrname, '.')
  t.match(result.observations[0]?.rdata, /^a\.root-servers\.net\. nstld\.verisign-grs\.com\. \d+ /)
  t.end()
})

t.test('an Mbox with escaped dots keeps them', (t) => {
  const line = lines.find((line) => line.includes('disa\\\\.columbus'))!
  const rdata = expectOk(t, parseSoa(message(line), NOW)).observations[0]?.rdata
  t.match(rdata, /^\S+ disa\\\.columbus\\\.ns\\\.mbx\\\.hostmaster-dod-nic\.mail\.mil\. \d+/)
  t.end()
})

t.test('names are normalized', (t) => {
  const rdata = expectOk(t, soa({ Ns: 'A.Root-Servers.NET.', Mbox: 'NSTLD.verisign-grs.com' }))
    .observations[0]?.rdata
  t.match(rdata, /^a\.root-servers\.net\. nstld\.verisign-grs\.com\. /)
  expectReject(t, soa({ Ns: 'a..b.' }), 'empty_label', 'a bad Ns')
  expectReject(t, soa({ Mbox: 'noc dns.icann.org.' }), 'bad_name_character', 'a bad Mbox')
  expectReject(t, soa({ Ns: undefined }), 'missing_field', 'no Ns')
  expectReject(t, soa({ Mbox: 7 }), 'bad_field_type', 'Mbox a number')
  t.end()
})

t.test('numbers are unsigned 32-bit integers', (t) => {
  const top = expectOk(t, soa({ Serial: 4294967295, Minttl: 0 })).observations[0]?.rdata
  t.match(top, / 4294967295 \d+ \d+ \d+ 0$/)
  const over = expectReject(t, soa({ Serial: 4294967296 }), 'bad_soa_number', 'Serial 2^32')
  t.equal(over?.reason, 'SOA Serial 4294967296 is not a whole number from 0 to 4294967295')
  expectReject(t, soa({ Refresh: -1 }), 'bad_soa_number', 'negative Refresh')
  expectReject(t, soa({ Retry: 1.5 }), 'bad_soa_number', 'fractional Retry')
  const huge = withBody(good, { Expire: 0 }).replace('"Expire":0', '"Expire":1e400')
  expectReject(t, parseSoa(message(huge), NOW), 'bad_soa_number', 'Expire overflowing')
  expectReject(t, soa({ Serial: '2021120718' }), 'bad_field_type', 'Serial as a string')
  expectReject(t, soa({ Minttl: undefined }), 'missing_field', 'no Minttl')
  t.end()
})

t.test('a TXT header on the SOA topic', (t) => {
  const txtHeader = message(withHeader(good, { Rrtype: 16 }))
  const txt = expectReject(t, parseSoa(txtHeader, NOW), 'wrong_rrtype')
  t.equal(txt?.reason, 'Hdr.Rrtype is 16 (TXT), but this topic carries SOA (6)')
  t.end()
})

runJsonBattery(t, parseSoa, good)
