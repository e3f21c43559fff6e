/**
 * Every query parameter of every /v1 route, read from the OpenAPI document so that a parameter
 * added later is walked too, sent with a bad value of each kind its schema allows: the 400 must
 * name the parameter and say what to send, never repeat the schema validator's own words.
 */
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { testApp } from '../helpers/test-app.js'

const PATH_SAMPLES: Record<string, string> = {
  name: 'example.com', ip: '192.0.2.1', prefix: '24', host: 'ns.example.net',
  target: 'www.example.com', zone: 'example.com'
}

/** What a route needs besides the parameter under test, to get as far as reading it. */
const BASE_QUERY: Record<string, Array<Record<string, string>>> = {
  '/v1/txt': [{ exact: 'v=spf1 -all' }, { prefix: 'v=spf1' }]
}

interface Parameter {
  in: string
  name: string
  schema: {
    type?: string
    enum?: string[]
    minimum?: number
    minLength?: number
    maxLength?: number
  }
}

/** Raw ajv phrasing, which says what failed but not what to send. */
const VALIDATOR_WORDS = /must NOT|must be [<>]=|must match|must have required|must be (string|integer|boolean|number|object|array|equal)\b/

/** Bad values for a parameter, as they go into a URL (already percent-encoded). */
function badValues (parameter: Parameter): string[] {
  const { schema } = parameter
  const values = ['%21%21']
  if (schema.type === 'integer') {
    values.push('abc', '1e23', '100000000000000000000000', '%205', '-1')
    if (schema.minimum !== undefined) values.push(String(schema.minimum - 1))
  }
  if (schema.type === 'boolean') values.push('maybe', 'TRUE', '1')
  if (schema.enum !== undefined) values.push('nosuch', `${schema.enum[0] ?? ''}x`)
  if (schema.minLength !== undefined) values.push('a'.repeat(schema.minLength - 1))
  if (schema.maxLength !== undefined) values.push('a'.repeat(schema.maxLength + 1))
  if (/^(time_|since$|until$)/.test(parameter.name)) {
    values.push('yesterday', '2024-01-01T00:00:00+02:00', '2024-02-30')
  }

  return values
}

function queryFor (path: string, name: string, value: string): string {
  const bases = BASE_QUERY[path] ?? [{}]
  const base = bases.find((query) => !(name in query)) ?? {}
  const pairs = [...Object.entries(base).map(([k, v]) => `${k}=${encodeURIComponent(v)}`),
    `${name}=${value}`]

  return pairs.join('&')
}

async function v1Operations (app: FastifyInstance) {
  const document = (await app.inject('/openapi.json')).json()
  const found: Array<{ template: string, path: string, parameters: Parameter[] }> = []
  for (const [template, methods] of Object.entries(document.paths)) {
    const operation = (methods as Record<string, { parameters?: Parameter[] }>).get
    if (!template.startsWith('/v1/') || operation === undefined) continue
    const path = template.replaceAll(/\{(\w+)\}/g, (_, name: string) => PATH_SAMPLES[name] ?? name)
    const parameters = (operation.parameters ?? []).filter((p) => p.in === 'query')
    found.push({ template, path, parameters })
  }

  return found
}

t.test('every bad query parameter of every /v1 route is named, with what to send', async (t) => {
  const app = await testApp(t)
  const operations = await v1Operations(app)
  t.ok(operations.length >= 10, 'every /v1 GET route')
  let checked = 0

  for (const { template, path, parameters } of operations) {
    for (const parameter of parameters) {
      for (const value of badValues(parameter)) {
        const url = `${path}?${queryFor(template, parameter.name, value)}`
        const res = await app.inject(url)
        const label = `${url.slice(0, 90)}`
        t.equal(res.statusCode, 400, label)
        t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', label)
        const detail = String(res.json().detail)
        t.ok(detail.includes(parameter.name), `${label}: names ${parameter.name}: ${detail}`)
        t.match(detail, /\b(send|use)\b/i, `${label}: says what to send: ${detail}`)
        t.notMatch(detail, VALIDATOR_WORDS, `${label}: not the validator's words: ${detail}`)
        checked++
      }
    }
  }
  t.ok(checked > 300, `${checked} bad values`)
})

