/**
 * Everything about who may call the API, wired into an app before its routes: CORS, keys and
 * rate limits, and what the OpenAPI document says about them.
 */
import type { FastifyInstance } from 'fastify'
import type { ApiKeyEntry } from '../../config.js'
import { ApiKeySet } from '../api-key-set.js'
import { installAccessControl } from './access-hook.js'
import { installCors } from './cors.js'
import { documentAccess } from './openapi-security.js'
import type { RateSetting } from './rate-limit.js'
import { RateLimiter } from './rate-limiter.js'

export interface AccessSettings {
  /** Keys the API requires (all but the open routes); none leaves it open. */
  apiKeys?: Array<string | ApiKeyEntry>
  /** Each key's limit unless its entry has its own; per client address when there are no keys. */
  rateLimit?: RateSetting
  /** Origins whose pages may call the API; `*` for any; none sends no CORS headers. */
  corsOrigins?: readonly string[]
  /** Milliseconds, for the rate limits; tests pass a clock of their own. */
  clock?: () => number
}

/** Call before any route is added, so that every route gets the hooks and the documentation. */
export function installAccess (app: FastifyInstance, settings: AccessSettings): RateLimiter {
  const entries = (settings.apiKeys ?? []).map((entry) =>
    typeof entry === 'string' ? { key: entry } : entry)
  const defaultRate = settings.rateLimit ?? 'unlimited'
  const limiter = new RateLimiter({
    keyRates: entries.map((entry) => entry.rate ?? defaultRate),
    addressRate: defaultRate,
    clock: settings.clock ?? Date.now
  })

  app.addHook('onRoute', documentAccess)
  installCors(app, settings.corsOrigins ?? [])
  installAccessControl(app, { keys: new ApiKeySet(entries.map((entry) => entry.key)), limiter })

  return limiter
}
