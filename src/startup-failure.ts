/**
 * Why the service could not start, as one sentence that says what to change, for failures
 * whose cause is known: the address it listens on, a file or folder it cannot read, and the
 * catalogue's own errors (a setting, the database file, Kafka's settings), which say it
 * already. Anything else is unexpected and is logged with its stack.
 */
import type { Config } from './config.js'
import { isDnsledgerError, type ErrorCode } from './errors.js'

interface SystemError extends Error {
  code?: string
  path?: string
}

export interface StartupFailure {
  code: ErrorCode
  detail: string
}

type Place = Pick<Config, 'host' | 'port' | 'sampleDir' | 'databasePath'>

function listenDetail (err: SystemError, { host, port }: Place): string | undefined {
  switch (err.code) {
    case 'EADDRINUSE': return `port ${port} on ${host} is in use: set PORT to a free port, or ` +
      'stop the other process listening there'
    case 'EACCES': return `this user may not listen on port ${port}: set PORT to 1024 or ` +
      'above, or give the process the right to bind low ports (CAP_NET_BIND_SERVICE)'
    case 'EADDRNOTAVAIL': return `HOST ${host} is not an address of this machine: set HOST ` +
      'to one of its addresses, 127.0.0.1 for this machine only or 0.0.0.0 for every interface'
    case 'ENOTFOUND': case 'EAI_AGAIN': return `HOST ${host} does not resolve to an address: ` +
      'set HOST to an IP address such as 127.0.0.1 or 0.0.0.0'
  }

  return undefined
}

const FILE_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'ENOTDIR', 'EISDIR'])

/**
 * A file or folder that cannot be read, as one sentence that says what to check; `setting`
 * is the variable that named the path, where one did. Undefined for any other error.
 */
export function unreadableFileDetail (err: unknown, setting?: string): string | undefined {
  const { code, path } = err as SystemError
  if (path === undefined || code === undefined || !FILE_CODES.has(code)) return undefined
  const named = setting === undefined ? '' : `${setting}, `
  const kind = code === 'EISDIR' ? ', is a file rather than a folder,' : ''

  return `cannot read ${path} (${code}): check ${named}that the path exists${kind} and that ` +
    'this user may read it'
}

function fileDetail (err: SystemError, place: Place): string | undefined {
  const setting = err.path?.startsWith(place.sampleDir) === true
    ? 'DNSLEDGER_SAMPLE_DIR'
    : 'DNSLEDGER_DB'

  return unreadableFileDetail(err, setting)
}

export function startupFailure (err: unknown, place: Place): StartupFailure | undefined {
  if (isDnsledgerError(err)) return { code: err.code, detail: err.message }
  if (!(err instanceof Error)) return undefined

  const listen = listenDetail(err, place)
  if (listen !== undefined) return { code: 'LISTEN_FAILED', detail: listen }
  const file = fileDetail(err, place)

  return file === undefined ? undefined : { code: 'FILE_UNREADABLE', detail: file }
}
