/**
 * Requests that never become requests (headers over Node's limit, a client too slow to send
 * them, bytes that are not HTTP) are answered by the server's clientError event, before Fastify
 * has a request or a reply. They get a problem document all the same, written to the socket by
 * hand, and the connection is closed, as Node does.
 */
import http from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { ERROR_CATALOGUE, type ErrorCode } from '../errors.js'
import { problemBody } from './problem-handler.js'

interface ConnectionError extends Error {
  code?: string
}

function describe (err: ConnectionError): [ErrorCode, string] {
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    // Node counts the request line with the headers: a long query string is the usual cause.
    return ['HEADERS_TOO_LARGE', `the request's URL (its query string) and headers are over ` +
      `the ${http.maxHeaderSize} bytes the server reads: send a shorter URL (many indicators ` +
      'go in the JSON body of POST /v1/lookup; a next_cursor is always short) or fewer, ' +
      'shorter headers']
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return ['REQUEST_TIMEOUT', 'the request did not arrive in time: send it whole, at once']
  }

  return ['INVALID_REQUEST', `the request is not valid HTTP/1.1 (${err.code ?? 'unreadable'}): ` +
    'check the client or what sits between it and the server']
}

function rawProblem (code: ErrorCode, detail: string): string {
  const { statusCode } = ERROR_CATALOGUE[code]
  const body = JSON.stringify(problemBody(code, detail))

  return `HTTP/1.1 ${statusCode} ${http.STATUS_CODES[statusCode]}\r\n` +
    'Content-Type: application/problem+json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
}

export function answerClientError (this: FastifyInstance, err: ConnectionError,
  socket: Socket): void {
  // A reset connection has no one left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return

  const [code, detail] = describe(err)
  this.log.debug({ code: err.code, status: ERROR_CATALOGUE[code].statusCode }, 'client error')
  if (socket.writable) socket.write(rawProblem(code, detail))
  socket.destroy(err)
}
