/** Credentials never reach the log, wherever a client puts them. */
import t from 'tap'
import { Writable } from 'node:stream'
import { buildApp } from '../src/api/app.js'
import { redactUrl } from '../src/api/access/url-redaction.js'
import { createLogger } from '../src/logger.js'
import { tempStore } from './helpers/temp-store.js'

const SECRET = 'very-secret-key-0123456789'

t.test('query credentials are redacted from logged URLs', async (t) => {
  let logged = ''
  const sink = new Writable({ write (chunk, _encoding, done) { logged += chunk; done() } })
  const app = await buildApp({ store: tempStore(t), logger: createLogger('info', sink),
    apiKeys: [SECRET] })
  t.teardown(() => app.close())

  await app.inject(`/v1/domains/example.com?api_key=${SECRET}&limit=5`)
  await app.inject({ url: `/dnsdb/v2/lookup/rrset/name/example.com?Access_Token=${SECRET}`,
    headers: { 'x-api-key': SECRET, authorization: `Bearer ${SECRET}` } })
  t.ok(logged.includes('"url":"/v1/domains/example.com?api_key=[redacted]&limit=5"'), logged)
  t.ok(logged.includes('Access_Token=[redacted]'))
  t.notOk(logged.includes(SECRET), 'the key appears nowhere in the log')
})

t.test('redactUrl keeps everything but credential-like values', async (t) => {
  t.equal(redactUrl('/v1/ips/192.0.2.1'), '/v1/ips/192.0.2.1')
  t.equal(redactUrl('/x?limit=5&type=A,MX&cursor=abc'), '/x?limit=5&type=A,MX&cursor=abc')
  t.equal(redactUrl('/x?apikey=1&token=2&password=3&x-auth=4&api%5Fkey=5&key'),
    '/x?apikey=[redacted]&token=[redacted]&password=[redacted]&x-auth=[redacted]' +
    '&api%5Fkey=[redacted]&key=[redacted]')
})

t.test('each request is logged once, when answered, with the request and its answer',
  async (t) => {
    const lines: Array<Record<string, unknown>> = []
    const sink = new Writable({
      write (chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line !== '') lines.push(JSON.parse(line))
        done()
      }
    })
    const app = await buildApp({ store: tempStore(t), logger: createLogger('info', sink) })
    t.teardown(() => app.close())

    await app.inject('/v1/domains/example.com?limit=5')
    await app.inject('/v1/domains/bad..name')
    const logged = lines.filter((line) => line.reqId !== undefined)
    t.same(logged.map((line) => line.msg), ['request completed', 'request completed'])
    t.match(logged[0], {
      req: { method: 'GET', url: '/v1/domains/example.com?limit=5' },
      res: { statusCode: 200 },
      responseTime: Number
    })
    t.match(logged[1], { res: { statusCode: 400 } })
  })
