/**
 * What a failed request comes to, decided once for every dialect of the API: a path that takes
 * other methods (405 with Allow), a network written with a slash (how to write it), a path no
 * route serves (404), or an error of the catalogue, schema failures included. Each dialect's
 * error handler only writes the outcome in its own form: problem details, DNSDB's plain line.
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
import { DnsledgerError, isDnsledgerError } from '../errors.js'
import { allowedMethods } from './allowed-methods.js'
import { trailingSlashDetail } from './trailing-slash.js'
import { commaNetworkPath, slashNetworkDetail } from './slash-network.js'
import { queryTextOf, validationDetail } from './validation-detail.js'

/** A request whose path and method no route serves. */
export type NoRoute =
  /** `path` is served, but not with the request's method: `allow` is the Allow header. */
  | { kind: 'allowed methods', path: string, methods: string[], allow: string }
  /** A network written address/prefix in a path that takes it only as address,prefix. */
  | { kind: 'fixed path', path: string, detail: string }
  /** `detail`: what to send instead, when the path is a served one with a trailing slash. */
  | { kind: 'not found', path: string, detail?: string }

type ErrorOutcome = NoRoute
  | { kind: 'known', error: DnsledgerError }
  /** Neither of the catalogue nor a schema failure: the dialect decides what it means. */
  | { kind: 'other', error: FastifyError }

export function isNoRoute (outcome: ErrorOutcome): outcome is NoRoute {
  return outcome.kind !== 'known' && outcome.kind !== 'other'
}

/**
 * A request whose path and method no route serves: 405, the slash-network hint, or 404 (saying
 * to drop a trailing slash when the path without it is served).
 */
export function noRouteOutcome (app: FastifyInstance, request: FastifyRequest): NoRoute {
  const path = request.url.split('?')[0] ?? ''
  const methods = allowedMethods(app, request.url)
  if (methods.length > 0) {
    return { kind: 'allowed methods', path, methods, allow: methods.join(', ') }
  }

  const fixed = commaNetworkPath(path)
  if (fixed !== undefined) {
    return { kind: 'fixed path', path, detail: slashNetworkDetail(path, fixed) }
  }

  return { kind: 'not found', path, detail: trailingSlashDetail(app, request) }
}

export function errorOutcome (app: FastifyInstance, err: FastifyError,
  request: FastifyRequest): ErrorOutcome {
  if (isDnsledgerError(err)) return { kind: 'known', error: err }
  // A method no route of the path takes can fail in Fastify before the not-found handler
  // (QUERY without a Content-Type fails body parsing): it is still a 405 or a 404. Refusals
  // (no key, rate limit) are errors of the catalogue and come first, as for any path.
  if (request.is404) return noRouteOutcome(app, request)
  if (err.validation !== undefined) {
    // Fastify reads a POST with no Content-Type and no bytes as a null body, as it does the
    // JSON text null (which needs a Content-Type to be parsed at all).
    const sent = { place: err.validationContext ?? 'request', queryText: queryTextOf(request.url),
      bodySent: request.headers['content-type'] !== undefined }
    return { kind: 'known', error: new DnsledgerError('INVALID_REQUEST',
      validationDetail(err.validation, sent)) }
  }

  return { kind: 'other', error: err }
}
