/**
 * Every error leaves as RFC 9457 problem details. Errors of the catalogue say what to fix;
 * anything else is logged with its stack and reaches the client as a bare 500, never with SQL
 * or a stack trace.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DnsledgerError, ERROR_CATALOGUE, type ErrorCode } from '../errors.js'
import { BODY_MAX_TEXT } from './json-body-parser.js'
import { redactUrl } from './access/url-redaction.js'
import { errorOutcome, isNoRoute, noRouteOutcome, type NoRoute } from './error-outcome.js'

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

/**
 * Fastify's own errors that are neither schema failures nor of a path no route serves. Bodies
 * are parsed by json-body-parser.ts, whose refusals are of the catalogue already: Fastify's JSON
 * parser, and so its FST_ERR_CTP_*_JSON_BODY errors, is never installed.
 */
function fromFastifyError (err: FastifyError,
  request: FastifyRequest): DnsledgerError | undefined {
  if (err.statusCode === 413) {
    return new DnsledgerError('PAYLOAD_TOO_LARGE', `the request body is over ${BODY_MAX_TEXT}, ` +
      'the most the server reads: send fewer items, in more than one request')
  }
  if (err.statusCode === 415) {
    return new DnsledgerError('UNSUPPORTED_MEDIA_TYPE', unsupportedTypeDetail(request))
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

/** A path no route serves, or one it serves with other methods, as problem details. */
function sendNoRoute (reply: FastifyReply, request: FastifyRequest, outcome: NoRoute) {
  if (outcome.kind === 'allowed methods') {
    reply.header('allow', outcome.allow)
    return sendProblem(reply, request, 'METHOD_NOT_ALLOWED', `${outcome.path} does not take ` +
      `${request.method}: send ${outcome.methods.join(' or ')}`)
  }
  if (outcome.kind === 'fixed path') {
    return sendProblem(reply, request, 'INVALID_CIDR', outcome.detail)
  }
  if (outcome.detail !== undefined) {
    return sendProblem(reply, request, 'NOT_FOUND', outcome.detail)
  }

  return sendNotFound(reply, request)
}

function answerError (app: FastifyInstance, err: FastifyError, request: FastifyRequest,
  reply: FastifyReply) {
  const outcome = errorOutcome(app, err, request)
  if (isNoRoute(outcome)) return sendNoRoute(reply, request, outcome)
  const known = outcome.kind === 'known' ? outcome.error : fromFastifyError(err, request)
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

export function installProblemHandler (app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    try {
      return answerError(app, err, request, reply)
    } catch (failure) {
      return sendFailedProblem(reply, request, failure)
    }
  })
  app.setNotFoundHandler((request, reply) =>
    sendNoRoute(reply, request, noRouteOutcome(app, request)))
}
