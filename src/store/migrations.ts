/**
 * Numbered schema migrations, applied in order inside one transaction each; the number reached
 * is kept in SQLite's user_version.
 *
 * Layout, chosen for size and for index range scans:
 * - names are dictionary-encoded: every owner or target name is stored once, labels reversed
 *   (`com.example.www`), so "everything under example.com" is one range of the unique index.
 * - observations hold one row per distinct (rrname, rrtype, rdata). rdata is typed by rrtype:
 *   A and AAAA as 4- and 16-byte blobs (CIDR becomes a blob range), NS and CNAME as the target's
 *   name id, MX as name id * 65537 + (preference + 1, or 0 when the feed gave no preference) so
 *   that every MX row of one exchange host is one integer range, TXT and SOA as text.
 */
import type { Database } from 'better-sqlite3'
import { nameFromKey } from './name-key.js'

const MIGRATIONS: string[] = [
  `
  CREATE TABLE names (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
  );

  CREATE TABLE observations (
    rrname_id INTEGER NOT NULL,
    rrtype INTEGER NOT NULL,
    rdata ANY NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (rrname_id, rrtype, rdata)
  ) WITHOUT ROWID, STRICT;

  CREATE INDEX observations_by_rdata
    ON observations (rrtype, rdata, rrname_id);

  CREATE TABLE new_domains (
    domain_id INTEGER PRIMARY KEY,
    first_seen INTEGER NOT NULL,
    nameserver_id INTEGER NOT NULL,
    count INTEGER NOT NULL
  );

  CREATE INDEX new_domains_by_first_seen
    ON new_domains (first_seen, domain_id);

  CREATE TABLE kafka_offsets (
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL,
    next_offset TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (topic, partition)
  );

  CREATE TABLE rejected_messages (
    id INTEGER PRIMARY KEY,
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL,
    offset TEXT NOT NULL,
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    payload_head BLOB NOT NULL,
    payload_bytes INTEGER NOT NULL,
    rejected_at INTEGER NOT NULL
  );

  CREATE INDEX rejected_messages_by_topic_code
    ON rejected_messages (topic, code);
  `,
  // 2: names in forward order, for right-hand wildcards (`www.example.*`, the DNSDB API's),
  // which are a suffix of the reversed key and so would scan every name. The name dictionary
  // adds to it with every new name; names already stored are copied here.
  `
  CREATE TABLE name_forward (
    name TEXT PRIMARY KEY,
    id INTEGER NOT NULL
  ) WITHOUT ROWID;

  INSERT INTO name_forward (name, id)
  SELECT name_from_key(name), id
  FROM names;
  `,
  // 3: the whole payload of a set-aside message that is within the parser's size limit, so
  // that `dnsledger reingest` can parse it again after a fix; NULL for larger ones and for
  // rows set aside before this migration (only their first bytes were kept).
  `
  ALTER TABLE rejected_messages ADD COLUMN payload BLOB;
  `,
  // 4: new domains by nameserver, in time order within each, so that `nameserver=` walks one
  // range of this index per nameserver instead of every new domain in the window. domain_id is
  // the rowid, which closes every index entry: the order is (nameserver_id, first_seen,
  // domain_id) without storing the id twice.
  `
  CREATE INDEX new_domains_by_nameserver
    ON new_domains (nameserver_id, first_seen);
  `
]

export const SCHEMA_VERSION = MIGRATIONS.length

/** For a connection that must not migrate: the schema is this dnsledger's, or it throws. */
export function checkSchema (db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current !== SCHEMA_VERSION) {
    throw new Error(`database schema version ${current} is not this dnsledger's ` +
      `(${SCHEMA_VERSION}): the connection that migrates must open the database first`)
  }
}

/** `target` is this dnsledger's version but in tests, which make databases of earlier ones. */
export function migrate (db: Database, target = SCHEMA_VERSION): number {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > SCHEMA_VERSION) {
    throw new Error(`database schema version ${current} is newer than this dnsledger ` +
      `(${SCHEMA_VERSION}): upgrade dnsledger or point DNSLEDGER_DB at another file`)
  }
  db.function('name_from_key', { deterministic: true }, (key) => nameFromKey(key as string))
  for (let version = current; version < target; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] as string)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }

  return Math.max(0, target - current)
}
