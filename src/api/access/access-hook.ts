/**
 * Keys and limits for the whole API, in one onRequest hook: which rules a route follows
 * (access-class.ts), whether the request has a configured key in a form its API takes, and
 * whether its caller is within its limit. The caller is kept on the request, so that DNSDB's
 * rate_limit can report the caller's own figures.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ApiKeySet } from '../api-key-set.js'
import { accessClassOf } from './access-class.js'
import { credentialsOf } from './credentials.js'
import { rateLimited, setRateHeaders } from './rate-reply.js'
import type { Caller, RateLimiter } from './rate-limiter.js'
import { refusal } from './refusal.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request counts against; undefined on open routes. */
    caller?: Caller
  }

  interface FastifyContextConfig {
    /** false: the route reports limits and does not count against them (DNSDB rate_limit). */
    countsAgainstLimit?: boolean
  }
}

interface AccessOptions {
  keys: ApiKeySet
  limiter: RateLimiter
}

function routeOf (request: FastifyRequest): string {
  return request.routeOptions.url ?? request.url.split('?', 1)[0] as string
}

export function installAccessControl (app: FastifyInstance, options: AccessOptions): void {
  const { keys, limiter } = options
  app.decorateRequest('caller', undefined)

  app.addHook('onRequest', async (request, reply) => {
    const access = accessClassOf(routeOf(request))
    if (access === 'open') return

    let caller: Caller = { kind: 'address', address: request.ip }
    if (keys.required) {
      const index = keys.identify(...credentialsOf(access, request))
      if (index === undefined) throw refusal(access, request, reply)
      caller = { kind: 'key', index }
    }
    request.caller = caller

    const counts = request.routeOptions.config.countsAgainstLimit !== false
    const decision = counts ? limiter.take(caller) : limiter.peek(caller)
    if (decision === undefined) return
    setRateHeaders(reply, decision)
    if (!decision.allowed) throw rateLimited(reply, decision, caller)
  })
}
