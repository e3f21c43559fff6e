/**
 * Cross-origin requests from browsers, only when CORS_ORIGINS lists origins: otherwise no
 * Access-Control-* header is ever sent and browsers keep other sites' pages out. A preflight
 * (OPTIONS with Origin and Access-Control-Request-Method) from an allowed origin is answered
 * here, before keys are asked for: browsers never send credentials on a preflight. A small
 * hook rather than @fastify/cors, whose catch-all OPTIONS route would answer every path and
 * hide the 405 that tells a client which methods a path takes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

/** The API is read-only. */
const METHODS = 'GET, HEAD'

/** What a page may send: keys, and the CIRCL paging and filter headers. */
const REQUEST_HEADERS = 'Authorization, X-API-Key, dribble-paginate-count, ' +
  'dribble-paginate-cursor, dribble-filter-rrtype'

/** What a page may read beyond the CORS-safelisted headers. */
const EXPOSED_HEADERS = 'Link, X-Dnsledger-Truncated, x-dribble-cursor, RateLimit-Limit, ' +
  'RateLimit-Remaining, RateLimit-Reset, Retry-After, WWW-Authenticate'

/** Browsers cache a preflight answer for this many seconds (Chrome keeps at most 7200). */
const PREFLIGHT_MAX_AGE_SECONDS = '600'

function isPreflight (request: FastifyRequest): boolean {
  return request.method === 'OPTIONS' &&
    request.headers['access-control-request-method'] !== undefined
}

function answerPreflight (reply: FastifyReply) {
  return reply
    .header('access-control-allow-methods', METHODS)
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
    if (isPreflight(request)) return answerPreflight(reply)
    reply.header('access-control-expose-headers', EXPOSED_HEADERS)
  })
}
