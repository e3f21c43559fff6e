import t from 'tap'
import { parseCname } from '../../src/feeds/cname-parser.js'
import { expectOk, expectReject, fixtureLines, message, NOW } from './fixtures/feed-samples.js'
import { runPipeBattery, withField } from './fixtures/pipe-battery.js'

const lines = fixtureLines('spamhaus_pdns_cname')
const first = lines[0]!

t.test('real lines', (t) => {
  t.same(parseCname(message(first), NOW), {
    ok: true,
    observations: [{
      rrname: 'ise.wrccdc.org.',
      rrtype: 'CNAME',
      rdata: 'ise.wrccdc.cpp.edu.',
      timeSeen: 1521911720
    }]
  })
  for (const line of lines.slice(0, 200).filter((line) => !line.includes('RRSIG'))) {
    const [, host, cname] = line.split('|')
    const result = expectOk(t, parseCname(message(line), NOW), line)
    t.equal(result.observations[0]?.rrname, host!.toLowerCase().replace(/\.?$/, '.'))
    t.equal(result.observations[0]?.rdata, cname!.toLowerCase().replace(/\.?$/, '.'))
  }
  t.end()
})

t.test('the RRSIG junk in the capture is rejected, naming the field', (t) => {
  const junkTarget = lines.find((line) => /^\d+\|[a-z.]+\|RRSIG/.test(line))!
  const target = expectReject(t, parseCname(message(junkTarget), NOW), 'bad_name_character')
  t.match(target?.reason, /^cname "RRSIG \d+ [a-z.]+" contains a space$/)
  const junkOwner = lines.find((line) => /^\d+\|RRSIG/.test(line))!
  const owner = expectReject(t, parseCname(message(junkOwner), NOW), 'bad_name_character')
  t.match(owner?.reason, /^host "RRSIG \d+ [a-z.]+" contains a space$/)
  t.end()
})

t.test('bad targets', (t) => {
  const target = (value: string) => parseCname(message(withField(first, 2, value)), NOW)
  expectReject(t, target(''), 'empty_name')
  expectReject(t, target('a..b'), 'empty_label')
  expectReject(t, target('a.*.b'), 'bad_wildcard')
  expectReject(t, target('[a].b'), 'bad_name_character')
  const dotted = expectOk(t, target('Ise.WRCCDC.cpp.EDU.'))
  t.equal(dotted.observations[0]?.rdata, 'ise.wrccdc.cpp.edu.')
  t.end()
})

runPipeBattery(t, parseCname, first, 0)
