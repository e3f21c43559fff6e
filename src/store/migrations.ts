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
  `
]

export const SCHEMA_VERSION = MIGRATIONS.length

export function migrate (db: Database): number {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > SCHEMA_VERSION) {
    throw new Error(`database schema version ${current} is newer than this dnsledger ` +
      `(${SCHEMA_VERSION}): upgrade dnsledger or point DNSLEDGER_DB at another file`)
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] as string)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }

  return SCHEMA_VERSION - current
}
