import t, { type Test } from 'tap'
import { readFileSync } from 'node:fs'
import { OPERATION_EXAMPLES, type ParameterValue } from '../../schemas/operation-examples.js'
import { buildApp } from '../../src/api/app.js'
import { listResponses } from '../../src/api/output/list-response.js'
import { InlineWriter } from '../../src/ingest/inline-writer.js'
import { createLogger } from '../../src/logger.js'
import { formatDocument, openapiDocument } from '../../src/openapi-document.js'
import { loadSampleData } from '../../src/sample-data.js'
import { parseCsv } from '../helpers/csv-parse.js'
import { httpGet, listening } from '../helpers/http-get.js'
import { tempStore } from '../helpers/temp-store.js'
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
      t.same(Object.keys(content), ['application/json', 'application/x-ndjson',
        'application/ndjson', 'application/jsonl', 'text/csv'], path)
      const ndjson = content['application/x-ndjson']?.example ?? ''
      t.match(ndjson, /^\{.*\}\n\{"truncated":true,"next_cursor":"[\w-]+","limit":1\}\n$/, path)
      const csv = parseCsv(content['text/csv']?.example ?? '')
      t.equal(csv.length, 3, `${path}: header, a record, the cut`)
      t.match(csv[2]?.[0], /^# truncated/, path)
      const names = (operation?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)
      t.ok(names.includes('format') && names.includes('humantime'), path)
    }
  })

interface DocumentedParameter {
  name: string
  in: string
  example?: unknown
  examples?: Record<string, { value: ParameterValue }>
  description?: string
}

interface DocumentedOperation {
  parameters?: DocumentedParameter[]
  requestBody?: { content: Record<string, { example?: unknown }> }
  responses: Record<string, { content?: Record<string, { example?: unknown }> }>
}

async function nativeOperations (): Promise<Array<[string, DocumentedOperation]>> {
  const document = await openapiDocument() as {
    paths: Record<string, Record<string, DocumentedOperation>>
  }

  return Object.entries(document.paths).filter(([path]) => path.startsWith('/v1/'))
    .flatMap(([path, methods]) => Object.entries(methods)
      .map(([method, operation]): [string, DocumentedOperation] =>
        [`${method.toUpperCase()} ${path}`, operation]))
}

t.test('every /v1 operation has an example for each parameter, its body and its JSON answer',
  async (t) => {
    const operations = await nativeOperations()
    t.ok(operations.length >= 11, 'the native operations')
    for (const [key, operation] of operations) {
      const alternatives = OPERATION_EXAMPLES[key]?.alternatives?.parameters ?? {}
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== 'path' && parameter.in !== 'query') continue
        const alternative = alternatives[parameter.name]
        // A list the sample answers in one page has no cursor to give.
        const onePage = parameter.name === 'cursor' &&
          !('cursor' in (OPERATION_EXAMPLES[key]?.parameters ?? {}))
        if (alternative === undefined && onePage) continue
        if (alternative === undefined) {
          t.not(parameter.example, undefined, `${key}: ${parameter.name} has an example`)
          continue
        }
        t.equal(parameter.example, undefined, `${key}: ${parameter.name} excludes another`)
        t.match(parameter.description, `for example ${parameter.name}=${alternative}`)
      }
      const body = operation.requestBody?.content['application/json']
      if (body !== undefined) t.not(body.example, undefined, `${key}: the body has an example`)
      const answer = operation.responses['200']?.content?.['application/json']
      t.not(answer?.example, undefined, `${key}: the JSON answer has an example`)
    }
  })

/** A URL as a person would paste it into curl: the root `.` as %2E, which URLs fold away. */
function exampleUrl (key: string, parameters: Record<string, ParameterValue>): string {
  let path = key.split(' ')[1] ?? ''
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(parameters)) {
    const text = String(value)
    if (!path.includes(`{${name}}`)) query.set(name, text)
    else path = path.replace(`{${name}}`, text === '.' ? '%2E' : encodeURIComponent(text))
  }

  return `${path}?${query.toString()}`
}

