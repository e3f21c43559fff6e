/**
 * Credentials of the CIRCL-compatible API, as its clients send them: HTTP Basic (CIRCL's own
 * service, dnsdbq's CIRCL_AUTH, PyPDNS basic_auth), a bare token in Authorization (PyPDNS
 * auth_token), `Bearer` or `Token` schemes, or an X-API-Key header (PyPDNS auth_header). With
 * Basic, a configured key matches either the password alone (any user name) or the whole
 * `user:password`, so keys can be handed out both ways.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { DnsledgerError } from '../../errors.js'
import type { ApiKeySet } from '../api-key-set.js'

function basicCandidates (encoded: string): string[] {
  const pair = Buffer.from(encoded, 'base64').toString('utf8')
  const colon = pair.indexOf(':')

  return colon < 0 ? [pair] : [pair, pair.slice(colon + 1)]
}

function authorizationCandidates (header: string): string[] {
  const basic = /^Basic\s+(\S+)$/i.exec(header)
  if (basic !== null) return basicCandidates(basic[1] as string)

  const scheme = /^(?:Bearer|Token)\s+(\S+)$/i.exec(header)
  return [scheme === null ? header.trim() : scheme[1] as string]
}

export function circlCandidates (request: FastifyRequest): string[] {
  const { authorization, 'x-api-key': apiKey } = request.headers
  const candidates = typeof apiKey === 'string' ? [apiKey] : []
  if (typeof authorization === 'string') candidates.push(...authorizationCandidates(authorization))

  return candidates
}

export function requireCirclAuth (keys: ApiKeySet) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!keys.required || keys.matches(...circlCandidates(request))) return

    reply.header('www-authenticate', 'Basic realm="dnsledger", charset="UTF-8"')
    throw new DnsledgerError('UNAUTHORIZED', 'missing or unknown credentials: send a configured ' +
      'key as the Basic password, as a token in Authorization, or in X-API-Key')
  }
}
