/**
 * The one error catalogue. Every error dnsledger raises on purpose has a stable code, an HTTP
 * status for when it reaches a client, and whether retrying the same thing later could succeed.
 */

interface CatalogueEntry {
  statusCode: number
  title: string
  retriable: boolean
}

export const ERROR_CATALOGUE = {
  INVALID_NAME: { statusCode: 400, title: 'Invalid domain name', retriable: false },
  INVALID_IP: { statusCode: 400, title: 'Invalid IP address', retriable: false },
  INVALID_CIDR: { statusCode: 400, title: 'Invalid network prefix', retriable: false },
  INVALID_RRTYPE: { statusCode: 400, title: 'Unsupported record type', retriable: false },
  INVALID_CURSOR: { statusCode: 400, title: 'Invalid cursor', retriable: false },
  INVALID_TIME: { statusCode: 400, title: 'Invalid time', retriable: false },
  INVALID_REQUEST: { statusCode: 400, title: 'Invalid request', retriable: false },
  UNAUTHORIZED: { statusCode: 401, title: 'Authentication required', retriable: false },
  FORBIDDEN: { statusCode: 403, title: 'Forbidden', retriable: false },
  NOT_FOUND: { statusCode: 404, title: 'Not found', retriable: false },
  METHOD_NOT_ALLOWED: { statusCode: 405, title: 'Method not allowed', retriable: false },
  NOT_ACCEPTABLE: { statusCode: 406, title: 'Not acceptable', retriable: false },
  REQUEST_TIMEOUT: { statusCode: 408, title: 'Request timeout', retriable: true },
  PAYLOAD_TOO_LARGE: { statusCode: 413, title: 'Request body too large', retriable: false },
  UNSUPPORTED_MEDIA_TYPE: { statusCode: 415, title: 'Unsupported media type', retriable: false },
  OFFSET_TOO_LARGE: { statusCode: 416, title: 'Offset not satisfiable', retriable: false },
  RATE_LIMITED: { statusCode: 429, title: 'Too many requests', retriable: true },
  HEADERS_TOO_LARGE: { statusCode: 431, title: 'URL or headers too large', retriable: false },
  NOT_READY: { statusCode: 503, title: 'Not ready', retriable: true },
  INTERNAL: { statusCode: 500, title: 'Internal error', retriable: true },
  CONFIG_INVALID: { statusCode: 500, title: 'Invalid configuration', retriable: false },
  LISTEN_FAILED: { statusCode: 500, title: 'Cannot listen on the address', retriable: true },
  FILE_UNREADABLE: { statusCode: 500, title: 'File cannot be read', retriable: false },
  STORE_CORRUPT: { statusCode: 500, title: 'Database file is not usable', retriable: false },
  STORE_CANNOT_OPEN: { statusCode: 500, title: 'Database file cannot be opened', retriable: false },
  STORE_WRITE_FAILED: { statusCode: 503, title: 'Database write failed', retriable: true },
  STORE_WRITER_EXITED: { statusCode: 503, title: 'Database writer stopped', retriable: true },
  KAFKA_CONFIG: { statusCode: 500, title: 'Kafka settings rejected', retriable: false },
  KAFKA_UNAVAILABLE: { statusCode: 503, title: 'Kafka unavailable', retriable: true }
} as const satisfies Record<string, CatalogueEntry>

export type ErrorCode = keyof typeof ERROR_CATALOGUE

export class DnsledgerError extends Error {
  readonly code: ErrorCode
  readonly statusCode: number
  readonly retriable: boolean
  readonly context: Record<string, unknown>

  constructor (code: ErrorCode, message: string, context: Record<string, unknown> = {}) {
    super(message)
    const entry = ERROR_CATALOGUE[code]
    this.name = 'DnsledgerError'
    this.code = code
    this.statusCode = entry.statusCode
    this.retriable = entry.retriable
    this.context = context
  }

  get title (): string {
    return ERROR_CATALOGUE[this.code].title
  }
}

export function isDnsledgerError (err: unknown): err is DnsledgerError {
  return err instanceof DnsledgerError
}
