import t from 'tap'
import { closestWord } from '../../src/api/closest-word.js'

const TOPICS = ['spamhaus_new_domains', 'spamhaus_pdns_cname', 'spamhaus_pdns_ipv4',
  'spamhaus_pdns_mx', 'spamhaus_pdns_ns']

t.test('a word holding what was sent comes before a nearer one', async (t) => {
  t.equal(closestWord('pdns_cname', TOPICS), 'spamhaus_pdns_cname')
  t.equal(closestWord('CNAME', TOPICS), 'spamhaus_pdns_cname', 'case folded')
  t.equal(closestWord('ns', TOPICS), 'spamhaus_pdns_ns', 'one ending with it, of many holding it')
  t.equal(closestWord('new_domains', TOPICS), 'spamhaus_new_domains')
})

t.test('else the nearest word within a third of its length, never a rewrite', async (t) => {
  t.equal(closestWord('nameservr', ['domain', 'nameserver', 'mx']), 'nameserver')
  t.equal(closestWord('spamhaus_pdns_ipv5', TOPICS), 'spamhaus_pdns_ipv4')
  t.equal(closestWord('x', ['t', 'mx']), undefined, 'one letter is held by too many words')
  t.equal(closestWord('zzzzzz', TOPICS), undefined)
})