t.test('unknown and repeated parameters are named on every /v1 route', async (t) => {
  const app = await testApp(t)
  for (const { template, path, parameters } of await v1Operations(app)) {
    const unknown = await app.inject(`${path}?${queryFor(template, 'limt', '5')}`)
    t.equal(unknown.statusCode, 400, template)
    t.match(unknown.json().detail, /^unknown parameter "limt": use limit if that is what you meant/)
    const colour = await app.inject(`${path}?${queryFor(template, 'colour', 'red')}`)
    t.match(colour.json().detail, /^unknown parameter "colour": remove it; use only /)
    t.match(colour.json().detail, parameters.map((p) => p.name).join(', '), 'lists the route\'s')
    const twice = await app.inject(`${path}?${queryFor(template, 'limit', '1')}&limit=2`)
    t.match(twice.json().detail, /^query parameter limit was sent 2 times: send it once$/)
  }
})

t.test('every /v1 query parameter sent empty gets the same 400 naming it', async (t) => {
  const app = await testApp(t)
  let checked = 0
  for (const { template, path, parameters } of await v1Operations(app)) {
    for (const { name } of parameters) {
      const url = `${path}?${queryFor(template, name, '')}`
      const res = await app.inject(url)
      t.equal(res.statusCode, 400, url)
      t.match(res.json(), { code: 'INVALID_REQUEST',
        detail: new RegExp(`^query parameter ${name}= is empty: send a value.*, or leave ` +
          `${name} out$`) }, url)
      checked++
    }
  }
  t.ok(checked > 50, `${checked} empty parameters`)
  const blank = await app.inject('/v1/domains/example.com?type=%20')
  t.match(blank.json(), { code: 'INVALID_RRTYPE', detail: /^type " " names no record type: / })
})

t.test('the messages a fresh user met, word for word', async (t) => {
  const app = await testApp(t)
  const detail = async (url: string) => (await app.inject(url)).json().detail
  t.equal(await detail('/v1/domains/example.com?limit=0'),
    'limit must be an integer of at least 1; got limit=0: send limit=1 or more')
  t.equal(await detail('/v1/txt?contains=abc'), 'contains must be a text from 4 to 2048 ' +
    'characters; got contains=abc (3 characters): send a longer text, e.g. ' +
    'contains=include:_spf.google.com')
  t.equal(await detail('/v1/domains/example.com?format=xml'), 'format must be one of json, ' +
    'ndjson, csv; got format=xml: send format=json, format=ndjson or format=csv')
  t.equal(await detail('/v1/domains/example.com?format=jsn'), 'format must be one of json, ' +
    'ndjson, csv; got format=jsn: send format=json')
  t.equal(await detail('/v1/domains/example.com?time_last_after=2024-01-01T00:00:00+02:00'),
    'time_last_after="2024-01-01T00:00:00 02:00" has a space where the + of its zone offset ' +
    'belongs (a + in a URL query means a space): send the + as %2B ' +
    '(time_last_after=2024-01-01T00:00:00%2B02:00), or the time in UTC with Z')
  t.equal((await app.inject('/v1/domains/example.com?time_last_after=2024-01-01T00:00:00%2B02:00'))
    .statusCode, 200, 'sent encoded, it is read')
  for (const [sent, instead] of [['2023-02-30T00:00:00+02:00', '2023-02-01'],
    ['2023-02-30', '2023-02-01'], ['2023-13-01T00:00Z', '2023-01-01']] as const) {
    t.equal(await detail(`/v1/domains/example.com?time_last_after=${sent}`),
      `time_last_after="${sent.replace('+', ' ')}" names a day that does not exist ` +
      `(${sent.slice(0, 10)}): send a date that does, such as time_last_after=${instead}`,
      `a fix for ${sent} that is itself sendable`)
    t.equal((await app.inject(`/v1/domains/example.com?time_last_after=${instead}`)).statusCode,
      200)
  }
})

t.test('a limit is quoted as it was sent, never as the number it was read as', async (t) => {
  const app = await testApp(t)
  const detail = async (url: string) => (await app.inject(url)).json().detail
  t.equal(await detail('/v1/domains/example.com?limit=0002000'), 'limit=0002000 is over the ' +
    'maximum of 1000: send a limit of at most 1000 and follow next_cursor for the rest')
  for (const path of ['/v1/domains/example.com', '/dnsdb/v2/lookup/rrset/name/example.com']) {
    for (const name of ['limit', 'offset']) {
      if (name === 'offset' && path.startsWith('/v1')) continue
      const huge = await app.inject(`${path}?${name}=100000000000000000000000`)
      t.equal(huge.statusCode, 400)
      const text = path.startsWith('/v1') ? huge.json().detail : huge.body
      t.match(text, `${name}="100000000000000000000000" is too large to be a count: send`)
      t.notMatch(text, /e\+23/)
    }
  }
})
