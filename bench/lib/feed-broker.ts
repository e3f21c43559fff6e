/**
 * The real Kafka 4 test broker (broker-script.ts) with one set of the eight feed
 * topics per window, and what the benchmark does with it: produce a window (kcat, one process
 * per topic), and read it back as fast as the transport allows (kcat to /dev/null).
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { FEED_KINDS, type FeedKind } from '../../src/feeds/observation.js'
import { startBrokerScript, type Broker } from './broker-script.js'
import { feedMessage } from '../gen/feed-lines.js'
import type { WindowMessage } from '../gen/window.js'

export type TestBroker = Broker

export async function startFeedBroker (dir: string, prefixes: string[],
  partitions: number): Promise<TestBroker> {
  // C2 and a larger heap: the test default (C1 only, 512 MB) is tuned for quick starts.
  process.env.DNSLEDGER_KAFKA_JVM_OPTS ??= '-XX:+UseSerialGC'
  process.env.DNSLEDGER_KAFKA_HEAP ??= '-Xms1g -Xmx1g'
  const topics = prefixes.flatMap((prefix) => FEED_KINDS.map((kind) => `${prefix}${kind}`))

  return startBrokerScript(dir, topics, partitions)
}

/** Writes a window as one file of lines per topic; returns the message count per topic. */
export async function writeWindowFiles (messages: Iterable<WindowMessage>, dir: string,
  prefix: string): Promise<Map<FeedKind, number>> {
  const streams = new Map(FEED_KINDS.map((kind) =>
    [kind, createWriteStream(join(dir, `${prefix}${kind}.txt`))]))
  const counts = new Map<FeedKind, number>(FEED_KINDS.map((kind) => [kind, 0]))
  for (const { obs, newDomain } of messages) {
    const { topic, line } = feedMessage(obs, newDomain)
    const stream = streams.get(topic)
    if (stream !== undefined && !stream.write(`${line}\n`)) await once(stream, 'drain')
    counts.set(topic, (counts.get(topic) ?? 0) + 1)
  }
  await Promise.all([...streams.values()].map(async (stream) => {
    stream.end()
    await once(stream, 'finish')
  }))

  return counts
}

export async function produceWindow (broker: TestBroker, dir: string, prefix: string,
  counts: Map<FeedKind, number>): Promise<void> {
  await Promise.all(FEED_KINDS.filter((kind) => (counts.get(kind) ?? 0) > 0).map((kind) =>
    broker.produceFile(`${prefix}${kind}`, join(dir, `${prefix}${kind}.txt`))))
}

function kcatRead (broker: TestBroker, topic: string): Promise<void> {
  const bootstrap = broker.brokers[0] as string
  // Debian's kcat links librdkafka 2.0.2, whose SCRAM Kafka 4 refuses: PLAIN, as broker.sh.
  const child = spawn('kcat', ['-F', join(broker.dir, 'kcat.conf'), '-X', 'sasl.mechanisms=PLAIN',
    '-b', bootstrap, '-C', '-t', topic, '-o', 'beginning', '-e', '-q'],
  { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })

  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code === 0) resolve()
      else reject(new Error(`kcat ${topic}: ${stderr}`))
    })
  })
}

/** Seconds to read every message of a window's topics, one kcat per topic at once. */
export async function transportSeconds (broker: TestBroker, prefix: string,
  counts: Map<FeedKind, number>): Promise<number> {
  const started = performance.now()
  await Promise.all(FEED_KINDS.filter((kind) => (counts.get(kind) ?? 0) > 0)
    .map((kind) => kcatRead(broker, `${prefix}${kind}`)))

  return (performance.now() - started) / 1000
}
