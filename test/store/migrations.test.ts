import t from 'tap'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { BatchWriter } from '../../src/store/batch-writer.js'
import { migrate, SCHEMA_VERSION } from '../../src/store/migrations.js'
import { NameDictionary } from '../../src/store/name-dictionary.js'
import { Store } from '../../src/store/store.js'
import { batchOf, obs, tempDir } from '../helpers/temp-store.js'

const TABLES = ['names', 'name_forward', 'observations', 'new_domains', 'kafka_offsets',
  'rejected_messages']

function contents (db: Database.Database): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((table) =>
    [table, db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()]))
}

/** A database as the previous schema version made and filled it. */
function previousVersionDatabase (path: string): Record<string, unknown[]> {
  const db = new Database(path)
  migrate(db, SCHEMA_VERSION - 1)
  new BatchWriter(db, new NameDictionary(db)).write([batchOf([
    obs('a.example.', 'NS', 'ns1.provider.net.', 1467700000),
    obs('b.example.', 'NS', 'ns2.provider.net.', 1467700100),
    obs('www.a.example.', 'A', '192.0.2.10', 1467700000)
  ], {
    newDomains: [
      { domain: 'a.example.', nameserver: 'ns1.provider.net.', firstSeen: 1467700000 },
      { domain: 'b.example.', nameserver: 'ns2.provider.net.', firstSeen: 1467700100 },
      { domain: 'c.xyz.', nameserver: 'ns1.provider.net.', firstSeen: 1467700200 }
    ],
    rejects: [{ topic: 'spamhaus_pdns_ns', partition: 0, offset: '7', code: 'empty',
      reason: 'The message is empty.', payload: Buffer.alloc(0) }],
    offsets: [{ topic: 'spamhaus_pdns_ns', partition: 0, nextOffset: '8' }]
  })])
  const before = contents(db)
  db.close()

  return before
}

t.test('a database of the previous version is upgraded in place, every row kept', async (t) => {
  const path = join(tempDir(t), 'old.db')
  const before = previousVersionDatabase(path)
  t.ok(before.new_domains?.length === 3 && before.observations?.length === 3, 'filled')

  const store = Store.open(path)
  t.teardown(() => store.close())
  t.equal(store.db.pragma('user_version', { simple: true }), SCHEMA_VERSION)
  t.same(contents(store.db), before, 'no row lost or changed')
  const index = store.db.prepare("SELECT sql FROM sqlite_master WHERE name = ?")
    .pluck().get('new_domains_by_nameserver')
  t.match(index, /ON new_domains \(nameserver_id, first_seen\)/)
  t.same(store.db.pragma('integrity_check', { simple: true }), 'ok')

  const window = { since: 0, until: 2_000_000_000, asked: '', limit: 10 }
  const nameserver = { name: 'ns1.provider.net.' }
  const byNameserver = store.newDomains.find({ ...window, nameserver })
  t.same(byNameserver.records.map((r) => r.domain), ['a.example.', 'c.xyz.'],
    'rows written before the upgrade are found through the new index')
})

t.test('a database already at this version is left as it is', async (t) => {
  const path = join(tempDir(t), 'new.db')
  Store.open(path).close()
  const db = new Database(path)
  t.teardown(() => db.close())
  t.equal(migrate(db), 0)
})
