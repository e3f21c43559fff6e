/**
 * Messages are counted however they reach the store: the sample load of a service without
 * Kafka is counted as the consumer's would be, and the metrics that only Kafka moves still
 * show a value, so that a dashboard sees numbers rather than gaps.
 */
import t from 'tap'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startService } from '../helpers/service-process.js'
import { tempDir } from '../helpers/temp-store.js'

const SAMPLE_DIR = join(import.meta.dirname, '..', '..', 'data', 'sample')

/** The sum of a metric's samples, by the value of one label. */
function samples (text: string, metric: string, label: string): Map<string, number> {
  const sums = new Map<string, number>()
  const line = new RegExp(`^${metric}\\{[^}]*${label}="([^"]*)"[^}]*\\} (\\S+)$`, 'gm')
  for (const [, value, count] of text.matchAll(line)) {
    sums.set(value as string, (sums.get(value as string) ?? 0) + Number(count))
  }

  return sums
}

function sampleLines (topic: string): number {
  const text = readFileSync(join(SAMPLE_DIR, `${topic}.txt`), 'utf8')

  return text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1).length
}

t.test('the sample load is counted: every message, those stored, those set aside by code',
  async (t) => {
    const service = await startService(t, { DNSLEDGER_DB: join(tempDir(t), 'm.db'),
      DNSLEDGER_LOAD_SAMPLE: 'auto', DNSLEDGER_SAMPLE_DIR: SAMPLE_DIR })
    const text = (await service.get('/metrics')).body as string
    const rejected = (await service.get('/v1/rejected?limit=1000')).body.records as Array<{
      topic: string, code: string }>
    t.ok(rejected.length > 0, 'the sample has set-aside lines')

    const consumed = samples(text, 'dnsledger_ingest_messages_consumed_total', 'topic')
    const stored = samples(text, 'dnsledger_ingest_messages_stored_total', 'topic')
    const setAside = samples(text, 'dnsledger_ingest_messages_rejected_total', 'topic')
    const topics = readdirSync(SAMPLE_DIR).map((file) => file.replace(/\.txt$/, ''))
    for (const topic of topics) {
      const aside = rejected.filter((record) => record.topic === topic).length
      t.equal(consumed.get(topic), sampleLines(topic), `${topic}: every line counted`)
      t.equal(setAside.get(topic) ?? 0, aside, `${topic}: as many as /v1/rejected lists`)
      t.equal(stored.get(topic), sampleLines(topic) - aside, `${topic}: the rest stored`)
    }
    const byCode = samples(text, 'dnsledger_ingest_messages_rejected_total', 'code')
    for (const { code } of rejected) t.ok((byCode.get(code) ?? 0) > 0, code)
    t.match(text, /^dnsledger_ingest_last_store_commit_timestamp_seconds [1-9]/m)
    t.match(text, /^dnsledger_ingest_batch_messages_count [1-9]/m)
  })

t.test('without Kafka, the consumer state is not_configured and writes are not faulted',
  async (t) => {
    const service = await startService(t, { DNSLEDGER_DB: join(tempDir(t), 'm.db'),
      DNSLEDGER_LOAD_SAMPLE: 'never' })
    const text = (await service.get('/metrics')).body as string
    t.match(text, /^dnsledger_consumer_state\{state="not_configured"\} 1$/m)
    t.match(text, /^dnsledger_consumer_state\{state="consuming"\} 0$/m)
    t.match(text, /^dnsledger_store_write_faulted 0$/m)
  })
