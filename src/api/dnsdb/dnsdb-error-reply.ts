/**
 * Errors of the DNSDB-compatible API leave as DNSDB's do: the HTTP status of DNSDB's table
 * (DNSDB API v2, "HTTP response codes": 400 bad request, 403 bad key, 404 unknown path, 416
 * offset) and a one-line plain-text body, which dnsdbq prints as the query status. The codes
 * and messages come from the one catalogue, errors.ts; what an error comes to is decided as for
 * the rest of the API (error-outcome.ts).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DnsledgerError } from '../../errors.js'
import { errorOutcome, isNoRoute, noRouteOutcome, type NoRoute } from '../error-outcome.js'

function send (reply: FastifyReply, statusCode: number, message: string) {
  const line = message.replace(/[\r\n]+/g, ' ')

  return reply.code(statusCode).type('text/plain; charset=utf-8').send(`Error: ${line}\n`)
}

/** Fastify's other client errors keep their message; anything else is the server's fault. */
function fromFastifyError (err: FastifyError): DnsledgerError | undefined {
  const status = err.statusCode ?? 500
  if (status < 400 || status >= 500) return undefined

  return new DnsledgerError('INVALID_REQUEST', err.message)
}

function sendNoRoute (reply: FastifyReply, request: FastifyRequest, outcome: NoRoute) {
  if (outcome.kind === 'allowed methods') {
    reply.header('allow', outcome.allow)
    return send(reply, 405, `${request.method} is not taken here: send ` +
      outcome.methods.join(' or '))
  }
  if (outcome.kind === 'fixed path') return send(reply, 400, outcome.detail)
  if (outcome.detail !== undefined) return send(reply, 404, outcome.detail)

  return send(reply, 404, `no DNSDB path ${outcome.path}: use ` +
    '/dnsdb/v2/{lookup|summarize}/{rrset/name|rdata/name|rdata/ip}/..., ping or rate_limit')
}

function answerError (app: FastifyInstance, err: FastifyError, request: FastifyRequest,
  reply: FastifyReply) {
  const outcome = errorOutcome(app, err, request)
  if (isNoRoute(outcome)) return sendNoRoute(reply, request, outcome)
  const known = outcome.kind === 'known' ? outcome.error : fromFastifyError(err)
  if (known === undefined || known.statusCode >= 500) {
    request.log.error({ err }, 'DNSDB request failed')
  }

  if (known !== undefined) return send(reply, known.statusCode, known.message)
  return send(reply, 500, 'the server failed to answer; it is logged')
}

export function installDnsdbErrorReply (app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    try {
      return answerError(app, err, request, reply)
    } catch (failure) {
      // Writing the error failed: still one line of DNSDB's form, never Fastify's 500 body.
      request.log.error({ err: failure }, 'writing a DNSDB error failed')
      return reply.sent ? reply : send(reply, 500, 'the server failed to describe an error')
    }
  })
  app.setNotFoundHandler((request, reply) =>
    sendNoRoute(reply, request, noRouteOutcome(app, request)))
}
