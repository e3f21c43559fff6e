import t from 'tap'
import { parseMx } from '../../src/feeds/mx-parser.js'
import { expectOk, expectReject, fixtureLines, message, NOW } from './fixtures/feed-samples.js'
import { runPipeBattery, withField } from './fixtures/pipe-battery.js'

const lines = fixtureLines('spamhaus_pdns_mx')
const first = lines[0]!
const mx = (value: string) => parseMx(message(withField(first, 2, value)), NOW)

t.test('real lines carry the exchange host alone', (t) => {
  t.same(parseMx(message(first), NOW), {
    ok: true,
    observations: [{
      rrname: 'nic.gov.',
      rrtype: 'MX',
      rdata: 'dotgov.gov.s6a1.psmtp.com.',
      timeSeen: 1468211432
    }]
  })
  const dotted = lines.find((line) => line.endsWith('.'))!
  const host = dotted.split('|')[2]!.toLowerCase()
  t.equal(expectOk(t, parseMx(message(dotted), NOW)).observations[0]?.rdata, host, 'one root dot')
  t.end()
})

t.test('"preference host" is normalized', (t) => {
  t.equal(expectOk(t, mx('10 mx.example.com')).observations[0]?.rdata, '10 mx.example.com.')
  t.equal(expectOk(t, mx('010 MX.Example.COM.')).observations[0]?.rdata, '10 mx.example.com.')
  t.equal(expectOk(t, mx('0 .')).observations[0]?.rdata, '0 .', 'RFC 7505 null MX')
  t.equal(expectOk(t, mx('65535 a.b')).observations[0]?.rdata, '65535 a.b.')
  t.end()
})

t.test('other shapes are rejected', (t) => {
  expectReject(t, mx('10  mx.example.com'), 'bad_mx', 'two spaces')
  expectReject(t, mx('10 mx.example.com extra'), 'bad_mx', 'three words')
  expectReject(t, mx('65536 mx.example.com'), 'bad_mx_preference', 'preference over 65535')
  expectReject(t, mx('-1 mx.example.com'), 'bad_mx_preference', 'negative preference')
  expectReject(t, mx('1.5 mx.example.com'), 'bad_mx_preference', 'fractional preference')
  expectReject(t, mx('mx.example.com 10'), 'bad_mx_preference', 'reversed')
  expectReject(t, mx('10 '), 'padded_field', 'a preference without a host is padded')
  expectReject(t, mx('10\tmx.example.com'), 'bad_name_character', 'a tab is no separator')
  expectReject(t, mx('10 mx..example.com'), 'empty_label')
  t.end()
})

runPipeBattery(t, parseMx, first, 0)
