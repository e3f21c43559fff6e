import t from 'tap'
import { fatalWriteError, isTransientWriteError, sqliteCode, writeFailure }
  from '../../src/ingest/store-fault.js'

function sqliteError (code: string): Error {
  return Object.assign(new Error(`${code} happened`), { code })
}

t.test('faults that can pass are retried, by their primary SQLite code', async (t) => {
  for (const code of ['SQLITE_FULL', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED',
    'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_IOERR', 'SQLITE_IOERR_WRITE',
    'SQLITE_CANTOPEN', 'SQLITE_NOMEM']) {
    t.ok(isTransientWriteError(sqliteError(code)), code)
  }
  t.equal(sqliteCode(sqliteError('SQLITE_IOERR_FSYNC')), 'SQLITE_IOERR')
})

t.test('anything else is fatal: corruption, constraints, bugs', async (t) => {
  for (const err of [sqliteError('SQLITE_CORRUPT'), sqliteError('SQLITE_NOTADB'),
    sqliteError('SQLITE_CONSTRAINT_PRIMARYKEY'), new TypeError('x is undefined'),
    Object.assign(new Error('not sqlite'), { code: 'ENOSPC' })]) {
    t.notOk(isTransientWriteError(err), err.message)
  }
  t.match(fatalWriteError(sqliteError('SQLITE_CORRUPT'), {}), { code: 'STORE_CORRUPT',
    retriable: false, message: /damaged; it was left as it is/ })
  t.match(fatalWriteError(new TypeError('x is undefined'), { topic: 't' }), { code: 'INTERNAL',
    context: { topic: 't' } })
})

t.test('a retried failure says what to fix, with where it happened', async (t) => {
  const cases: Array<[string, RegExp]> = [
    ['SQLITE_FULL', /free space on the volume that holds DNSLEDGER_DB/],
    ['SQLITE_READONLY', /read-only: check its permissions/],
    ['SQLITE_IOERR_WRITE', /I\/O error: check the volume/],
    ['SQLITE_BUSY', /only one dnsledger may write/]
  ]
  for (const [code, advice] of cases) {
    const error = writeFailure(sqliteError(code), { topic: 'spamhaus_pdns_ns', partition: 1 })
    t.match(error, { code: 'STORE_WRITE_FAILED', retriable: true, message: advice,
      context: { topic: 'spamhaus_pdns_ns', partition: 1, code: sqliteCode({ code }) } })
  }
})
