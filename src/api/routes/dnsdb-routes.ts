/**
 * The DNSDB API v2 subset that dnsdbq and other DNSDB clients use, under /dnsdb/v2: lookup
 * and summarize by owner name, by name in rdata and by address, plus ping and rate_limit.
 * Registered with the prefix /dnsdb/v2, so its own error replies (plain text, DNSDB's
 * statuses) apply to these paths only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { dnsdbQuerySchema } from '../../../schemas/dnsdb-query.js'
import { DnsledgerError } from '../../errors.js'
import type { Store } from '../../store/store.js'
import type { WildcardQueries } from '../../store/wildcard-queries.js'
import type { RateLimiter } from '../access/rate-limiter.js'
import { dnsdbAddresses } from '../address-dialect.js'
import { dnsdbAnswer } from '../dnsdb/dnsdb-answer.js'
import {
  ANSWER_DESCRIPTION, AUTH_NOTES, DNSDB_TAG, NAME_FORMS, RRSET_NOTES
} from '../dnsdb/dnsdb-docs.js'
import { installDnsdbErrorReply } from '../dnsdb/dnsdb-error-reply.js'
import { parseDnsdbParams, type DnsdbQuery, type DnsdbVerb } from '../dnsdb/dnsdb-params.js'
import type { DnsdbTarget } from '../dnsdb/dnsdb-target.js'
import { parseNamePattern } from '../dnsdb/name-pattern.js'
import { rateFigures } from '../dnsdb/rate-figures.js'
import { parseRrtypeChoice } from '../dnsdb/rrtype-choice.js'
import { SAF_CONTENT_TYPE } from '../dnsdb/saf-body.js'
import { parseIpRange } from '../ip-range.js'
import { parseName, wildcardFree } from '../request-params.js'
import { clipText } from '../shown-value.js'

interface DnsdbRouteOptions {
  store: Store
  limiter: RateLimiter
  maxLimit: number
}

type PathParams = Record<string, string>

const VERBS: DnsdbVerb[] = ['lookup', 'summarize']

const PARAM_TEXT: Record<string, string> = {
  owner: `The owner name. ${NAME_FORMS}`,
  name: `The name in rdata (NS, CNAME and MX targets). ${NAME_FORMS}`,
  rrtype: 'A, AAAA, CNAME, MX, NS, SOA, TXT or ANY: the types dnsledger stores; any other ' +
    'is a 400',
  bailiwick: 'Only owners at or under this name (dnsledger has no bailiwick of its own)',
  ip: 'An address, `address,prefix`, or `first-last` (IPv4 or IPv6)'
}

/** Values the sample data (data/sample/) answers, filled in by Swagger's "Try it out". */
const PARAM_EXAMPLE: Record<string, string> = {
  owner: 'walmart.com',
  name: 'a8-66.akam.net',
  rrtype: 'NS',
  bailiwick: 'com',
  ip: '149.111.205.25'
}

/** DNSDB's own errors are one line of text (DNSDB API v2, "HTTP response codes"). */
const ERROR_REPLY = {
  description: 'Error: and what was wrong, on one line',
  content: { 'text/plain': { schema: { type: 'string' } } }
}

type ToTarget = (params: PathParams, verb: DnsdbVerb) => DnsdbTarget

const TARGETS: Array<[string, ToTarget]> = [
  ['rrset/name/:owner', (p, verb) => rrset(p, verb)],
  ['rrset/name/:owner/:rrtype', (p, verb) => rrset(p, verb)],
  ['rrset/name/:owner/:rrtype/:bailiwick', (p, verb) => rrset(p, verb)],
  ['rdata/name/:name', (p) => rdataName(p)],
  ['rdata/name/:name/:rrtype', (p) => rdataName(p)],
  ['rdata/ip/:ip', (p, verb) => rdataIp(p, verb)]
]

/**
 * A bailiwick is one zone: a `*` in it would be read as a literal label and keep nothing, so it
 * is refused, with the path of the zone the pattern names.
 */
function parseBailiwick (p: PathParams, verb: DnsdbVerb): string | undefined {
  const raw = p.bailiwick
  if (raw === undefined || !raw.includes('*')) return raw === undefined ? raw : parseName(raw)
  const zone = wildcardFree(raw.replace(/^(\*\.)+/, '').replace(/(\.\*)+$/, '')) ?? 'example.com'
  const path = `/dnsdb/v2/${verb}/rrset/name/${encodeURIComponent(p.owner ?? '')}/` +
    `${p.rrtype ?? 'ANY'}/${zone}`
  throw new DnsledgerError('INVALID_NAME', `bailiwick "${clipText(raw)}" has a wildcard: a ` +
    `bailiwick is one zone name, which keeps owners at or under it: send the zone, e.g. ${path}`)
}

function rrset (p: PathParams, verb: DnsdbVerb): DnsdbTarget {
  const owner = parseNamePattern(p.owner ?? '')
  const bailiwick = parseBailiwick(p, verb)

  return { kind: 'rrset', owner, rrtypes: parseRrtypeChoice(p.rrtype), bailiwick }
}

