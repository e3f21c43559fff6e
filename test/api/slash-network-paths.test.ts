import t from 'tap'
import { testApp } from '../helpers/test-app.js'

t.test('DNSDB: a network written with a slash is a 400 line saying to write address,prefix',
  async (t) => {
    const app = await testApp(t)
    for (const [url, fixed] of [
      ['/dnsdb/v2/lookup/rdata/ip/149.111.205.0/24', '/dnsdb/v2/lookup/rdata/ip/149.111.205.0,24'],
      ['/dnsdb/v2/summarize/rdata/ip/2001:db8::/32', '/dnsdb/v2/summarize/rdata/ip/2001:db8::,32']
    ] as const) {
      const res = await app.inject(url)
      t.equal(res.statusCode, 400, url)
      t.match(res.headers['content-type'], /^text\/plain/)
      t.equal(res.body, `Error: ${url} writes a network with a slash, which ends a path ` +
        `segment here: write it address,prefix: ${fixed}\n`)
    }
  })

t.test('CIRCL: a network written with a slash is a problem saying to write address,prefix',
  async (t) => {
    const app = await testApp(t)
    const res = await app.inject('/pdns/query/149.111.205.0/24')
    t.equal(res.statusCode, 400)
    t.match(res.json(), { code: 'INVALID_CIDR',
      detail: /write it address,prefix: \/pdns\/query\/149\.111\.205\.0,24$/ })
  })

t.test('other paths with no route are still a 404', async (t) => {
  const app = await testApp(t)
  t.equal((await app.inject('/pdns/query/a/b')).statusCode, 404)
  t.equal((await app.inject('/dnsdb/v2/lookup/rdata/ip/1.2.3.0/24/x')).statusCode, 404)
  t.equal((await app.inject('/v1/ips/1.2.3.0/24/5')).statusCode, 404)
})
