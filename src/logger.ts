import pino, { type DestinationStream, type Logger } from 'pino'
import { redactUrl } from './api/access/url-redaction.js'

/**
 * Credentials are removed here, at the logger, so that no call site has to remember to.
 */
const REDACT_PATHS = [
  'password',
  '*.password',
  '*.*.password',
  'sasl.password',
  'kafka.sasl.password',
  'config.kafka.sasl.password',
  'req.headers.authorization',
  'req.headers["x-api-key"]'
]

/** What Fastify logs of a request, as its own serializer does, but with query credentials out. */
interface LoggedRequest {
  method: string
  url: string
  host?: string
  ip?: string
  socket?: { remotePort?: number }
}

function requestView (req: LoggedRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort
  }
}

/** `destination` is standard output unless a test reads the lines itself. */
export function createLogger (level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { req: requestView }
  }

  return destination === undefined ? pino(options) : pino(options, destination)
}

export type { Logger }
