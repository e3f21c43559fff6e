import t, { type Test } from 'tap'
import { gzipSync } from 'node:zlib'
import { BODY_MAX_DEPTH } from '../../src/api/json-body-parser.js'
import { shownJson, shownText } from '../../src/api/shown-value.js'
import { installProblemHandler } from '../../src/api/problem-handler.js'
import { installDnsdbErrorReply } from '../../src/api/dnsdb/dnsdb-error-reply.js'
import Fastify, { type FastifyInstance } from 'fastify'
import { testApp } from '../helpers/test-app.js'

const DEEP = 5_000

function deepLists (depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`
}

function deepObjects (depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
}

/** A 5,000-deep value under each place a body can hold one: the body, a field, an item. */
const DEEP_BODIES = [
  deepLists(DEEP),
  deepObjects(DEEP),
  `{"indicators":${deepLists(DEEP)}}`,
  `{"indicators":[${deepObjects(DEEP)}]}`,
  `{"indicators":[{"value":${deepLists(DEEP)}}]}`,
  `{"indicators":["example.com"],"limit":${deepObjects(DEEP)}}`,
  `{"indicators":["example.com"],"unknown":${deepLists(DEEP)}}`
]

/** The method and path of every operation the API description gives a request body. */
async function bodyOperations (app: FastifyInstance) {
  await app.ready()
  const document = app.swagger() as { paths: Record<string, Record<string, unknown>> }

  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => (operation as { requestBody?: unknown }).requestBody)
      .map(([method]) => [method.toUpperCase(), path] as const))
}

/** Each payload, sent as JSON to every operation that takes a body, is a 400 saying `detail`. */
async function refusedEverywhere (t: Test, cases: ReadonlyArray<readonly [string, RegExp]>) {
  const app = await testApp(t)
  const withBody = await bodyOperations(app)
  t.ok(withBody.length > 0, 'some operation takes a body')

  for (const [method, path] of withBody) {
    for (const [payload, detail] of cases) {
      const res = await app.inject({ method: method as 'POST', url: path, payload,
        headers: { 'content-type': 'application/json' } })
      t.equal(res.statusCode, 400, `${method} ${path} ${JSON.stringify(payload.slice(0, 30))}`)
      t.match(res.headers['content-type'], /^application\/problem\+json/)
      t.match(res.json(), { code: 'INVALID_REQUEST', detail })
    }
  }
}

t.test('a body nested 5,000 deep is a 400 saying so, on every operation that takes a body',
  (t) => refusedEverywhere(t, DEEP_BODIES.map((payload) =>
    [payload, new RegExp(`more than ${BODY_MAX_DEPTH} levels deep`)] as const)))

// The app's own JSON parser (json-body-parser.ts) replaces Fastify's everywhere, so no route
// ever sees Fastify's FST_ERR_CTP_*_JSON_BODY errors, and the problem handler maps none.
t.test('an empty or broken JSON body is the app parser\'s refusal, on every operation',
  (t) => refusedEverywhere(t, [
    ['', /^the body is empty: send one JSON object, as the API description/],
    ['{"indicators":', /^the body is not valid JSON: send one JSON object, as the API/]
  ]))

t.test('a JSON null body is said to be null, with what to send, on every operation',
  (t) => refusedEverywhere(t, [
    ['null', /^the body is JSON null: send an object .* as JSON, e\.g\. \{/],
    [' null ', /^the body is JSON null: send /]
  ]))

// Fastify hands a POST with no Content-Type and no bytes to the schema as null, like JSON null.
t.test('a request with no body at all is said to be empty, with what to send, on every operation',
  async (t) => {
    const app = await testApp(t)
    for (const [method, path] of await bodyOperations(app)) {
      for (const headers of [{}, { 'content-length': '0' }]) {
        const res = await app.inject({ method: method as 'POST', url: path, headers })
        t.equal(res.statusCode, 400, `${method} ${path} ${JSON.stringify(headers)}`)
        t.match(res.json(), { code: 'INVALID_REQUEST',
          detail: /^the body is empty: send an object .* as JSON, e\.g\. \{.*\}, with Content-Type/ })
        t.notMatch(res.json().detail, /null/)
      }
    }
  })

t.test('a body posted to any path never gets Fastify\'s 500 body', async (t) => {
  const app = await testApp(t)
  await app.ready()
  const document = app.swagger() as { paths: Record<string, unknown> }
  for (const path of [...Object.keys(document.paths), '/dnsdb/v2/ping', '/pdns/query/x.com']) {
    const url = path.replaceAll(/\{[^}]+\}/g, 'example.com')
    const res = await app.inject({
      method: 'POST', url, payload: DEEP_BODIES[0], headers: { 'content-type': 'application/json' }
    })
    t.ok(res.statusCode < 500, `POST ${url}: ${res.statusCode}`)
  }
})

t.test('nesting within the limit is explained with the value shown shortened', async (t) => {
  const app = await testApp(t)
  const payload = `{"indicators":[${deepLists(BODY_MAX_DEPTH - 2)}]}`
  const res = await app.inject({ method: 'POST', url: '/v1/lookup', payload,
    headers: { 'content-type': 'application/json' } })
  t.equal(res.statusCode, 400)
  t.match(res.json().detail, /^indicators\[0\] must be .*; got \[\[\[\[\[\.\.\.\]\]\]\]\]/)
})

t.test('a value shown in a message is bounded and never throws', async (t) => {
  const cycle: Record<string, unknown> = { a: 1 }
  cycle.self = cycle
  const hostile = { get boom () { throw new Error('getter') } }
  let deep: unknown = 1
  for (let i = 0; i < 100_000; i++) deep = [deep]

  t.equal(shownJson(cycle, 100),
    '{"a":1,"self":{"a":1,"self":{"a":1,"self":{"a":1,"self":{...}}}}}')
  t.equal(shownJson(deep), '[[[[[...]]]]]')
  t.equal(shownJson(hostile), '(a value that cannot be shown)')
  t.ok(shownJson(Array.from({ length: 1e6 }, () => 'long text')).length <= 63)
  t.equal(shownText('x'.repeat(100)), `${'x'.repeat(60)}...`)
})

/** An error whose every property but its status throws when it is read. */
function hostileError (): Error {
  const err = new Error('x')
  Object.defineProperty(err, 'validation', { get () { throw new RangeError('read') } })
  Object.defineProperty(err, 'statusCode', { get () { return 400 } })

  return err
}

t.test('a failure while writing a problem still answers a problem document', async (t) => {
  const app = Fastify()
  installProblemHandler(app)
  app.get('/fails', async () => { throw hostileError() })
  const res = await app.inject({ url: '/fails' })
  t.equal(res.statusCode, 500)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  t.match(res.json(), { code: 'INTERNAL', status: 500 })
})

t.test('a failure while writing a DNSDB error still answers a DNSDB error line', async (t) => {
  const app = Fastify()
  installDnsdbErrorReply(app)
  app.get('/fails', async () => { throw hostileError() })
  const res = await app.inject({ url: '/fails' })
  t.equal(res.statusCode, 500)
  t.match(res.body, /^Error: the server failed to describe an error\n$/)
})

t.test('a __proto__ or constructor key is refused by name, anywhere in the body', async (t) => {
  const app = await testApp(t)
  for (const [payload, key] of [
    ['{"__proto__":{"x":1},"indicators":["example.com"]}', '__proto__'],
    ['{"indicators":[{"value":"example.com","constructor":{"prototype":{}}}]}', 'constructor'],
    ['{"indicators":[{"value":"example.com","\\u005f_proto__":1}]}', '__proto__']
  ] as const) {
    const res = await app.inject({ method: 'POST', url: '/v1/lookup', payload,
      headers: { 'content-type': 'application/json' } })
    t.equal(res.statusCode, 400, payload)
    t.match(res.json().detail, `the body has a "${key}" key, which is refused`)
  }
})

t.test('a compressed body is a 415 saying to send it uncompressed', async (t) => {
  const app = await testApp(t)
  for (const encoding of ['gzip', 'deflate', 'br', 'x-anything']) {
    const res = await app.inject({ method: 'POST', url: '/v1/lookup',
      payload: gzipSync('{"indicators":["example.com"]}'),
      headers: { 'content-type': 'application/json', 'content-encoding': encoding } })
    t.equal(res.statusCode, 415, encoding)
    t.match(res.json(), { code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: `Content-Encoding: ${encoding}: send it uncompressed` })
  }
  const plain = await app.inject({ method: 'POST', url: '/v1/lookup',
    payload: '{"indicators":["example.com"]}',
    headers: { 'content-type': 'application/json', 'content-encoding': 'identity' } })
  t.equal(plain.statusCode, 200)
})
