import t from 'tap'
import { testApp } from '../helpers/test-app.js'

const LONG_NAME = `${'a.'.repeat(2_000)}com`
const VERY_LONG_NAME = 'a'.repeat(12_000)

/** Every path that takes a name in a segment. */
const NAME_PATHS = ['/v1/domains/', '/v1/nameservers/', '/v1/mx/', '/v1/cnames/',
  '/v1/zones/%s/soa', '/pdns/query/', '/dnsdb/v2/lookup/rrset/name/',
  '/dnsdb/v2/lookup/rdata/name/']

function urlOf (path: string, name: string): string {
  return path.includes('%s') ? path.replace('%s', name) : `${path}${name}`
}

t.test('an over-long name in a path is refused as a name, quoted shortened', async (t) => {
  const app = await testApp(t)
  for (const path of NAME_PATHS) {
    for (const name of [LONG_NAME, `*.${LONG_NAME}`, VERY_LONG_NAME]) {
      if (name.startsWith('*') && !/domains|nameservers|mx|cnames/.test(path)) continue
      const url = urlOf(path, name)
      const res = await app.inject(url)
      t.equal(res.statusCode, 400, `${path} ${name.length}`)
      const type = res.headers['content-type']
      const detail: string = typeof type === 'string' && type.startsWith('text/plain')
        ? res.body
        : res.json().detail
      t.match(detail, /characters long; the limit is 253 octets/, path)
      t.notMatch(detail, /max param length|percent-encoding/, path)
      t.ok(detail.length < 400, `${path}: the name is shortened (${detail.length})`)
    }
  }
})

t.test('a URL that cannot be decoded is quoted shortened', async (t) => {
  const app = await testApp(t)
  const res = await app.inject(`/v1/domains/${'a'.repeat(3_000)}%E0%A4%A.com`)
  t.equal(res.statusCode, 400)
  t.match(res.json().detail, /check the URL's percent-encoding$/)
  t.ok(res.json().detail.length < 200)
})
