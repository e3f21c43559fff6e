/**
 * Which store write failures are worth retrying, and what to tell the operator. A full disk,
 * a lock held by another process, a read-only file or an I/O error can all go away without
 * dnsledger changing anything, so ingest pauses and tries again; a corrupt file, a schema
 * mismatch or a bug would fail the same way forever, so they stop the service. The writer
 * thread ending in the middle of a write (STORE_WRITER_EXITED) is retried too, by a new thread.
 * Errors from the writer thread arrive with their code (writer-protocol.ts), so they fall into
 * the same classes as on the thread that raised them.
 */
import { DnsledgerError, isDnsledgerError } from '../errors.js'

const WRITER_EXITED = 'STORE_WRITER_EXITED'

const TRANSIENT_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR',
  'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_NOMEM', 'SQLITE_PROTOCOL', 'SQLITE_INTERRUPT',
  WRITER_EXITED])

const ADVICE: Record<string, string> = {
  SQLITE_BUSY: 'another process holds a write lock on the database: only one dnsledger may ' +
    'write to a DNSLEDGER_DB file',
  SQLITE_LOCKED: 'the database is locked by another connection: only one dnsledger may write ' +
    'to a DNSLEDGER_DB file',
  SQLITE_FULL: 'the disk (or the database size limit) is full: free space on the volume that ' +
    'holds DNSLEDGER_DB and its -wal file',
  SQLITE_IOERR: 'the disk reported an I/O error: check the volume that holds DNSLEDGER_DB',
  SQLITE_READONLY: 'the database file or its folder is read-only: check its permissions and ' +
    'that the volume is mounted read-write',
  SQLITE_CANTOPEN: 'the database or its -wal file cannot be opened: check the folder of ' +
    'DNSLEDGER_DB',
  [WRITER_EXITED]: 'the thread that writes to the store ended unexpectedly (the log says why); ' +
    'a new one takes over'
}

/** SQLite's primary result code (`SQLITE_IOERR` for `SQLITE_IOERR_WRITE`), if it is one. */
export function sqliteCode (err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined

  return code.split('_').slice(0, 2).join('_')
}

/** The SQLite code, or STORE_WRITER_EXITED for a writer thread that ended. */
export function faultCode (err: unknown): string | undefined {
  if (isDnsledgerError(err) && err.code === WRITER_EXITED) return WRITER_EXITED

  return sqliteCode(err)
}

export function isTransientWriteError (err: unknown): boolean {
  const code = faultCode(err)

  return code !== undefined && TRANSIENT_CODES.has(code)
}

export function writeFailure (err: unknown, context: Record<string, unknown>): DnsledgerError {
  const code = faultCode(err) ?? 'unknown'
  const advice = ADVICE[code] ?? 'see the error'

  return new DnsledgerError('STORE_WRITE_FAILED', `writing to the store failed (${code}: ` +
    `${(err as Error).message}): ${advice}; ingest is paused and retried`, { ...context, code })
}

/** An error no retry can mend: the service stops rather than run on without storing. */
export function fatalWriteError (err: unknown, context: Record<string, unknown>): DnsledgerError {
  if (isDnsledgerError(err)) {
    return new DnsledgerError(err.code, err.message, { ...context, ...err.context })
  }
  const code = sqliteCode(err)
  const message = `writing to the store failed and cannot be retried (${code ?? 'error'}: ` +
    `${(err as Error).message})`
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new DnsledgerError('STORE_CORRUPT', `${message}: the database file is damaged; it ` +
      'was left as it is: restore it from a backup, or move it aside to rebuild from the feed',
    context)
  }

  return new DnsledgerError('INTERNAL', message, { ...context, code })
}
