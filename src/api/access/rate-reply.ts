/**
 * What a limited caller is told. Every answer to a limited caller carries RateLimit-Limit (the
 * burst: requests that may come at once), RateLimit-Remaining (requests that may be made now)
 * and RateLimit-Reset (seconds until Remaining is back to Limit), the three fields of the IETF
 * httpapi draft "RateLimit header fields for HTTP" as most servers send them; a refusal also
 * carries Retry-After (seconds until one more request may be made).
 */
import type { FastifyReply } from 'fastify'
import { DnsledgerError } from '../../errors.js'
import type { Caller, RateDecision } from './rate-limiter.js'

const UNITS: Record<number, string> = { 1: 'a second', 60: 'a minute', 3600: 'an hour' }

export function setRateHeaders (reply: FastifyReply, decision: RateDecision): void {
  reply.header('ratelimit-limit', String(decision.limit))
  reply.header('ratelimit-remaining', String(decision.remaining))
  reply.header('ratelimit-reset', String(decision.resetSeconds))
}

export function rateLimited (reply: FastifyReply, decision: RateDecision,
  caller: Caller): DnsledgerError {
  const { count, seconds, burst } = decision.rate
  const unit = UNITS[seconds] ?? `every ${seconds} s`
  const who = caller.kind === 'key' ? 'this API key' : 'this client address'
  reply.header('retry-after', String(decision.retryAfterSeconds))

  return new DnsledgerError('RATE_LIMITED', `${who} may make ${count} requests ${unit}, ` +
    `${burst} at once, and has used them: wait ${decision.retryAfterSeconds} s (Retry-After) ` +
    'before the next request, or ask for a higher limit')
}
