/**
 * The answer to a request without a usable key, in each API's own terms: DNSDB answers 403
 * (DNSDB API v2, "HTTP response codes"), CIRCL asks for Basic credentials, and the native API
 * asks for a bearer token (RFC 6750), saying in the detail every way a key may be sent.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { DnsledgerError } from '../../errors.js'
import type { AccessClass } from './access-class.js'
import { offersCredentials } from './credentials.js'
import { credentialNamesIn } from './url-redaction.js'

const NATIVE_WAYS = 'in the X-API-Key header or as Authorization: Bearer KEY'

function urlNote (request: FastifyRequest): string {
  const [name] = credentialNamesIn(request.url)
  return name === undefined ? '' : ` (${name} in the URL is not read: URLs end up in logs)`
}

export function refusal (access: Exclude<AccessClass, 'open'>, request: FastifyRequest,
  reply: FastifyReply): DnsledgerError {
  if (access === 'dnsdb') {
    return new DnsledgerError('FORBIDDEN', 'missing or unknown API key: send a configured key ' +
      `in the X-API-Key header${urlNote(request)}`)
  }
  if (access === 'circl') {
    reply.header('www-authenticate', 'Basic realm="dnsledger", charset="UTF-8"')
    return new DnsledgerError('UNAUTHORIZED', 'missing or unknown credentials: send a ' +
      'configured key as the Basic password, as a token in Authorization, or in X-API-Key' +
      urlNote(request))
  }

  if (offersCredentials(request)) {
    reply.header('www-authenticate', 'Bearer realm="dnsledger", error="invalid_token"')
    return new DnsledgerError('UNAUTHORIZED', 'the API key sent is not one this server knows: ' +
      `check it, and send it ${NATIVE_WAYS}`)
  }
  reply.header('www-authenticate', 'Bearer realm="dnsledger"')

  return new DnsledgerError('UNAUTHORIZED', `this API needs a key: send it ${NATIVE_WAYS}` +
    urlNote(request))
}
