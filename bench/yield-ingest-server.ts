/**
 * A child process for the benchmark's "yield between chunks" variant: the product's API and
 * store in one process, as the service has them, with an ingest loop that writes a window's
 * feed files through the product's parsers and Store.write in chunks, and gives the event loop
 * a turn (setImmediate) after each chunk, which the Kafka consumer's loop does not do today.
 * The loop starts on SIGUSR2, so lookups can be measured idle first; it prints `done` at the
 * end. Run by yield-variant.ts, on 127.0.0.1, with YIELD_DB, YIELD_DIR, YIELD_PREFIX (the
 * window's files) and YIELD_CHUNK (messages per transaction) in its environment.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setImmediate as turn } from 'node:timers/promises'
import { buildApp } from '../src/api/app.js'
import { FEED_KINDS } from '../src/feeds/observation.js'
import { BatchBuilder } from '../src/ingest/batch-builder.js'
import { Store } from '../src/store/store.js'

const { YIELD_DB = '', YIELD_DIR = '', YIELD_PREFIX = '', YIELD_CHUNK = '5000' } = process.env
const chunk = Number(YIELD_CHUNK)
const store = Store.open(YIELD_DB)
const app = await buildApp({ store, logger: false })
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })

function lines (kind: string): Buffer[] {
  const text = readFileSync(join(YIELD_DIR, `${YIELD_PREFIX}${kind}.txt`))
  const out: Buffer[] = []
  let start = 0
  for (let end = text.indexOf(10); end !== -1; end = text.indexOf(10, start)) {
    out.push(text.subarray(start, end))
    start = end + 1
  }

  return out
}

// Read before the loop starts, so that no file reading blocks the event loop during it.
const messages = FEED_KINDS.map((kind) => ({ kind, values: lines(kind) }))

async function ingest (): Promise<void> {
  const builder = new BatchBuilder()
  const now = Math.floor(Date.now() / 1000)
  for (const { kind, values } of messages) {
    let offset = 0
    for (const value of values) {
      builder.add({ topic: kind, partition: 0, offset: String(offset++), value }, now)
      if (builder.size < chunk) continue
      store.write(builder.take())
      await turn()
    }
  }
  store.write(builder.take())
  process.stdout.write('done\n')
}

process.once('SIGUSR2', () => { void ingest() })
process.once('SIGTERM', () => { app.close().then(() => process.exit(0), () => process.exit(1)) })
