/**
 * The keys a request offers, as each API's clients send them.
 *
 * - Native API and /metrics: `X-API-Key`, or `Authorization: Bearer` (what Prometheus and most
 *   HTTP tools send).
 * - DNSDB: `X-API-Key` only, as DNSDB API v2 and dnsdbq do.
 * - CIRCL: HTTP Basic (CIRCL's own service, dnsdbq's CIRCL_AUTH, PyPDNS basic_auth), a bare
 *   token in Authorization (PyPDNS auth_token), `Bearer` or `Token` schemes, or X-API-Key
 *   (PyPDNS auth_header). With Basic, a configured key matches either the password alone (any
 *   user name) or the whole `user:password`, so keys can be handed out both ways.
 *
 * A key in the query string is never read: URLs end up in proxy logs, browser histories and
 * Referer headers.
 */
import type { FastifyRequest } from 'fastify'
import type { AccessClass } from './access-class.js'

function header (request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  return typeof value === 'string' ? value : undefined
}

function basicCandidates (encoded: string): string[] {
  const pair = Buffer.from(encoded, 'base64').toString('utf8')
  const colon = pair.indexOf(':')

  return colon < 0 ? [pair] : [pair, pair.slice(colon + 1)]
}

function circlAuthorization (value: string): string[] {
  const basic = /^Basic\s+(\S+)$/i.exec(value)
  if (basic !== null) return basicCandidates(basic[1] as string)

  const scheme = /^(?:Bearer|Token)\s+(\S+)$/i.exec(value)
  return [scheme === null ? value.trim() : scheme[1] as string]
}

function bearer (value: string | undefined): string[] {
  const match = value === undefined ? null : /^Bearer\s+(\S+)$/i.exec(value)
  return match === null ? [] : [match[1] as string]
}

export function credentialsOf (access: Exclude<AccessClass, 'open'>,
  request: FastifyRequest): string[] {
  const apiKey = header(request, 'x-api-key')
  const keys = apiKey === undefined ? [] : [apiKey]
  const authorization = header(request, 'authorization')
  if (access === 'dnsdb') return keys
  if (access === 'native') return [...keys, ...bearer(authorization)]

  return authorization === undefined ? keys : [...keys, ...circlAuthorization(authorization)]
}

/** Whether the request offered anything at all, to tell "missing" from "unknown". */
export function offersCredentials (request: FastifyRequest): boolean {
  return request.headers['x-api-key'] !== undefined || request.headers.authorization !== undefined
}
