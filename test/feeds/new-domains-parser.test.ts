import t from 'tap'
import { parseNewDomain } from '../../src/feeds/new-domains-parser.js'
import { expectOk, expectReject, fixtureLines, message, NOW } from './fixtures/feed-samples.js'
import { runPipeBattery, withField } from './fixtures/pipe-battery.js'

const lines = fixtureLines('spamhaus_new_domains')
const first = lines[0]!

t.test('a real line is a new domain and an NS observation', (t) => {
  t.equal(first, 'NS|1467690994|centralfloridacollege.edu|ns1.pointclick.net')
  t.same(parseNewDomain(message(first), NOW), {
    ok: true,
    observations: [{
      rrname: 'centralfloridacollege.edu.',
      rrtype: 'NS',
      rdata: 'ns1.pointclick.net.',
      timeSeen: 1467690994
    }],
    newDomain: {
      domain: 'centralfloridacollege.edu.',
      nameserver: 'ns1.pointclick.net.',
      firstSeen: 1467690994
    }
  })
  t.end()
})

t.test('real lines with trailing root dots on either name', (t) => {
  const dotted = lines.find((line) => /\.\|.*\.$/.test(line))!
  const result = expectOk(t, parseNewDomain(message(dotted), NOW))
  const [, , domain, nameserver] = dotted.split('|')
  t.equal(result.newDomain?.domain, domain!.toLowerCase(), 'domain keeps its one root dot')
  t.equal(result.newDomain?.nameserver, nameserver!.toLowerCase(), 'so does the nameserver')
  t.equal(result.observations[0]?.rrname, result.newDomain?.domain)
  t.equal(result.observations[0]?.rdata, result.newDomain?.nameserver)
  t.end()
})

t.test('the record type field must be exactly NS', (t) => {
  for (const type of ['A', 'ns', 'SOA', '']) {
    const result = parseNewDomain(message(withField(first, 0, type)), NOW)
    expectReject(t, result, 'bad_record_type', `type ${JSON.stringify(type)}`)
  }
  t.end()
})

t.test('the nameserver is a name like any other', (t) => {
  const named = (value: string) => parseNewDomain(message(withField(first, 3, value)), NOW)
  const upper = expectOk(t, named('NS1.PointClick.NET.'))
  t.equal(upper.newDomain?.nameserver, 'ns1.pointclick.net.')
  expectReject(t, named(''), 'empty_name', 'empty nameserver')
  expectReject(t, named('ns1..pointclick.net'), 'empty_label')
  expectReject(t, named('ns1 pointclick.net'), 'bad_name_character')
  t.end()
})

runPipeBattery(t, parseNewDomain, first, 1)
