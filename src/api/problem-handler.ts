/**
 * Every error leaves as RFC 9457 problem details. Errors of the catalogue say what to fix;
 * anything else is logged with its stack and reaches the client as a bare 500, never with SQL
 * or a stack trace.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DnsledgerError, ERROR_CATALOGUE, isDnsledgerError, type ErrorCode } from '../errors.js'
import { redactUrl } from './access/url-redaction.js'
import { allowedMethods } from './allowed-methods.js'
import { commaNetworkPath, slashNetworkDetail } from './slash-network.js'
import { queryTextOf, validationDetail } from './validation-detail.js'

function problemType (code: ErrorCode): string {
  return `urn:dnsledger:problem:${code.toLowerCase().replaceAll('_', '-')}`
}

export interface ProblemDocument {
  type: string
  title: string
  status: number
  code: ErrorCode
  detail: string
  instance: string
}

/** The problem details of an error, without where it happened. */
export function problemBody (code: ErrorCode, detail: string): Omit<ProblemDocument, 'instance'> {
  const { statusCode, title } = ERROR_CATALOGUE[code]

  return { type: problemType(code), title, status: statusCode, code, detail }
}

export function problemDocument (code: ErrorCode, detail: string,
  instance: string): ProblemDocument {
  // A credential sent in the query string must not be echoed back or land in logs.
  return { ...problemBody(code, detail), instance: redactUrl(instance) }
}

export function sendProblem (reply: FastifyReply, request: FastifyRequest, code: ErrorCode,
  detail: string) {
  return reply
    .code(ERROR_CATALOGUE[code].statusCode)
    .type('application/problem+json')
    .send(problemDocument(code, detail, request.url))
}

/** Fastify's own errors (schema validation, body parsing) mapped onto the catalogue. */
function fromFastifyError (err: FastifyError,
  request: FastifyRequest): DnsledgerError | undefined {
  if (err.validation !== undefined) {
    const sent = { place: err.validationContext ?? 'request', queryText: queryTextOf(request.url) }
    return new DnsledgerError('INVALID_REQUEST', validationDetail(err.validation, sent))
  }
  if (err.statusCode === 413) {
    return new DnsledgerError('PAYLOAD_TOO_LARGE', 'request body is too large: send fewer items')
  }
  if (err.statusCode === 415) {
    return new DnsledgerError('UNSUPPORTED_MEDIA_TYPE', unsupportedTypeDetail(request))
  }
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return new DnsledgerError('INVALID_REQUEST', 'the body is empty: send one JSON object, as ' +
      'the API description (/docs) shows')
  }
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
    return new DnsledgerError('INVALID_REQUEST', 'the body is not valid JSON: send one JSON ' +
      'object, as the API description (/docs) shows (check quotes, commas and brackets)')
  }
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
    return new DnsledgerError('INVALID_REQUEST', err.message)
  }

  return undefined
}

function unsupportedTypeDetail (request: FastifyRequest): string {
  const sent = request.headers['content-type']
  const what = sent === undefined ? 'no Content-Type' : `Content-Type ${JSON.stringify(sent)}`

  return `the body was sent with ${what}: send it as JSON, with Content-Type: application/json`
}

/** A path no route serves, with any method. */
export function sendNotFound (reply: FastifyReply, request: FastifyRequest) {
  const path = request.url.split('?')[0]

  return sendProblem(reply, request, 'NOT_FOUND', `no route for ${request.method} ` +
    `${path}: see /docs for the API`)
}

/**
 * The last word when writing a problem fails: a fixed document, built from nothing the
 * client sent, so Fastify's own 500 body is never what a client sees.
 */
function sendFailedProblem (reply: FastifyReply, request: FastifyRequest, failure: unknown) {
  request.log.error({ err: failure }, 'writing a problem failed')
  if (reply.sent) return reply
  const body = problemBody('INTERNAL', 'the server failed to describe an error; it is logged')

  return reply.code(500).type('application/problem+json')
    .send(JSON.stringify({ ...body, instance: '' }))
}

export function installProblemHandler (app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    try {
      return answerError(err, request, reply)
    } catch (failure) {
      return sendFailedProblem(reply, request, failure)
    }
  })

  const answerError = (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    // A method no route of the path takes can fail in Fastify before the not-found handler
    // (QUERY without a Content-Type fails body parsing): it is still a 405 or a 404. Refusals
    // (no key, rate limit) come first, as for any path.
    if (request.is404 && !isDnsledgerError(err)) return answerNoRoute(request, reply)
    const known = isDnsledgerError(err) ? err : fromFastifyError(err, request)
    if (known !== undefined && known.statusCode < 500) {
      return sendProblem(reply, request, known.code, known.message)
    }
    if (known !== undefined) {
      request.log.warn({ err: known }, 'request failed')
      return sendProblem(reply, request, known.code, known.message)
    }
    request.log.error({ err }, 'request failed')

    return sendProblem(reply, request, 'INTERNAL', 'the server failed to answer; it is logged')
  }

  const answerNoRoute = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]
    const allowed = allowedMethods(app, request.url)
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '))
      return sendProblem(reply, request, 'METHOD_NOT_ALLOWED', `${path} does not take ` +
        `${request.method}: send ${allowed.join(' or ')}`)
    }

    const fixed = commaNetworkPath(path ?? '')
    if (fixed !== undefined) {
      return sendProblem(reply, request, 'INVALID_CIDR', slashNetworkDetail(path ?? '', fixed))
    }

    return sendNotFound(reply, request)
  }
  app.setNotFoundHandler(answerNoRoute)
}
