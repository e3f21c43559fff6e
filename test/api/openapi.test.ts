import t from 'tap'
import { readFileSync } from 'node:fs'
import { formatDocument, openapiDocument } from '../../src/openapi-document.js'
import { parseCsv } from '../helpers/csv-parse.js'
import { testApp } from '../helpers/test-app.js'

t.test('the committed openapi/openapi.json is the document the code serves', async (t) => {
  const committed = readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')
  const served = formatDocument(await openapiDocument())
  t.equal(served, committed, 'run `npm run openapi` and commit openapi/openapi.json')
})

t.test('every native path is documented with a response schema', async (t) => {
  const document = await openapiDocument() as { paths: Record<string, Record<string, unknown>> }
  for (const path of ['/v1/domains/{name}', '/v1/ips/{ip}', '/v1/ips/{ip}/{prefix}',
    '/v1/nameservers/{host}', '/v1/mx/{host}', '/v1/cnames/{target}', '/v1/new-domains',
    '/v1/txt', '/v1/zones/{zone}/soa', '/health', '/ready']) {
    t.ok(document.paths[path]?.get, path)
  }
})

t.test('the document is served at /openapi.json and browsable at /docs', async (t) => {
  const app = await testApp(t)
  const served = await app.inject('/openapi.json')
  t.equal(served.statusCode, 200)
  t.same(served.json(), await openapiDocument())
  const docs = await app.inject('/docs/')
  t.equal(docs.statusCode, 200)
  t.match(docs.headers['content-type'], /text\/html/)
})

t.test('every /v1 list documents JSON, NDJSON and CSV with an example, and its parameters',
  async (t) => {
    interface Operation {
      parameters: Array<{ name: string, in: string }>
      responses: Record<string, { content: Record<string, { example?: string }> }>
    }
    const document = await openapiDocument() as { paths: Record<string, { get: Operation }> }
    for (const path of ['/v1/domains/{name}', '/v1/ips/{ip}', '/v1/ips/{ip}/{prefix}',
      '/v1/nameservers/{host}', '/v1/mx/{host}', '/v1/cnames/{target}', '/v1/new-domains',
      '/v1/rejected']) {
      const operation = document.paths[path]?.get
      const content = operation?.responses['200']?.content ?? {}
      t.same(Object.keys(content), ['application/json', 'application/x-ndjson', 'text/csv'], path)
      const ndjson = content['application/x-ndjson']?.example ?? ''
      t.match(ndjson, /^\{.*\}\n\{"truncated":true,"next_cursor":"[\w-]+","limit":1\}\n$/, path)
      const csv = parseCsv(content['text/csv']?.example ?? '')
      t.equal(csv.length, 3, `${path}: header, a record, the cut`)
      t.match(csv[2]?.[0], /^# truncated/, path)
      const names = (operation?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)
      t.ok(names.includes('format') && names.includes('humantime'), path)
    }
  })
