/**
 * A database file that is not a usable SQLite database is reported at start, with what to do,
 * and left exactly as it was: never overwritten, repaired or replaced.
 */
import t, { type Test } from 'tap'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Store } from '../../src/store/store.js'
import { startService } from '../helpers/service-process.js'
import { tempDir } from '../helpers/temp-store.js'

function digest (path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

async function startOn (t: Test, dbPath: string) {
  const service = await startService(t, { DNSLEDGER_DB: dbPath, DNSLEDGER_LOAD_SAMPLE: 'never' },
    { waitForHealth: false })
  return { code: await service.exited(), output: service.output() }
}

t.test('a file that is not a database stops the start and is left untouched', async (t) => {
  const dbPath = join(tempDir(t), 'garbage.db')
  writeFileSync(dbPath, Buffer.alloc(65536, 'not a database '))
  const before = digest(dbPath)
  const { code, output } = await startOn(t, dbPath)
  t.equal(code, 1, 'exit 1')
  t.match(output, /"code":"STORE_CORRUPT".*"msg":"cannot start"/)
  t.match(output, /dnsledger: .*garbage\.db is not a usable dnsledger database /)
  t.match(output, /It was left untouched: restore it from a backup/)
  t.equal(digest(dbPath), before, 'not one byte changed')
  t.notOk(existsSync(`${dbPath}-wal`), 'no write-ahead log created beside it')
})

t.test('a database whose header is damaged is reported, not rebuilt', async (t) => {
  const dbPath = join(tempDir(t), 'damaged.db')
  const store = Store.open(dbPath)
  store.write({ observations: [{ rrname: 'a.example.', rrtype: 'A', rdata: '192.0.2.1',
    timeSeen: 1467690095 }], newDomains: [], rejects: [], offsets: [] })
  store.db.pragma('wal_checkpoint(TRUNCATE)')
  store.close()
  const bytes = readFileSync(dbPath)
  bytes.write('garbage garbage!', 0)
  writeFileSync(dbPath, bytes)
  const before = digest(dbPath)
  const { code, output } = await startOn(t, dbPath)
  t.equal(code, 1, 'exit 1')
  t.match(output, /is not a usable dnsledger database/)
  t.equal(digest(dbPath), before, 'not one byte changed')
})