/** The time a set-aside message was stored is when the sample was loaded: not compared. */
function withoutLoadTime (page: { records?: object[] }) {
  const records = (page.records ?? []).map((record) => {
    const { rejected_at: _at, rejected_at_iso: _iso, ...rest } = record as Record<string, unknown>
    return rest
  })

  return { ...page, records }
}

/** The app over the sample data, listening on a port of 127.0.0.1. */
async function sampleService (t: Test) {
  const store = tempStore(t)
  await loadSampleData(new InlineWriter(store), 'data/sample', createLogger('silent'))
  const app = await buildApp({ store, logger: false })
  t.teardown(() => app.close())

  return { app, port: await listening(app) }
}

t.test('the examples are requests that the sample data answers as documented', async (t) => {
  const { app, port } = await sampleService(t)
  for (const [key, example] of Object.entries(OPERATION_EXAMPLES)) {
    if (example.body !== undefined) {
      const answer = await app.inject({ method: 'POST', url: '/v1/lookup',
        payload: JSON.stringify(example.body), headers: { 'content-type': 'application/json' } })
      t.same(answer.json(), example.answer, `${key}: the documented answer`)
      continue
    }
    const { cursor, ...firstPage } = example.parameters
    const first = JSON.parse((await httpGet(port, exampleUrl(key, firstPage))).body)
    t.equal(first.next_cursor, cursor ?? null, `${key}: the cursor is that of the first page`)
    const answer = await httpGet(port, exampleUrl(key, example.parameters))
    t.equal(answer.statusCode, 200, `${key} answers 200`, { body: answer.body })
    const page = JSON.parse(answer.body)
    t.ok(page.records.length > 0, `${key}: finds records`)
    t.same(withoutLoadTime(page), withoutLoadTime(example.answer as object),
      `${key}: the documented answer`)
    const { replaces = '', parameters: alternatives = {} } = example.alternatives ?? {}
    for (const [name, value] of Object.entries(alternatives)) {
      const { [replaces]: _replaced, ...rest } = firstPage
      const other = await httpGet(port, exampleUrl(key, { ...rest, [name]: value }))
      t.equal(other.statusCode, 200, `${key}: ${name}`)
      t.ok(JSON.parse(other.body).records.length > 0, `${key}: ${name} finds records`)
    }
  }
})

t.test('no path example is a dot segment, which browsers and fetch() fold away', async (t) => {
  for (const [key, operation] of await operationsWithParameters()) {
    for (const parameter of operation.parameters ?? []) {
      if (parameter.in !== 'path') continue
      t.equal(new URL(exampleUrl(key, { [parameter.name]: String(filledIn(parameter)) }),
        'http://127.0.0.1').pathname.split('/').length, key.split(' ')[1]?.split('/').length,
      `${key}: ${parameter.name}'s example stays a segment of a WHATWG URL`)
    }
  }
})

/** Every GET that takes parameters: the native ones, DNSDB's and CIRCL's. */
async function operationsWithParameters (): Promise<Array<[string, DocumentedOperation]>> {
  const document = await openapiDocument() as {
    paths: Record<string, Record<string, DocumentedOperation>>
  }

  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]): [string, DocumentedOperation] =>
      [`${method.toUpperCase()} ${path}`, operation]))
    .filter(([key, operation]) => key.startsWith('GET ') && operation.parameters !== undefined)
}

/** What "Try it out" fills a parameter in with: its example, or the first of its examples. */
function filledIn (parameter: DocumentedParameter): ParameterValue | undefined {
  if (parameter.example !== undefined) return parameter.example as ParameterValue
  const [first] = Object.values(parameter.examples ?? {})

  return first?.value
}

