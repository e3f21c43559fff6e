/**
 * A record type list with an empty item (`A,`, `A,,MX`) is a stray comma: every API says so
 * and suggests the list without it, written as it was sent, and that suggestion is accepted.
 */
import t from 'tap'
import { testApp } from '../helpers/test-app.js'

const STRAY = /has an empty item \(a stray comma\): send the list without it, /

t.test('a /v1 query type with an empty item suggests type= without it', async (t) => {
  const app = await testApp(t)
  for (const [sent, fix] of [['A,', 'type=A'], ['A,,MX', 'type=A,MX'], [',aaaa', 'type=AAAA']] as const) {
    const refused = await app.inject(`/v1/domains/example.com?type=${sent}`)
    t.equal(refused.statusCode, 400, sent)
    t.equal(refused.json().detail, `type "${sent}" has an empty item (a stray comma): send the ` +
      `list without it, ${fix}`)
    t.equal((await app.inject(`/v1/domains/example.com?${fix}`)).statusCode, 200, fix)
  }
  const unknown = await app.inject('/v1/domains/example.com?type=A,,XX')
  t.match(unknown.json().detail, /^type "XX" is not one dnsledger stores/, 'no unsendable fix')
  const blank = await app.inject('/v1/domains/example.com?type=,')
  t.match(blank.json().detail, /^type "," names no record type/)
})

t.test('a bulk body type with an empty item suggests the body\'s own form', async (t) => {
  const app = await testApp(t)
  const cases: Array<[unknown, string]> = [['A,', '"type": "A"'], [['A', ''], '"type": ["A"]'],
    [['A', 'MX,'], '"type": ["A","MX"]']]
  for (const [type, fix] of cases) {
    const refused = await app.inject({ method: 'POST', url: '/v1/lookup',
      payload: { indicators: ['example.com'], type } })
    t.equal(refused.statusCode, 400, JSON.stringify(type))
    t.match(refused.json().detail, STRAY)
    t.ok(refused.json().detail.endsWith(fix), refused.json().detail)
    const again = await app.inject({ method: 'POST', url: '/v1/lookup',
      payload: { indicators: ['example.com'], ...JSON.parse(`{${fix}}`) } })
    t.equal(again.statusCode, 200, fix)
  }
})

t.test('a DNSDB rrtype and a CIRCL type filter with an empty item say so too', async (t) => {
  const app = await testApp(t)
  const dnsdb = await app.inject('/dnsdb/v2/lookup/rrset/name/example.com/A,')
  t.equal(dnsdb.statusCode, 400)
  t.equal(dnsdb.body, 'Error: rrtype "A," has an empty item (a stray comma): send the list ' +
    'without it, A\n')
  t.equal((await app.inject('/dnsdb/v2/lookup/rrset/name/example.com/A')).statusCode, 200)
  const circl = await app.inject({ url: '/pdns/query/example.com',
    headers: { 'dribble-filter-rrtype': 'a,' } })
  t.equal(circl.statusCode, 400)
  t.match(circl.body, /dribble-filter-rrtype \\?"a,\\?" has an empty item .*without it, A"/)
})
