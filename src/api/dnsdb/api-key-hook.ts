/**
 * DNSDB authenticates every request by the X-API-Key header, and answers 403 when it is
 * missing or not a valid key (DNSDB API v2, "Authentication").
 */
import type { FastifyRequest } from 'fastify'
import { DnsledgerError } from '../../errors.js'
import type { ApiKeySet } from '../api-key-set.js'

export function requireApiKey (keys: ApiKeySet) {
  return async (request: FastifyRequest) => {
    if (!keys.required) return

    const header = request.headers['x-api-key']
    if (!keys.matches(typeof header === 'string' ? header : undefined)) {
      throw new DnsledgerError('FORBIDDEN', 'missing or unknown API key: send a configured key ' +
        'in the X-API-Key header')
    }
  }
}
