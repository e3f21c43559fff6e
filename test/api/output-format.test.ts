import t from 'tap'
import { parseAccept } from '../../src/api/output/accept-header.js'
import { chooseOutput } from '../../src/api/output/output-format.js'
import { batchOf, obs } from '../helpers/temp-store.js'
import { testApp } from '../helpers/test-app.js'
import type { Store } from '../../src/store/store.js'

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8'

t.test('the Accept header chooses the format; format= wins over it', async (t) => {
  const cases: Array<[string | undefined, string | undefined, string, string]> = [
    [undefined, undefined, 'json', 'application/json'],
    [undefined, '', 'json', 'application/json'],
    [undefined, '*/*', 'json', 'application/json'],
    [undefined, BROWSER, 'json', 'application/json'],
    [undefined, 'application/json', 'json', 'application/json'],
    [undefined, 'application/*', 'json', 'application/json'],
    [undefined, 'application/x-ndjson', 'ndjson', 'application/x-ndjson'],
    [undefined, 'application/ndjson', 'ndjson', 'application/ndjson'],
    [undefined, 'Application/JSONL', 'ndjson', 'application/jsonl'],
    [undefined, 'text/csv', 'csv', 'text/csv'],
    [undefined, 'text/csv; charset=utf-8', 'csv', 'text/csv'],
    [undefined, 'text/*', 'csv', 'text/csv'],
    [undefined, 'text/csv;q=0.5, application/x-ndjson', 'ndjson', 'application/x-ndjson'],
    [undefined, 'text/csv, application/x-ndjson', 'csv', 'text/csv'],
    [undefined, 'application/json;q=0, */*', 'ndjson', 'application/x-ndjson'],
    [undefined, 'text/csv;q=0.9, */*;q=1', 'json', 'application/json'],
    [undefined, 'text/*;q=0.2, text/csv;q=0.7, application/json;q=0.5', 'csv', 'text/csv'],
    [undefined, 'not a media type', 'json', 'application/json'],
    ['csv', 'application/json', 'csv', 'text/csv'],
    ['json', 'text/html', 'json', 'application/json'],
    ['ndjson', '*/*;q=0', 'ndjson', 'application/x-ndjson']
  ]
  for (const [format, accept, expected, mediaType] of cases) {
    const label = `format=${format ?? '-'} Accept: ${accept ?? '-'}`
    const chosen = chooseOutput(format as 'json' | undefined, accept)
    t.same(chosen, { format: expected, mediaType }, label)
  }
})

t.test('an Accept header that allows none of the formats is a 406 that says what to send',
  async (t) => {
    for (const accept of ['text/html', 'application/xml', '*/*;q=0', 'image/*, text/plain',
      'application/json;q=0, application/x-ndjson;q=0, text/csv;q=0, application/ndjson;q=0, ' +
      'application/jsonl;q=0']) {
      t.throws(() => chooseOutput(undefined, accept), {
        code: 'NOT_ACCEPTABLE',
        statusCode: 406,
        message: /send Accept: application\/json, application\/x-ndjson or text\/csv.*format=csv/
      }, accept)
    }
  })

t.test('Accept ranges are read with their weights; unreadable ones are left out', async (t) => {
  t.same(parseAccept('text/csv;q=0.5, */*;q=0.1 ,application/json'), [
    { type: 'text', subtype: 'csv', q: 0.5, index: 0 },
    { type: '*', subtype: '*', q: 0.1, index: 1 },
    { type: 'application', subtype: 'json', q: 1, index: 2 }
  ])
  t.same(parseAccept('text/csv;q=2, */csv, text, a/b/c, text/csv;q=x'), [])
})

function fill (store: Store): void {
  store.write(batchOf([
    obs('example.com.', 'A', '192.0.2.1', 1467700000),
    obs('example.com.', 'NS', 'ns1.example.net.', 1467700000)
  ]))
}

t.test('every list endpoint answers in the negotiated format, and says it varies', async (t) => {
  const app = await testApp(t, fill)
  const urls = ['/v1/domains/example.com', '/v1/ips/192.0.2.1', '/v1/ips/192.0.2.0/24',
    '/v1/nameservers/ns1.example.net', '/v1/mx/mx.example.net', '/v1/cnames/example.com',
    '/v1/new-domains', '/v1/rejected']
  const types: Array<[Record<string, string>, string, string]> = [
    [{}, '', 'application/json; charset=utf-8'],
    [{ accept: 'application/x-ndjson' }, '', 'application/x-ndjson; charset=utf-8'],
    [{ accept: 'application/jsonl' }, '', 'application/jsonl; charset=utf-8'],
    [{ accept: 'text/csv' }, '', 'text/csv; charset=utf-8'],
    [{}, '?format=ndjson', 'application/x-ndjson; charset=utf-8'],
    [{ accept: 'application/json' }, '?format=csv', 'text/csv; charset=utf-8'],
    [{ accept: 'text/html' }, '?format=json', 'application/json; charset=utf-8']
  ]
  for (const url of urls) {
    for (const [headers, query, contentType] of types) {
      const res = await app.inject({ url: `${url}${query}`, headers })
      const label = `${url}${query} ${JSON.stringify(headers)}`
      t.equal(res.statusCode, 200, label)
      t.equal(res.headers['content-type'], contentType, label)
      t.equal(res.headers.vary, 'Accept', label)
    }
  }
})

t.test('a 406, a bad format and unknown parameters are problem documents', async (t) => {
  const app = await testApp(t, fill)
  const notAcceptable = await app.inject({
    url: '/v1/domains/example.com',
    headers: { accept: 'text/html' }
  })
  t.equal(notAcceptable.statusCode, 406)
  t.equal(notAcceptable.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(notAcceptable.json(), { status: 406, code: 'NOT_ACCEPTABLE', detail: /format=ndjson/ })
  const cases: Array<[string, RegExp]> = [
    ['/v1/domains/example.com?format=xml',
      /^format must be one of json, ndjson, csv; got format=xml: send format=json, format=ndjson or format=csv$/],
    ['/v1/domains/example.com?humantime=maybe',
      /^humantime must be true or false; got humantime=maybe: send humantime=true or humantime=false$/],
    ['/v1/new-domains?format=csv&colour=blue', /unknown parameter "colour"/],
    ['/v1/ips/192.0.2.1?format=ndjson&type=A', /unknown parameter "type"/]
  ]
  for (const [url, detail] of cases) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', url)
    t.match(res.json(), { code: 'INVALID_REQUEST', detail }, url)
  }
})
