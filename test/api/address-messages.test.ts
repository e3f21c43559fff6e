import t from 'tap'
import { testApp } from '../helpers/test-app.js'

t.test('an address that is wrong says what is wrong with it', async (t) => {
  const app = await testApp(t)
  const cases: Array<[string, string, RegExp]> = [
    ['/v1/ips/walmart.com', 'INVALID_IP',
      /^"walmart\.com" is a domain name, not an address: .*\/v1\/domains\/walmart\.com$/],
    ['/v1/ips/WWW.Example.com.', 'INVALID_IP', /is a domain name, not an address/],
    ['/v1/ips/149.111.205.68/08', 'INVALID_CIDR',
      /prefix length with a leading zero \("08"\); write it 8/],
    ['/v1/ips/149.111.205.68,08', 'INVALID_CIDR', /leading zero \("08"\); write it 8/],
    ['/v1/ips/2001:db8::/032', 'INVALID_CIDR', /leading zero \("032"\); write it 32/],
    ['/v1/ips/149.111.205.68/033', 'INVALID_CIDR', /needs a prefix length from 0 to 32/],
    ['/v1/ips/1.2.3.0-1.2.3.255/24', 'INVALID_CIDR',
      /a range takes none of: send the range alone \(1\.2\.3\.0-1\.2\.3\.255\)/],
    ['/v1/ips/1.2.3.0-1.2.3.255,24', 'INVALID_CIDR', /a range takes none of/],
    ['/v1/ips/2001:db8::-2001:db8::ff/64', 'INVALID_CIDR', /a range takes none of/],
    ['/pdns/query/149.111.205.0,08', 'INVALID_CIDR', /leading zero/]
  ]
  for (const [url, code, detail] of cases) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
    t.match(res.json(), { code, detail }, url)
  }
})

t.test('the bulk lookup says the same of an indicator given as an address', async (t) => {
  const app = await testApp(t)
  const res = await app.inject({ method: 'POST', url: '/v1/lookup',
    payload: { indicators: [{ value: 'walmart.com', as: 'ip' }, '1.2.3.0-1.2.3.9/24'] } })
  const [name, range] = res.json().results
  t.match(name.error, { code: 'INVALID_IP', detail: /is a domain name, not an address/ })
  t.match(range.error, { code: 'INVALID_CIDR', detail: /a range takes none of/ })
})

t.test('DNSDB and CIRCL hints are written in the forms of the path asked', async (t) => {
  const app = await testApp(t)
  const dnsdb = (path: string) => app.inject(`/dnsdb/v2/${path}`)
  const circl = (path: string) => app.inject(`/pdns/query/${path}`)
  const sent: Array<[Promise<{ statusCode: number, body: string }>, RegExp]> = [
    [dnsdb('lookup/rdata/ip/149.111.205.0,33'), /address,prefix, e\.g\. 192\.0\.2\.0,24 /],
    [dnsdb('lookup/rdata/ip/1.2.3.0,08'), /write it 8: send a network as address,prefix/],
    [dnsdb('lookup/rdata/ip/1.2.3.0-1.2.3.9,24'), /or a network as address,prefix/],
    [circl('149.111.205.0,33'), /address,prefix, e\.g\. 192\.0\.2\.0,24 /],
    [circl('1.2.3.0,08'), /write it 8: send a network as address,prefix/],
    [dnsdb('lookup/rdata/ip/walmart.com'),
      /at \/dnsdb\/v2\/lookup\/rdata\/name\/walmart\.com, .*\/dnsdb\/v2\/lookup\/rrset\/name\//],
    [dnsdb('summarize/rdata/ip/walmart.com'), /at \/dnsdb\/v2\/summarize\/rdata\/name\/walmart/]
  ]
  for (const [answer, hint] of sent) {
    const res = await answer
    t.equal(res.statusCode, 400, hint.source)
    t.match(res.body, hint)
    t.notMatch(res.body, /address\/prefix|\d\/\d|\/v1\//, 'no form of another dialect')
  }
})

t.test('a range with a prefix is suggested alone only as a valid range', async (t) => {
  const app = await testApp(t)
  const cases: Array<[string, RegExp]> = [
    ['/v1/ips/1.2.3.4-1.2.3.0/24', /send the range alone \(1\.2\.3\.0-1\.2\.3\.4\)/],
    ['/v1/ips/1.2.3.4-1.2.3/24', /send a range alone, first-last, e\.g\. 192\.0\.2\.10-/],
    ['/v1/ips/1.2.3.4-2001:db8::/24', /send a range alone, first-last, e\.g\. /],
    ['/dnsdb/v2/lookup/rdata/ip/1.2.3.9-1.2.3.0,24',
      /send the range alone \(1\.2\.3\.0-1\.2\.3\.9\)/]
  ]
  for (const [url, hint] of cases) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
    t.match(res.body, hint, url)
  }
})

t.test('an IPv4-mapped IPv6 address is refused with its IPv4 form, in every dialect',
  async (t) => {
    const app = await testApp(t)
    const cases: Array<[string, string]> = [
      ['/v1/ips/::ffff:149.111.205.68', '149.111.205.68'],
      ['/v1/ips/::FFFF:956f:cd44', '149.111.205.68'],
      ['/v1/ips/::ffff:149.111.205.0/120', '149.111.205.0/24'],
      ['/v1/ips/::ffff:1.2.3.9-::ffff:1.2.3.0', '1.2.3.0-1.2.3.9'],
      ['/dnsdb/v2/lookup/rdata/ip/::ffff:149.111.205.0,120', '149.111.205.0,24'],
      ['/pdns/query/::ffff:149.111.205.68', '149.111.205.68']
    ]
    for (const [url, ipv4] of cases) {
      const res = await app.inject(url)
      t.equal(res.statusCode, 400, url)
      t.match(res.body, /is an IPv4 (address|network|range) written as IPv6 \(IPv4-mapped/,
        url)
      t.match(res.body, `: send ${ipv4}`, url)
    }
    const bulk = await app.inject({ method: 'POST', url: '/v1/lookup',
      payload: { indicators: ['::ffff:1.2.3.4'] } })
    t.match(bulk.json().results[0].error, { code: 'INVALID_IP', detail: /send 1\.2\.3\.4$/ })
    const wide = await app.inject('/v1/ips/::/0')
    t.equal(wide.statusCode, 200, 'a network that only holds the mapped ones is read as sent')
  })
