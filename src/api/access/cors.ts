/**
 * Cross-origin requests from browsers, only when CORS_ORIGINS lists origins: otherwise no
 * Access-Control-* header is ever sent and browsers keep other sites' pages out. A preflight
 * (OPTIONS with Origin and Access-Control-Request-Method) from an allowed origin is answered
 * here, before keys are asked for: browsers never send credentials on a preflight. A small
 * hook rather than @fastify/cors, whose catch-all OPTIONS route would answer every path and
 * hide the 405 that tells a client which methods a path takes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { allowedMethods } from '../allowed-methods.js'

/** The API only reads; a path with no route still gets the methods most paths take. */
const DEFAULT_METHODS = ['GET', 'HEAD']

/**
 * What a page may send: keys, the JSON body of the bulk lookup (application/json is not a
 * CORS-safelisted Content-Type), and the CIRCL paging and filter headers.
 */
const REQUEST_HEADERS = 'Authorization, X-API-Key, Content-Type, dribble-paginate-count, ' +
  'dribble-paginate-cursor, dribble-filter-rrtype'

/** What a page may read beyond the CORS-safelisted headers: every header the API writes. */
const EXPOSED_HEADERS = 'Link, X-Dnsledger-Truncated, X-Dnsledger-Next-Cursor, ' +
  'X-Dnsledger-Scan-Limited, Content-Disposition, x-dribble-cursor, RateLimit-Limit, ' +
  'RateLimit-Remaining, RateLimit-Reset, Retry-After, WWW-Authenticate'

/** Browsers cache a preflight answer for this many seconds (Chrome keeps at most 7200). */
const PREFLIGHT_MAX_AGE_SECONDS = '600'

function isPreflight (request: FastifyRequest): boolean {
  return request.method === 'OPTIONS' &&
    request.headers['access-control-request-method'] !== undefined
}

/** The methods of the path asked about: POST for the bulk lookup, GET and HEAD elsewhere. */
function answerPreflight (app: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
  const methods = allowedMethods(app, request.url).filter((method) => method !== 'OPTIONS')

  return reply
    .header('access-control-allow-methods',
      (methods.length > 0 ? methods : DEFAULT_METHODS).join(', '))
    .header('access-control-allow-headers', REQUEST_HEADERS)
    .header('access-control-max-age', PREFLIGHT_MAX_AGE_SECONDS)
    .code(204)
    .send()
}

export function installCors (app: FastifyInstance, origins: readonly string[]): void {
  if (origins.length === 0) return
  const anyOrigin = origins.includes('*')
  const allowed = new Set(origins)

  app.addHook('onRequest', async (request, reply) => {
    // The answer depends on Origin whenever origins are listed: caches must keep them apart.
    if (!anyOrigin) reply.header('vary', 'Origin')
    const origin = request.headers.origin
    if (origin === undefined || (!anyOrigin && !allowed.has(origin))) return

    reply.header('access-control-allow-origin', anyOrigin ? '*' : origin)
    if (isPreflight(request)) return answerPreflight(app, request, reply)
    reply.header('access-control-expose-headers', EXPOSED_HEADERS)
  })
}
