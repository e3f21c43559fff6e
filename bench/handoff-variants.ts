/**
 * `node dist/bench/handoff-variants.js`: what handing a chunk of feed messages to the writer
 * thread costs the thread that serves HTTP, per 5,000 messages, three ways: parsed there into
 * a store batch and cloned across (thousands of small objects); packed raw and copied across
 * (three flat arrays: what the service does, the writer thread parses); packed raw and
 * transferred (no copy, but the sender keeps nothing to retry with). The round trip to a
 * thread that only answers adds the receiving side. The messages are BENCH_INGEST_MESSAGES of
 * a generated ingest window, in chunks of one topic, as the consumer makes them.
 */
import { Worker } from 'node:worker_threads'
import { FEED_KINDS } from '../src/feeds/observation.js'
import { BatchBuilder } from '../src/ingest/batch-builder.js'
import { ChunkPacker } from '../src/ingest/message-chunk.js'
import { feedMessage } from './gen/feed-lines.js'
import { ObservationGenerator } from './gen/generator.js'
import { loadSeedPools } from './gen/seed-pools.js'
import { windowMessages } from './gen/window.js'
import { describeMachine } from './lib/machine.js'
import { log, Report } from './lib/report.js'
import { readSettings } from './lib/settings.js'

const CHUNK = 5_000
const ROUNDS = 3

const ANSWERING_THREAD = `
  const { parentPort } = require('node:worker_threads')
  parentPort.on('message', () => parentPort.postMessage(0))`

interface RawChunk {
  topic: string
  values: Buffer[]
}

interface Handoff {
  name: string
  /** Builds what crosses, and what is transferred with it. */
  send: (chunk: RawChunk) => { message: unknown, transfer: ArrayBuffer[] }
  mainMs: number
  roundTripMs: number
}

function rawChunks (messages: number): RawChunk[] {
  const gen = new ObservationGenerator(loadSeedPools())
  const spec = { stored: 1e6, firstNew: 1e6, messages, repeatPercent: 80, salt: 5 }
  const byTopic = new Map<string, Buffer[]>(FEED_KINDS.map((kind) => [kind, []]))
  for (const { obs, newDomain } of windowMessages(gen, spec)) {
    const { topic, line } = feedMessage(obs, newDomain)
    byTopic.get(topic)?.push(Buffer.from(line))
  }
  const chunks: RawChunk[] = []
  for (const [topic, values] of byTopic) {
    for (let i = 0; i < values.length; i += CHUNK) {
      chunks.push({ topic, values: values.slice(i, i + CHUNK) })
    }
  }

  return chunks
}

function parsed (chunk: RawChunk) {
  const builder = new BatchBuilder()
  const now = Math.floor(Date.now() / 1000)
  chunk.values.forEach((value, i) =>
    builder.add({ topic: chunk.topic, partition: 0, offset: String(i), value }, now))

  return { message: builder.take(), transfer: [] }
}

function packed (chunk: RawChunk) {
  const packer = new ChunkPacker(chunk.topic, 0)
  chunk.values.forEach((value, i) => packer.add(String(i), value))
  const message = packer.take([{ topic: chunk.topic, partition: 0, nextOffset: '1' }])

  return { message, transfer: [] as ArrayBuffer[] }
}

function transferred (chunk: RawChunk) {
  const { message } = packed(chunk)
  const transfer = [message.bytes.buffer, message.ends.buffer, message.messageOffsets.buffer]

  return { message, transfer: transfer as ArrayBuffer[] }
}

async function measure (worker: Worker, handoff: Handoff, chunk: RawChunk): Promise<void> {
  const answered = new Promise((resolve) => worker.once('message', resolve))
  const started = performance.now()
  const { message, transfer } = handoff.send(chunk)
  worker.postMessage(message, transfer)
  handoff.mainMs += performance.now() - started
  await answered
  handoff.roundTripMs += performance.now() - started
}

async function main (): Promise<void> {
  const settings = readSettings()
  log(`machine: ${JSON.stringify(describeMachine())}`)
  const chunks = rawChunks(settings.ingestMessages)
  const total = chunks.reduce((sum, chunk) => sum + chunk.values.length, 0)
  const handoffs: Handoff[] = [
    { name: 'parsed here, batch cloned', send: parsed, mainMs: 0, roundTripMs: 0 },
    { name: 'raw, packed and copied', send: packed, mainMs: 0, roundTripMs: 0 },
    { name: 'raw, packed and transferred', send: transferred, mainMs: 0, roundTripMs: 0 }
  ]
  const worker = new Worker(ANSWERING_THREAD, { eval: true })
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const chunk of chunks) {
        // Who goes first rotates, so that none always follows the same neighbour.
        for (let k = 0; k < handoffs.length; k++) {
          await measure(worker, handoffs[(round + k) % handoffs.length] as Handoff, chunk)
        }
      }
    }
  } finally {
    await worker.terminate()
  }
  const report = new Report()
  const per = (ms: number) => ms / (ROUNDS * total / CHUNK)
  const base = handoffs[0] as Handoff
  for (const handoff of handoffs) {
    report.add({ section: 'handoff', name: `${handoff.name}: sending thread`,
      value: per(handoff.mainMs), unit: 'ms per 5,000 messages',
      baseline: { name: base.name, value: per(base.mainMs) } })
    report.add({ section: 'handoff', name: `${handoff.name}: round trip`,
      value: per(handoff.roundTripMs), unit: 'ms per 5,000 messages',
      baseline: { name: base.name, value: per(base.roundTripMs) } })
  }
}

await main()
