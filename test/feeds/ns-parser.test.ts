import t from 'tap'
import { parseNs } from '../../src/feeds/ns-parser.js'
import { expectOk, expectReject, fixtureLines, message, NOW } from './fixtures/feed-samples.js'
import { runPipeBattery, withField } from './fixtures/pipe-battery.js'

const lines = fixtureLines('spamhaus_pdns_ns')
const first = lines[0]!

t.test('real lines', (t) => {
  t.same(parseNs(message(first), NOW), {
    ok: true,
    observations: [{
      rrname: 'leclaireiowa.gov.',
      rrtype: 'NS',
      rdata: 'ns1.netexpress.net.',
      timeSeen: 1467689785
    }]
  })
  t.end()
})

t.test('the root zone NS set keeps the root name as "."', (t) => {
  const root = lines.find((line) => line.includes('|.|'))!
  t.equal(root, '1699077000|.|a.root-servers.net')
  const result = expectOk(t, parseNs(message(root), NOW))
  t.equal(result.observations[0]?.rrname, '.')
  t.equal(result.observations[0]?.rdata, 'a.root-servers.net.')
  t.end()
})

t.test('arpa with and without the root dot come out the same', (t) => {
  const plain = lines.find((line) => /^\d+\|arpa\|/.test(line))!
  const dotted = lines.find((line) => /^\d+\|arpa\.\|/.test(line))!
  const names = [plain, dotted].map((line) => parseNs(message(line), NOW))
  t.same(names.map((r) => r.ok && r.observations[0]?.rrname), ['arpa.', 'arpa.'])
  t.end()
})

t.test('bad nameservers', (t) => {
  const server = (value: string) => parseNs(message(withField(first, 2, value)), NOW)
  expectReject(t, server(''), 'empty_name')
  expectReject(t, server('ns1.netexpress.net..'), 'empty_label')
  expectReject(t, server('ns1@netexpress.net'), 'bad_name_character')
  expectReject(t, server('ns1.netexpress.net\\'), 'bad_escape')
  t.end()
})

runPipeBattery(t, parseNs, first, 0)
