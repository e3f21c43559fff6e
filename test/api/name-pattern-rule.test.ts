import t from 'tap'
import type { Store } from '../../src/store/store.js'
import { batchOf, obs } from '../helpers/temp-store.js'
import { testApp } from '../helpers/test-app.js'

const SEEN = 1_467_700_000

function fill (store: Store): void {
  store.write(batchOf([
    obs('walmart.com.', 'NS', 'ns1.walmart.com.', SEEN),
    obs('walmart.com.', 'MX', '10 mx.walmart.com.', SEEN),
    obs('walmart.com.', 'TXT', '"v=spf1 -all"', SEEN),
    obs('www.walmart.com.', 'CNAME', 'cdn.walmart.com.', SEEN)
  ], {
    newDomains: [{ domain: 'walmart.com.', nameserver: 'ns1.walmart.com.', firstSeen: SEEN }]
  }))
}

/** Every place a name pattern is taken, as a URL with the pattern in it. */
const PLACES: Array<(pattern: string) => string> = [
  (p) => `/v1/domains/${p}`,
  (p) => `/v1/nameservers/${p}`,
  (p) => `/v1/mx/${p}`,
  (p) => `/v1/cnames/${p}`,
  (p) => `/v1/txt?contains=spf1&name=${p}`,
  (p) => `/v1/new-domains?since=${SEEN - 1}&until=${SEEN + 1}&nameserver=${p}`
]

const NO_SUFFIX = ['*', '*.', '*.%2E', '*..']

t.test('a bare *, *. or *. and the root is a 400 saying to give a suffix, everywhere',
  async (t) => {
    const app = await testApp(t, fill)
    for (const place of PLACES) {
      for (const pattern of NO_SUFFIX) {
        const res = await app.inject(place(pattern))
        t.equal(res.statusCode, 400, place(pattern))
        t.match(res.json(), { code: 'INVALID_NAME',
          detail: /names no suffix.*send \*\. and a suffix, e\.g\. \*\.example\.com/ })
      }
    }
  })

t.test('* is the whole leftmost label, once, everywhere', async (t) => {
  const app = await testApp(t, fill)
  for (const place of PLACES) {
    for (const pattern of ['*.*.walmart.com', '*.*.*.walmart.com']) {
      const res = await app.inject(place(pattern))
      t.equal(res.statusCode, 400, place(pattern))
      t.match(res.json(), { code: 'INVALID_NAME',
        detail: /has more than one \*.*send \*\.walmart\.com$/ })
    }
    for (const pattern of ['a.*.walmart.com', '*walmart.com']) {
      const res = await app.inject(place(pattern))
      t.equal(res.statusCode, 400, place(pattern))
      t.match(res.json(), { code: 'INVALID_NAME', detail: /not the whole leftmost label/ })
    }
  }
})

t.test('the bulk lookup takes the same rule', async (t) => {
  const app = await testApp(t, fill)
  const res = await app.inject({ method: 'POST', url: '/v1/lookup',
    payload: { indicators: ['*', '*.*.walmart.com', '*.walmart.com'] } })
  const [bare, twice, good] = res.json().results
  t.match(bare.error, { code: 'INVALID_NAME', detail: /names no suffix/ })
  t.match(twice.error, { code: 'INVALID_NAME', detail: /more than one \*/ })
  t.equal(good.canonical, '*.walmart.com.')
})

t.test('a pattern is echoed as *. and its canonical suffix', async (t) => {
  const app = await testApp(t, fill)
  const echoes: Array<[string, string, string]> = [
    ['/v1/domains/*.WALMART.com', 'name', '*.walmart.com.'],
    ['/v1/nameservers/*.walmart.com.', 'host', '*.walmart.com.'],
    ['/v1/mx/*.walmart.com', 'host', '*.walmart.com.'],
    ['/v1/cnames/*.walmart.com', 'target', '*.walmart.com.'],
    ['/v1/txt?contains=spf1&name=*.walmart.com', 'name', '*.walmart.com.'],
    [`/v1/new-domains?since=${SEEN - 1}&until=${SEEN + 1}&nameserver=*.walmart.com`,
      'nameserver', '*.walmart.com.']
  ]
  for (const [url, field, shown] of echoes) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 200, url)
    t.equal(res.json().query[field], shown, url)
  }
})
