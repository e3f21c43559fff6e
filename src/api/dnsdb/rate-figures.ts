/**
 * DNSDB's rate_limit answer (DNSDB API v2, "Service limits and quotas") for the caller's own
 * token bucket: `limit` and `burst_size` are the burst, `remaining` the requests that may be
 * made now, `reset` the epoch second at which the bucket is full again, and `burst_window` the
 * seconds a whole burst takes to come back, so dnsdbq -I prints "burst rate: 600 per minute"
 * for 600/min. A caller with no limit gets DNSDB's "unlimited" figures.
 */
import type { RateDecision } from '../access/rate-limiter.js'
import { OFFSET_MAX } from './dnsdb-params.js'

export function rateFigures (decision: RateDecision | undefined, maxLimit: number) {
  const fixed = { results_max: maxLimit, offset_max: OFFSET_MAX }
  if (decision === undefined) {
    return { reset: 'n/a', limit: 'unlimited', remaining: 'n/a', ...fixed }
  }
  const { count, seconds, burst } = decision.rate

  return {
    reset: Math.floor(decision.atMs / 1000) + decision.resetSeconds,
    limit: decision.limit,
    remaining: decision.remaining,
    burst_size: burst,
    burst_window: Math.ceil(burst * seconds / count),
    ...fixed
  }
}
