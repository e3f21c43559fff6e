import t from 'tap'
import { parseIpv6 } from '../../src/feeds/address-parser.js'
import { expectOk, expectReject, fixtureLines, message, NOW } from './fixtures/feed-samples.js'
import { runPipeBattery, withField } from './fixtures/pipe-battery.js'

const lines = fixtureLines('spamhaus_pdns_ipv6')
const first = lines[0]!
const address = (value: string) => parseIpv6(message(withField(first, 2, value)), NOW)

t.test('real lines', (t) => {
  t.same(parseIpv6(message(first), NOW), {
    ok: true,
    observations: [{
      rrname: 'ns5.brrice.edu.',
      rrtype: 'AAAA',
      rdata: '2600:1800:15::1',
      timeSeen: 1467691421
    }]
  })
  for (const line of lines.slice(0, 100)) {
    const result = expectOk(t, parseIpv6(message(line), NOW), line)
    t.equal(result.observations[0]?.rdata, line.split('|')[2], 'the feed sends RFC 5952 already')
  }
  t.end()
})

t.test('addresses are stored in RFC 5952 form', (t) => {
  const cases: [string, string][] = [
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['::FFFF:192.0.2.1', '::ffff:192.0.2.1'],
    ['::ffff:c000:0201', '::ffff:192.0.2.1']
  ]
  for (const [sent, stored] of cases) {
    t.equal(expectOk(t, address(sent), sent).observations[0]?.rdata, stored)
  }
  t.end()
})

t.test('bad IPv6 addresses', (t) => {
  const bad = ['', ':', ':::', '1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7',
    ':1::', '1::2:', '[::1]', '::1/128', '::ffff:1.2.3.256', '::ffff:1.2.3.04', '1.2.3.4::']
  for (const value of bad) expectReject(t, address(value), 'bad_ipv6', JSON.stringify(value))
  const zone = expectReject(t, address('fe80::1%eth0'), 'ipv6_zone_id')
  t.match(zone?.reason, /"%eth0"/)
  t.end()
})

t.test('an IPv4 address on the IPv6 topic has its own code', (t) => {
  const wrong = expectReject(t, address('192.0.2.1'), 'ipv4_on_ipv6_topic')
  t.equal(wrong?.reason, '"192.0.2.1" is an IPv4 address, on the IPv6 (AAAA record) topic')
  expectReject(t, address('192.0.2.256'), 'bad_ipv6', 'not valid IPv4 either')
  t.end()
})

runPipeBattery(t, parseIpv6, first, 0)
