import t from 'tap'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { MAX_MESSAGE_BYTES } from '../../src/feeds/index.js'
import { reingestRejected } from '../../src/ingest/reingest.js'
import { Store } from '../../src/store/store.js'
import type { RejectedRecord } from '../../src/store/batch-writer.js'
import { serviceEnv } from '../helpers/service-process.js'
import { tempDir, tempStore } from '../helpers/temp-store.js'
import { ipv4Lines, observationTotal } from '../helpers/ingest-parts.js'

const IPV4 = 'spamhaus_pdns_ipv4'

/** A message set aside by an older, stricter parser: today's parses it. */
function setAside (topic: string, line: string | Buffer, code = 'bad_ipv4'): RejectedRecord {
  const payload = Buffer.from(line)
  return { topic, partition: 0, offset: '1', code, reason: 'older parser', payload }
}

function setAsideAll (store: Store, rejects: RejectedRecord[]): void {
  store.write({ observations: [], newDomains: [], rejects, offsets: [] })
}

t.test('set-aside messages that parse now are stored and removed; the rest stay', async (t) => {
  const store = tempStore(t)
  const [good, other] = ipv4Lines(2)
  setAsideAll(store, [setAside(IPV4, good as string), setAside(IPV4, 'still junk'),
    setAside('spamhaus_pdns_ns', '1467689852|bep.gov|ns1.treasury.gov', 'bad_name_character'),
    setAside(IPV4, other as string)])
  const result = reingestRejected(store, { pageSize: 2 })
  t.same(result, { examined: 4, stored: 3, stillRejected: 1, notKept: 0 })
  t.equal(observationTotal(store), 3)
  const left = store.rejected.list({ limit: 10 }).records
  t.same(left.map((r) => r.payload_head), ['still junk'])
  t.same(reingestRejected(store), { examined: 1, stored: 0, stillRejected: 1, notKept: 0 },
    'running it again changes nothing')
})

t.test('--topic and --code choose which set-aside messages are parsed again', async (t) => {
  const store = tempStore(t)
  const [a, b, c] = ipv4Lines(3)
  setAsideAll(store, [setAside(IPV4, a as string, 'bad_ipv4'),
    setAside(IPV4, b as string, 'bad_timestamp'), setAside('spamhaus_pdns_cname', c as string)])
  const chosen = reingestRejected(store, { topic: IPV4, code: 'bad_timestamp' })
  t.match(chosen, { examined: 1, stored: 1 })
  t.match(reingestRejected(store, { topic: IPV4 }), { examined: 1, stored: 1 })
  t.equal(store.rejected.list({ limit: 10 }).records.length, 1)
})

t.test('a payload over the parser limit is not kept whole and cannot be parsed again',
  async (t) => {
    const store = tempStore(t)
    const big = Buffer.alloc(MAX_MESSAGE_BYTES + 1, 'a')
    const atLimit = Buffer.concat([Buffer.from(ipv4Lines(1)[0] as string), Buffer.alloc(0)])
    setAsideAll(store, [setAside(IPV4, big, 'too_large'), setAside(IPV4, atLimit)])
    const kept = store.db.prepare('SELECT length(payload) FROM rejected_messages ORDER BY id')
      .pluck().all()
    t.same(kept, [null, atLimit.length], 'the whole payload is kept up to the limit only')
    t.same(reingestRejected(store), { examined: 2, stored: 1, stillRejected: 0, notKept: 1 })
  })

t.test('dnsledger reingest prints what it did', async (t) => {
  const path = join(tempDir(t), 'cli.db')
  const store = Store.open(path)
  setAsideAll(store, [setAside(IPV4, ipv4Lines(1)[0] as string), setAside(IPV4, 'junk')])
  store.close()
  const run = spawnSync(process.execPath, ['dist/src/cli.js', 'reingest', '--topic', IPV4],
    { env: serviceEnv({ DNSLEDGER_DB: path }), encoding: 'utf8' })
  t.equal(run.status, 0, run.stderr)
  t.match(run.stdout, /^2 set-aside messages parsed again: 1 now stored and removed, 1 still /)
  t.match(run.stdout, /rejected, 0 not kept whole/)
})
