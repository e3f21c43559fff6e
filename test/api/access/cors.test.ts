import t, { type Test } from 'tap'
import { buildApp, type AppOptions } from '../../../src/api/app.js'
import { tempStore } from '../../helpers/temp-store.js'

const KEY = 'cors-test-key-0123456789'
const SOC = 'https://soc.example.com'
const PREFLIGHT = { origin: SOC, 'access-control-request-method': 'GET',
  'access-control-request-headers': 'x-api-key' }

async function corsApp (t: Test, options: Partial<AppOptions> = {}) {
  const app = await buildApp({ store: tempStore(t), logger: false, ...options })
  t.teardown(() => app.close())

  return app
}

function corsHeaders (headers: Record<string, unknown>): string[] {
  return Object.keys(headers).filter((name) => name.startsWith('access-control-'))
}

t.test('off by default: no Access-Control-* header, and OPTIONS is a 405', async (t) => {
  const app = await corsApp(t)
  const get = await app.inject({ url: '/v1/domains/example.com', headers: { origin: SOC } })
  t.equal(get.statusCode, 200)
  t.same(corsHeaders(get.headers), [])
  const preflight = await app.inject({ method: 'OPTIONS', url: '/v1/domains/example.com',
    headers: PREFLIGHT })
  t.equal(preflight.statusCode, 405)
  t.equal(preflight.headers.allow, 'GET, HEAD')
  t.same(corsHeaders(preflight.headers), [])
})

t.test('listed origins: answered with their own origin, others get nothing', async (t) => {
  const app = await corsApp(t, { corsOrigins: [SOC, 'http://localhost:3000'] })
  const get = await app.inject({ url: '/v1/domains/example.com', headers: { origin: SOC } })
  t.equal(get.headers['access-control-allow-origin'], SOC)
  t.equal(get.headers.vary, 'Origin, Accept')
  t.match(get.headers['access-control-expose-headers'],
    /Link, X-Dnsledger-Truncated, .*RateLimit-Remaining.*Retry-After/)
  const stranger = await app.inject({ url: '/v1/domains/example.com',
    headers: { origin: 'https://evil.example' } })
  t.equal(stranger.statusCode, 200, 'the request itself is answered; the browser hides it')
  t.same(corsHeaders(stranger.headers), [])
  t.equal(stranger.headers.vary, 'Origin, Accept', 'caches keep the answers apart')
  const strangerPreflight = await app.inject({ method: 'OPTIONS', url: '/v1/domains/x',
    headers: { ...PREFLIGHT, origin: 'https://evil.example' } })
  t.equal(strangerPreflight.statusCode, 405)
})

t.test('a preflight is answered before keys are asked for; answers to it carry CORS',
  async (t) => {
    const app = await corsApp(t, { corsOrigins: [SOC], apiKeys: [KEY],
      rateLimit: { count: 1, seconds: 60, burst: 1 } })
    for (let i = 0; i < 3; i++) {
      const preflight = await app.inject({ method: 'OPTIONS', url: '/v1/domains/example.com',
        headers: PREFLIGHT })
      t.equal(preflight.statusCode, 204, 'never refused nor counted')
      t.same([preflight.headers['access-control-allow-origin'],
        preflight.headers['access-control-allow-methods'],
        preflight.headers['access-control-max-age']], [SOC, 'GET, HEAD', '600'])
      t.match(preflight.headers['access-control-allow-headers'], /Authorization, X-API-Key/)
    }
    const refused = await app.inject({ url: '/v1/domains/example.com', headers: { origin: SOC } })
    t.equal(refused.statusCode, 401)
    t.equal(refused.headers['access-control-allow-origin'], SOC, 'the page can read why')
    const ok = await app.inject({ url: '/v1/domains/example.com',
      headers: { origin: SOC, 'x-api-key': KEY } })
    t.equal(ok.statusCode, 200)
    const limited = await app.inject({ url: '/v1/domains/example.com',
      headers: { origin: SOC, 'x-api-key': KEY } })
    t.same([limited.statusCode, limited.headers['access-control-allow-origin']], [429, SOC])
  })

t.test('* allows any origin, without Vary', async (t) => {
  const app = await corsApp(t, { corsOrigins: ['*'] })
  const get = await app.inject({ url: '/health', headers: { origin: 'https://any.example' } })
  t.equal(get.headers['access-control-allow-origin'], '*')
  t.notOk('vary' in get.headers)
  const plain = await app.inject('/health')
  t.same(corsHeaders(plain.headers), [], 'no Origin, no CORS headers')
  const preflight = await app.inject({ method: 'OPTIONS', url: '/pdns/query/example.com',
    headers: { ...PREFLIGHT, origin: 'https://any.example' } })
  t.same([preflight.statusCode, preflight.headers['access-control-allow-origin']], [204, '*'])
})

t.test('a preflight for the bulk lookup allows POST with a JSON Content-Type', async (t) => {
  const app = await corsApp(t, { corsOrigins: [SOC] })
  const preflight = await app.inject({ method: 'OPTIONS', url: '/v1/lookup', headers: {
    ...PREFLIGHT, 'access-control-request-method': 'POST',
    'access-control-request-headers': 'content-type'
  } })
  t.equal(preflight.statusCode, 204)
  t.equal(preflight.headers['access-control-allow-methods'], 'POST')
  t.match(preflight.headers['access-control-allow-headers'], /\bContent-Type\b/)
  const post = await app.inject({ method: 'POST', url: '/v1/lookup', headers: { origin: SOC },
    payload: { indicators: ['example.com'] } })
  t.equal(post.headers['access-control-allow-origin'], SOC)
})

t.test('every header the API writes for a page to read is exposed', async (t) => {
  const app = await corsApp(t, { corsOrigins: [SOC] })
  const res = await app.inject({ url: '/v1/domains/example.com', headers: { origin: SOC } })
  const exposed = String(res.headers['access-control-expose-headers']).toLowerCase()
    .split(', ')
  for (const header of ['link', 'x-dnsledger-truncated', 'x-dnsledger-next-cursor',
    'x-dnsledger-scan-limited', 'content-disposition', 'x-dribble-cursor', 'retry-after']) {
    t.ok(exposed.includes(header), header)
  }
})
