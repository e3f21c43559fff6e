import t from 'tap'
import { parseIpv4 } from '../../src/feeds/address-parser.js'
import { expectOk, expectReject, fixtureLines, message, NOW } from './fixtures/feed-samples.js'
import { runPipeBattery, withField } from './fixtures/pipe-battery.js'

const lines = fixtureLines('spamhaus_pdns_ipv4')
const first = lines[0]!
const address = (value: string) => parseIpv4(message(withField(first, 2, value)), NOW)

t.test('real lines', (t) => {
  t.same(parseIpv4(message(first), NOW), {
    ok: true,
    observations: [{
      rrname: 'ns1.brazoriacounty-tx.gov.',
      rrtype: 'A',
      rdata: '66.249.101.240',
      timeSeen: 1467689882
    }]
  })
  for (const line of lines.slice(0, 100)) expectOk(t, parseIpv4(message(line), NOW), line)
  t.end()
})

t.test('bad IPv4 addresses say which part is wrong', (t) => {
  const over = expectReject(t, address('1.2.3.256'), 'bad_ipv4')
  t.equal(over?.reason, 'IPv4 octet "256" is over 255 in "1.2.3.256"')
  const zero = expectReject(t, address('10.010.0.1'), 'bad_ipv4')
  t.equal(zero?.reason, 'IPv4 octet "010" has a leading zero (octal or decimal?) in "10.010.0.1"')
  const few = expectReject(t, address('1.2.3'), 'bad_ipv4')
  t.equal(few?.reason, 'IPv4 address "1.2.3" has 3 parts; it needs 4')
  const bad = ['', '1.2.3.4.5', '1..2.3', '1.2.3.', '.1.2.3', '0x7f.0.0.1', '1.2.3.4/24',
    '1.2.3.-4', '١.٢.٣.٤', '1234.1.1.1', '4294967295', 'localhost']
  for (const value of bad) expectReject(t, address(value), 'bad_ipv4', JSON.stringify(value))
  t.end()
})

t.test('edge addresses are fine', (t) => {
  for (const value of ['0.0.0.0', '255.255.255.255', '10.0.0.1', '192.0.2.1']) {
    t.equal(expectOk(t, address(value)).observations[0]?.rdata, value)
  }
  t.end()
})

t.test('an IPv6 address on the IPv4 topic has its own code', (t) => {
  const wrong = expectReject(t, address('2001:db8::1'), 'ipv6_on_ipv4_topic')
  t.equal(wrong?.reason, '"2001:db8::1" is an IPv6 address, on the IPv4 (A record) topic')
  expectReject(t, address('::ffff:1.2.3.4'), 'ipv6_on_ipv4_topic', 'even IPv4-mapped')
  expectReject(t, address('2001:db8::1::2'), 'bad_ipv4', 'not valid IPv6 either')
  t.end()
})

runPipeBattery(t, parseIpv4, first, 0)
