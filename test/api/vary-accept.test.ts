import t from 'tap'
import { testApp } from '../helpers/test-app.js'

/** Answers of every kind under /v1: pages, streams, and each kind of error. */
const REQUESTS: Array<[string, Record<string, string>, number]> = [
  ['/v1/domains/example.com', {}, 200],
  ['/v1/domains/example.com?format=csv', {}, 200],
  ['/v1/domains/example.com', { accept: 'image/png' }, 406],
  ['/v1/domains/example.com?limit=0', {}, 400],
  ['/v1/domains/bad..name', {}, 400],
  ['/v1/ips/300.1.1.1', {}, 400],
  ['/v1/txt?contains=abc', {}, 400],
  ['/v1/new-domains?since=x', {}, 400],
  ['/v1/rejected?topic=x', {}, 400],
  ['/v1/zones/*.x/soa', {}, 400],
  ['/v1/nothing-here', {}, 404]
]

t.test('every /v1 answer carries Vary: Accept, errors included, once', async (t) => {
  const app = await testApp(t)
  for (const [url, headers, status] of REQUESTS) {
    const res = await app.inject({ url, headers })
    t.equal(res.statusCode, status, url)
    const vary = String(res.headers.vary ?? '').split(',').map((name) => name.trim())
    t.same(vary.filter((name) => name.toLowerCase() === 'accept'), ['Accept'], `${url}: ${vary}`)
  }
  const bulk = await app.inject({ method: 'POST', url: '/v1/lookup', payload: {} })
  t.equal(bulk.statusCode, 400)
  t.match(bulk.headers.vary, /Accept/)
})

t.test('Vary keeps what CORS adds', async (t) => {
  const app = await testApp(t, undefined, { corsOrigins: ['https://soc.example.com'] })
  const res = await app.inject({ url: '/v1/domains/example.com?limit=0',
    headers: { origin: 'https://soc.example.com' } })
  t.match(res.headers.vary, /Origin/)
  t.match(res.headers.vary, /Accept/)
})
