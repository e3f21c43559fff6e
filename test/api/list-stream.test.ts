/**
 * Streaming a large list: 200,000 records written through the store's normal write path,
 * read by a slow client, then by one that leaves. What is asserted is how many pages the
 * server reads ahead of its client, never how long anything takes.
 */
import t from 'tap'
import http, { type ServerResponse } from 'node:http'
import { setImmediate as nextTurn } from 'node:timers/promises'
import pino from 'pino'
import type { Observation } from '../../src/feeds/observation.js'
import type { Store } from '../../src/store/store.js'
import { listening } from '../helpers/http-get.js'
import { batchOf } from '../helpers/temp-store.js'
import { testApp } from '../helpers/test-app.js'

const ROWS = 200_000
const WRITE_CHUNK = 5_000
const PAGES = ROWS / 1_000
const URL = '/v1/domains/*.stream.example?format=ndjson'

function observation (i: number): Observation {
  return {
    rrname: `h${String(i).padStart(6, '0')}.stream.example.`,
    rrtype: 'A',
    rdata: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`,
    timeSeen: 1467700000 + i
  }
}

function fillLarge (store: Store): void {
  for (let start = 0; start < ROWS; start += WRITE_CHUNK) {
    store.write(batchOf(Array.from({ length: WRITE_CHUNK }, (_, i) => observation(start + i))))
  }
}

interface StreamLog {
  records: number
  pages: number
  outcome: string
}

/** Resolves with the summary the server logs when a stream ends, however it ends. */
function streamLogs () {
  const ended: Array<(log: StreamLog) => void> = []
  const logger = pino({ level: 'info' }, {
    write: (line: string) => {
      const entry = JSON.parse(line) as StreamLog & { msg: string }
      if (entry.msg === 'list streamed') ended.shift()?.(entry)
    }
  })

  return { logger, next: () => new Promise<StreamLog>((resolve) => ended.push(resolve)) }
}

/** What the server does for one response: store reads, and what its buffer held at each. */
interface Watch {
  res?: ServerResponse
  /** res.writableLength each time a page was read from the store. */
  bufferedAtRead: number[]
  /** Writes refused because the buffer was full: each one must be waited out ('drain'). */
  refused: number
  /** Resolved the first time a write is refused. */
  blocked: Promise<number>
  onRead?: (reads: number) => void
}

t.test('a large list streams at the pace of its reader and stops when the reader leaves',
  async (t) => {
    let store: Store | undefined
    const logs = streamLogs()
    const app = await testApp(t, (s) => { store = s; fillLarge(s) }, { logger: logs.logger })
    let watch: Watch = { bufferedAtRead: [], refused: 0, blocked: Promise.resolve(0) }
    const newWatch = (): Watch => {
      let resolveBlocked: (reads: number) => void = () => {}
      const blocked = new Promise<number>((resolve) => { resolveBlocked = resolve })
      app.server.prependOnceListener('request', (_req, res: ServerResponse) => {
        watch.res = res
        const write = res.write.bind(res) as (chunk: string) => boolean
        res.write = ((chunk: string) => {
          const accepted = write(chunk)
          if (!accepted) {
            watch.refused += 1
            resolveBlocked(watch.bufferedAtRead.length)
          }
          return accepted
        }) as typeof res.write
      })
      return { bufferedAtRead: [], refused: 0, blocked }
    }
    const queries = store as Store
    const byName = queries.observations.byName.bind(queries.observations)
    queries.observations.byName = (name, options) => {
      watch.bufferedAtRead.push(watch.res?.writableLength ?? 0)
      watch.onRead?.(watch.bufferedAtRead.length)
      return byName(name, options)
    }
    const port = await listening(app)

    await t.test('a slow reader: the server reads a page only when the last one has left',
      async (t) => {
        watch = newWatch()
        const ended = logs.next()
        const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
          http.get({ host: '127.0.0.1', port, path: URL }, resolve).on('error', reject)
        })
        res.pause()
        t.equal(await watch.blocked, 1, 'the first page already filled the buffer')
        let lines = 0
        let tail = ''
        for await (const chunk of res) {
          const text = tail + (chunk as Buffer).toString('utf8')
          const parts = text.split('\n')
          tail = parts.pop() ?? ''
          lines += parts.length
          await nextTurn()
        }
        t.equal(lines, ROWS, 'every record arrived')
        t.same(res.trailers, { 'x-dnsledger-truncated': 'false' })
        t.equal(watch.bufferedAtRead.length, PAGES, 'each page read once')
        t.ok(watch.refused > PAGES / 2, `${watch.refused} writes waited for 'drain'`)
        const highWater = watch.res?.writableHighWaterMark ?? 0
        const over = watch.bufferedAtRead.filter((bytes) => bytes > highWater)
        t.same(over, [], `no page read while the last one waited in memory (> ${highWater} B): ` +
          'one page in flight, whatever the length of the list')
        t.match(await ended, { records: ROWS, pages: PAGES, outcome: 'complete' })
      })

    await t.test('a reader that leaves: the store is not read again', async (t) => {
      watch = newWatch()
      const ended = logs.next()
      let readsWhenLeft = 0
      const request = http.get({ host: '127.0.0.1', port, path: URL }, (res) => res.resume())
      request.on('error', () => {})
      watch.onRead = (reads) => {
        if (reads !== 5) return
        readsWhenLeft = reads
        request.destroy()
      }
      const log = await ended
      t.equal(log.outcome, 'client closed')
      t.equal(log.pages, watch.bufferedAtRead.length, 'the log counts the pages read')
      const readsAfter = watch.bufferedAtRead.length - readsWhenLeft
      t.ok(readsAfter <= 3, `${readsAfter} page(s) read after the client left, of ${PAGES}`)
    })
  })
