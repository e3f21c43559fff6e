import t from 'tap'
import { readFileSync } from 'node:fs'
import { formatDocument, openapiDocument } from '../../src/openapi-document.js'
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
