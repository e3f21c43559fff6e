import t from 'tap'
import { feedKindOfTopic, FEED_KINDS, parsers } from '../../src/feeds/index.js'
import { message, NOW } from './fixtures/feed-samples.js'

t.test('one parser per feed kind', (t) => {
  t.same(Object.keys(parsers).sort(), [...FEED_KINDS].sort())
  for (const kind of FEED_KINDS) t.type(parsers[kind], 'function', kind)
  t.end()
})

t.test('each parser reads its own topic only', (t) => {
  const ns = message('1467689785|leclaireiowa.gov|ns1.netexpress.net')
  t.equal(parsers.spamhaus_pdns_ns(ns, NOW).ok, true)
  t.equal(parsers.spamhaus_pdns_ipv4(ns, NOW).ok, false)
  t.equal(parsers.spamhaus_new_domains(ns, NOW).ok, false)
  t.equal(parsers.spamhaus_pdns_txt(ns, NOW).ok, false)
  t.end()
})

t.test('topic names to feed kinds', (t) => {
  t.equal(feedKindOfTopic('spamhaus_pdns_ns', ''), 'spamhaus_pdns_ns')
  t.equal(feedKindOfTopic('prod.spamhaus_pdns_txt', 'prod.'), 'spamhaus_pdns_txt')
  t.equal(feedKindOfTopic('spamhaus_pdns_txt', 'prod.'), undefined, 'prefix missing')
  t.equal(feedKindOfTopic('prod.spamhaus_pdns_txt', ''), undefined, 'prefix not expected')
  t.equal(feedKindOfTopic('SPAMHAUS_PDNS_NS', ''), undefined, 'Kafka topics are case-sensitive')
  t.equal(feedKindOfTopic('spamhaus_pdns_ns.', ''), undefined)
  t.equal(feedKindOfTopic('spamhaus_pdns_ptr', ''), undefined)
  t.equal(feedKindOfTopic('', ''), undefined)
  t.end()
})
