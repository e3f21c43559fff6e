import pino, { type Logger } from 'pino'

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

export function createLogger (level: string): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } })
}

export type { Logger }
