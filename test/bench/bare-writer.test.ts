import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { BareWriter, openLikeProduct } from '../../bench/lib/bare-writer.js'
import type { GenObservation } from '../../bench/gen/generator.js'

function observation (owner: number, target: number, timeSeen: number): GenObservation {
  return { rrname: `host${owner}.example.com.`, rrtype: 'NS', rdata: `ns${target}.example.net.`,
    timeSeen, zone: 'example.com.' }
}

function storeRows (nameCacheMax: number, batches: GenObservation[][]): unknown[] {
  const dir = mkdtempSync(join(tmpdir(), 'dnsledger-bare-'))
  const db = openLikeProduct(join(dir, 'store.db'))
  try {
    const writer = new BareWriter(db, nameCacheMax)
    for (const batch of batches) writer.write(batch)

    return db.prepare(`
      SELECT n.name, o.rrtype, o.rdata, o.first_seen, o.last_seen, o.count
      FROM observations o JOIN names n ON n.id = o.rrname_id
      ORDER BY n.name, o.rrtype, o.rdata`).all()
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

t.test('a name cache emptied when full stores what an unbounded one does', async (t) => {
  // More distinct names than the cache holds, each seen again after it was dropped.
  const batches = [0, 1, 2].map((round) => Array.from({ length: 20 }, (_, i) =>
    observation(i % 7, (i + round) % 5, 1_700_000_000 + round * 100 + i)))
  const small = storeRows(3, batches)

  t.same(small, storeRows(1_000_000, batches))
  t.equal(small.length, 35)
})
