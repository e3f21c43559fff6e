/**
 * Errors of the DNSDB-compatible API leave as DNSDB's do: the HTTP status of DNSDB's table
 * (DNSDB API v2, "HTTP response codes": 400 bad request, 403 bad key, 404 unknown path, 416
 * offset) and a one-line plain-text body, which dnsdbq prints as the query status. The codes
 * and messages come from the one catalogue, errors.ts.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DnsledgerError, isDnsledgerError } from '../../errors.js'
import { allowedMethods } from '../allowed-methods.js'
import { commaNetworkPath, slashNetworkDetail } from '../slash-network.js'
import { queryTextOf, validationDetail } from '../validation-detail.js'

function send (reply: FastifyReply, statusCode: number, message: string) {
  const line = message.replace(/[\r\n]+/g, ' ')

  return reply.code(statusCode).type('text/plain; charset=utf-8').send(`Error: ${line}\n`)
}

function asKnown (err: FastifyError, url: string): DnsledgerError | undefined {
  if (isDnsledgerError(err)) return err
  if (err.validation !== undefined) {
    const sent = { place: err.validationContext ?? 'request', queryText: queryTextOf(url) }
    return new DnsledgerError('INVALID_REQUEST', validationDetail(err.validation, sent))
  }
  const status = err.statusCode ?? 500
  if (status < 400 || status >= 500) return undefined

  return new DnsledgerError('INVALID_REQUEST', err.message)
}

export function installDnsdbErrorReply (app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    try {
      return answerError(err, request, reply)
    } catch (failure) {
      // Writing the error failed: still one line of DNSDB's form, never Fastify's 500 body.
      request.log.error({ err: failure }, 'writing a DNSDB error failed')
      return reply.sent ? reply : send(reply, 500, 'the server failed to describe an error')
    }
  })

  const answerError = (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    // As in problem-handler.ts: a method no route takes is a 405 or a 404, whatever else fails.
    if (request.is404 && !isDnsledgerError(err)) return answerNoRoute(request, reply)
    const known = asKnown(err, request.url)
    if (known === undefined || known.statusCode >= 500) {
      request.log.error({ err }, 'DNSDB request failed')
    }

    if (known !== undefined) return send(reply, known.statusCode, known.message)
    return send(reply, 500, 'the server failed to answer; it is logged')
  }

  const answerNoRoute = (request: FastifyRequest, reply: FastifyReply) => {
    const allowed = allowedMethods(app, request.url)
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '))
      return send(reply, 405, `${request.method} is not taken here: send ${allowed.join(' or ')}`)
    }

    const path = request.url.split('?')[0] ?? ''
    const fixed = commaNetworkPath(path)
    if (fixed !== undefined) return send(reply, 400, slashNetworkDetail(path, fixed))

    return send(reply, 404, `no DNSDB path ${path}: use ` +
      '/dnsdb/v2/{lookup|summarize}/{rrset/name|rdata/name|rdata/ip}/..., ping or rate_limit')
  }
  app.setNotFoundHandler(answerNoRoute)
}
