import t from 'tap'
import { parseTxt } from '../../src/feeds/txt-parser.js'
import { expectOk, expectReject, fixtureLines, message, NOW } from './fixtures/feed-samples.js'
import { runJsonBattery, withBody, withHeader } from './fixtures/json-battery.js'

const lines = fixtureLines('spamhaus_pdns_txt')
const good = JSON.parse(lines[0]!) as Record<string, unknown>
const txt = (strings: unknown) => parseTxt(message(withBody(good, { Txt: strings })), NOW)

t.test('real lines', (t) => {
  const int = lines.find((line) => line.includes('"Name":"int."'))!
  t.same(parseTxt(message(int), NOW), {
    ok: true,
    observations: [{
      rrname: 'int.',
      rrtype: 'TXT',
      rdata: '"$Id: int 5255 2016-06-21 19:58:01Z dclosson $"',
      timeSeen: 1469602284
    }]
  })
  const dmarc = lines.find((line) => line.includes('"Name":"_dmarc.'))!
  const underscore = expectOk(t, parseTxt(message(dmarc), NOW), 'an _dmarc owner')
  t.match(underscore.observations[0]?.rrname, /^_dmarc\./)
  t.end()
})

t.test('several strings stay in order, each quoted, one space apart', (t) => {
  const line = lines.find((line) => (JSON.parse(line) as { Txt: string[] }).Txt.length === 6)!
  const strings = (JSON.parse(line) as { Txt: string[] }).Txt
  const rdata = expectOk(t, parseTxt(message(line), NOW)).observations[0]?.rdata
  t.equal(rdata, strings.map((s) => `"${s}"`).join(' '))
  t.end()
})

t.test('strings are kept exactly, with " and \\ escaped', (t) => {
  const cases: [string[], string][] = [
    [['v=spf1 -all'], '"v=spf1 -all"'],
    [['  two  spaces  '], '"  two  spaces  "'],
    [['say "hi"'], '"say \\"hi\\""'],
    [['back\\slash'], '"back\\\\slash"'],
    [['ünïcödé ✓ 😀'], '"ünïcödé ✓ 😀"'],
    [['', 'after empty'], '"" "after empty"'],
    [['tab\there', 'nul\u0000'], '"tab\\009here" "nul\\000"'],
    [['b', 'a'], '"b" "a"']
  ]
  for (const [strings, rdata] of cases) {
    t.equal(expectOk(t, txt(strings), rdata).observations[0]?.rdata, rdata)
  }
  t.end()
})

t.test('bad Txt lists', (t) => {
  expectReject(t, txt([]), 'bad_txt', 'empty list')
  expectReject(t, txt(['ok', 42]), 'bad_txt', 'a number item')
  expectReject(t, txt([null]), 'bad_txt', 'a null item')
  expectReject(t, txt([['nested']]), 'bad_txt', 'a nested list')
  expectReject(t, txt('v=spf1 -all'), 'bad_field_type', 'a string, not a list')
  expectReject(t, txt(undefined), 'missing_field', 'no Txt')
  const lone = message(withBody(good, { Txt: ['x'] }).replace('"x"', '"\\ud800x"'))
  expectReject(t, parseTxt(lone, NOW), 'bad_txt', 'a lone surrogate')
  t.end()
})

t.test('an SOA header on the TXT topic', (t) => {
  const soaHeader = message(withHeader(good, { Rrtype: 6 }))
  const soa = expectReject(t, parseTxt(soaHeader, NOW), 'wrong_rrtype')
  t.equal(soa?.reason, 'Hdr.Rrtype is 6 (SOA), but this topic carries TXT (16)')
  t.end()
})

runJsonBattery(t, parseTxt, good)
