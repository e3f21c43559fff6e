/** A fresh on-disk store in a temporary folder per test, removed when the test ends. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Test } from 'tap'
import { Store } from '../../src/store/store.js'
import type { IngestBatch } from '../../src/store/batch-writer.js'
import type { Observation } from '../../src/feeds/observation.js'

export function tempDir (t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'dnsledger-test-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))

  return dir
}

export function tempStore (t: Test): Store {
  const store = Store.open(join(tempDir(t), 'test.db'))
  t.teardown(() => store.close())

  return store
}

export function batchOf (observations: Observation[], extra: Partial<IngestBatch> = {}): IngestBatch {
  return { observations, newDomains: [], rejects: [], offsets: [], ...extra }
}

export function obs (rrname: string, rrtype: Observation['rrtype'], rdata: string,
  timeSeen: number): Observation {
  return { rrname, rrtype, rdata, timeSeen }
}