function rdataName (p: PathParams): DnsdbTarget {
  const name = parseNamePattern(p.name ?? '')

  return { kind: 'rdata-name', name, rrtypes: parseRrtypeChoice(p.rrtype) }
}

/** A refusal's hints are in DNSDB's forms: `address,prefix`, names at rdata/name. */
function rdataIp (p: PathParams, verb: DnsdbVerb): DnsdbTarget {
  return { kind: 'rdata-ip', range: parseIpRange(p.ip ?? '', undefined, dnsdbAddresses(verb)) }
}

/** dnsdbq reads whole lines only: a JSON answer without its newline is never shown. */
function jsonLine (reply: FastifyReply, value: object) {
  return reply.type('application/json').send(`${JSON.stringify(value)}\n`)
}

function pathParams (path: string) {
  const names = [...path.matchAll(/:(\w+)/g)].map((match) => match[1] as string)
  const properties = Object.fromEntries(names.map((name) => [name, {
    type: 'string',
    description: PARAM_TEXT[name] ?? name,
    examples: [PARAM_EXAMPLE[name] ?? name]
  }]))

  return { type: 'object', required: names, properties }
}

function answerSchema (verb: DnsdbVerb, path: string) {
  return {
    summary: `DNSDB ${verb} ${path.replaceAll(/:(\w+)/g, '{$1}')}`,
    description: `${ANSWER_DESCRIPTION} ${path.startsWith('rrset') ? RRSET_NOTES : ''} ` +
      AUTH_NOTES,
    tags: [DNSDB_TAG],
    params: pathParams(path),
    querystring: { $ref: 'DnsdbQuery#' },
    response: {
      200: {
        description: 'SAF answer',
        content: { [SAF_CONTENT_TYPE]: { schema: { type: 'string' } } }
      },
      '4xx': ERROR_REPLY
    }
  }
}

const figure = (description: string) => ({
  anyOf: [{ type: 'integer' }, { type: 'string', enum: ['n/a', 'unlimited'] }],
  description
})

const rateSchema = {
  summary: 'DNSDB rate_limit: the caller\'s own limit; asking does not count against it',
  description: 'With a limit (API_RATE_LIMIT, or the key\'s own in API_KEYS_FILE): limit and ' +
    'burst_size are the requests that may come at once, remaining those that may be made ' +
    'now, reset the epoch second at which remaining is back to limit, burst_window the ' +
    'seconds a whole burst takes to come back. Without one: limit "unlimited", reset and ' +
    'remaining "n/a". results_max is API_MAX_LIMIT; offset_max the deepest offset. ' +
    AUTH_NOTES,
  tags: [DNSDB_TAG],
  response: {
    200: {
      type: 'object',
      properties: {
        rate: {
          type: 'object',
          properties: {
            reset: figure('Epoch second at which the limit is whole again, or n/a'),
            limit: figure('Requests that may come at once, or unlimited'),
            remaining: figure('Requests that may be made now, or n/a'),
            burst_size: { type: 'integer', description: 'The same as limit' },
            burst_window: { type: 'integer', description: 'Seconds for a burst to come back' },
            results_max: { type: 'integer' },
            offset_max: { type: 'integer' }
          }
        }
      }
    },
    '4xx': ERROR_REPLY
  }
}

function answerHandler (queries: WildcardQueries, maxLimit: number, verb: DnsdbVerb,
  toTarget: ToTarget) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const now = Math.floor(Date.now() / 1000)
    const params = parseDnsdbParams(request.query as DnsdbQuery, verb, maxLimit, now)
    const target = toTarget(request.params as PathParams, verb)

    return reply.type(SAF_CONTENT_TYPE).send(dnsdbAnswer(queries, verb, target, params))
  }
}

/** ping needs no key (see access/access-class.ts); rate_limit reports the caller's limit. */
function metaRoutes (app: FastifyInstance, options: DnsdbRouteOptions) {
  app.get('/ping', {
    schema: { summary: 'DNSDB ping: the API answers', tags: [DNSDB_TAG] }
  }, async (_request, reply) => jsonLine(reply, { ping: 'ok' }))

  app.get('/rate_limit', {
    schema: rateSchema,
    config: { countsAgainstLimit: false }
  }, async (request, reply) => {
    const decision = request.caller === undefined ? undefined : options.limiter.peek(request.caller)
    return jsonLine(reply, { rate: rateFigures(decision, options.maxLimit) })
  })
}

export async function dnsdbRoutes (app: FastifyInstance, options: DnsdbRouteOptions) {
  const queries = options.store.wildcards
  installDnsdbErrorReply(app)
  app.addSchema(dnsdbQuerySchema)
  metaRoutes(app, options)

  for (const verb of VERBS) {
    for (const [path, toTarget] of TARGETS) {
      const handler = answerHandler(queries, options.maxLimit, verb, toTarget)
      app.get(`/${verb}/${path}`, { schema: answerSchema(verb, path) }, handler)
    }
  }
}
