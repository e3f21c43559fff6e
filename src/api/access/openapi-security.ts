/**
 * The OpenAPI document says how to send a key and what a refusal or a limit looks like, on
 * every route that needs a key, following the same rules as the hook (access-class.ts), so the
 * route files need not repeat them. Registered as an onRoute hook before any route.
 */
import type { RouteOptions } from 'fastify'
import { problemResponse } from '../../../schemas/problem.js'
import { accessClassOf, type AccessClass } from './access-class.js'

const ONLY_WHEN = 'Needed only when the server has keys configured (API_KEYS, API_KEYS_FILE).'

export const SECURITY_SCHEMES = {
  ApiKey: {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
    description: `A configured key. ${ONLY_WHEN}`
  },
  Bearer: {
    type: 'http',
    scheme: 'bearer',
    description: `A configured key as Authorization: Bearer KEY (not DNSDB). ${ONLY_WHEN}`
  },
  Basic: {
    type: 'http',
    scheme: 'basic',
    description: 'CIRCL only: a configured key as the password, with any user name, or a ' +
      `configured user:password (a bare key in Authorization is taken too). ${ONLY_WHEN}`
  }
} as const

const SECURITY: Record<AccessClass, Array<Record<string, string[]>>> = {
  open: [],
  native: [{ ApiKey: [] }, { Bearer: [] }],
  dnsdb: [{ ApiKey: [] }],
  circl: [{ Basic: [] }, { ApiKey: [] }, { Bearer: [] }]
}

const RATE_HEADERS = {
  'RateLimit-Limit': { type: 'integer', description: 'Requests that may come at once' },
  'RateLimit-Remaining': { type: 'integer', description: 'Requests that may be made now' },
  'RateLimit-Reset': { type: 'integer', description: 'Seconds until Remaining is Limit again' },
  'Retry-After': { type: 'integer', description: 'Seconds until the next request may be made' }
}

const LIMITED = 'The caller\'s rate limit (API_RATE_LIMIT, or its key\'s own) is used up. ' +
  'The RateLimit-* headers come with every answer to a caller that has a limit.'

function problem (description: string, headers: object) {
  return { ...problemResponse(description), headers }
}

function text (description: string, headers?: object) {
  return { description, headers, content: { 'text/plain': { schema: { type: 'string' } } } }
}

const CHALLENGE = { 'WWW-Authenticate': { type: 'string', description: 'How to send a key' } }

function refusalResponses (access: Exclude<AccessClass, 'open'>, counts: boolean) {
  const refused = access === 'dnsdb'
    ? { 403: text('Missing or unknown key (send it in X-API-Key), one line of text') }
    : { 401: problem('Missing or unknown key: the detail says how to send one', CHALLENGE) }
  if (!counts) return refused

  return {
    ...refused,
    429: access === 'dnsdb' ? text(LIMITED, RATE_HEADERS) : problem(LIMITED, RATE_HEADERS)
  }
}

export function documentAccess (route: RouteOptions): void {
  const schema = route.schema as Record<string, unknown> | undefined
  if (schema === undefined || schema.hide === true) return

  const access = accessClassOf(route.url)
  if (access === 'open') {
    route.schema = { ...schema, security: SECURITY.open }
    return
  }
  const counts = (route.config as { countsAgainstLimit?: boolean } | undefined)
    ?.countsAgainstLimit !== false
  const response = { ...schema.response as object, ...refusalResponses(access, counts) }
  route.schema = { ...schema, security: SECURITY[access], response }
}