t.test('the examples the document gives, sent together as "Try it out" does, are answered',
  async (t) => {
    const { port } = await sampleService(t)
    const keys: string[] = []
    for (const [key, operation] of await operationsWithParameters()) {
      const values: Record<string, ParameterValue> = {}
      const headers: Record<string, string> = {}
      for (const parameter of operation.parameters ?? []) {
        const value = filledIn(parameter)
        if (value === undefined) continue
        if (parameter.in === 'header') headers[parameter.name] = String(value)
        else values[parameter.name] = value
      }
      keys.push(key)
      const answer = await httpGet(port, exampleUrl(key, values), headers)
      t.equal(answer.statusCode, 200, key, { body: answer.body })
      t.match(answer.body, /"records":\[\{|"count":/, `${key}: finds records`)
    }
    t.ok(keys.some((key) => key.includes('/dnsdb/v2/summarize/rdata/ip/')) &&
      keys.includes('GET /pdns/query/{q}'), 'DNSDB and CIRCL operations are sent too')
  })

t.test('every documented 4xx is a problem document, under the type it is sent with', async (t) => {
  const document = await openapiDocument() as {
    paths: Record<string, Record<string, DocumentedOperation>>
  }
  const app = await testApp(t)
  const sent = await app.inject('/v1/ips/10.0.0.256')
  t.match(sent.headers['content-type'], /^application\/problem\+json/)
  for (const [path, methods] of Object.entries(document.paths)) {
    // DNSDB answers its errors as one line of text, as DNSDB does.
    const type = path.startsWith('/dnsdb/') ? 'text/plain' : 'application/problem+json'
    for (const [method, operation] of Object.entries(methods)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!status.startsWith('4')) continue
        t.same(Object.keys(response.content ?? {}), [type], `${method} ${path} ${status}`)
      }
    }
  }
})

t.test('every type a /v1 list can be answered in is documented for it', async (t) => {
  // Over a socket: inject() would fold the root zone's %2E away.
  const port = await listening(await testApp(t))
  const operations = new Map(await nativeOperations())
  for (const [key, example] of Object.entries(OPERATION_EXAMPLES)) {
    if (!key.startsWith('GET ')) continue
    const documented = Object.keys(operations.get(key)?.responses['200']?.content ?? {})
    // format= wins over Accept; without it, the Accept header chooses.
    const { format: _format, cursor: _cursor, ...parameters } = example.parameters
    for (const accept of ['application/json', 'application/x-ndjson', 'application/ndjson',
      'application/jsonl', 'text/csv', '*/*']) {
      const res = await httpGet(port, exampleUrl(key, parameters), { accept })
      t.equal(res.statusCode, 200, `${key} ${accept}`)
      const type = String(res.headers['content-type']).split(';')[0] ?? ''
      t.ok(documented.includes(type), `${key}: ${type} is documented`)
    }
  }
})

t.test('a list\'s NDJSON and CSV examples show the record of its JSON example', async (t) => {
  interface Media { example?: unknown }
  type Operation = { responses: Record<string, { content?: Record<string, Media> }> }
  const document = await openapiDocument() as { paths: Record<string, { get?: Operation }> }
  for (const [path, item] of Object.entries(document.paths)) {
    const content = item.get?.responses['200']?.content
    const answer = content?.['application/json']?.example as { records?: object[] } | undefined
    const record = answer?.records?.[0]
    if (content?.['text/csv'] === undefined || record === undefined) continue
    const ndjson = String(content['application/x-ndjson']?.example)
    t.same(JSON.parse(ndjson.split('\n')[0] ?? ''), record, `${path} NDJSON`)
    const csv = parseCsv(String(content['text/csv'].example))
    t.same(csv[1], Object.values(record).map(String), `${path} CSV`)
  }
})

t.test('a list\'s route schema writes no stream example the document would replace', async (t) => {
  const content = listResponses('ObservationPage')[200].content
  for (const [type, media] of Object.entries(content)) t.notOk('example' in media, type)
})
