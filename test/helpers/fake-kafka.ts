/**
 * Stand-ins for the kafkajs client and its batches, for driving the consumer's logic without a
 * broker: a test joins, crashes and feeds batches by hand, and sees every seek, resolve and
 * commit the consumer makes.
 */
import type { EachBatchPayload, Kafka } from 'kafkajs'

type Listener = (event: { payload: any }) => void

export class FakeConsumer {
  readonly events = { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash',
    FETCH: 'consumer.fetch', HEARTBEAT: 'consumer.heartbeat' }
  readonly seeks: Array<{ topic: string, partition: number, offset: string }> = []
  readonly #listeners = new Map<string, Listener[]>()
  readonly #kafka: FakeKafka
  eachBatch: ((payload: EachBatchPayload) => Promise<void>) | undefined
  disconnected = false

  constructor (kafka: FakeKafka) {
    this.#kafka = kafka
  }

  on (event: string, listener: Listener) {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener])
    return () => {}
  }

  async connect () {
    if (this.#kafka.connectError !== undefined) throw this.#kafka.connectError
  }

  async subscribe () {}

  async run (options: { eachBatch: (payload: EachBatchPayload) => Promise<void> }) {
    this.eachBatch = options.eachBatch
  }

  async disconnect () {
    this.disconnected = true
  }

  seek (seek: { topic: string, partition: number, offset: string }) {
    this.seeks.push(seek)
  }

  join (assignment: Record<string, number[]>, groupId = 'test-group') {
    this.#emit(this.events.GROUP_JOIN, { groupId, memberAssignment: assignment })
  }

  fetched () {
    this.#emit(this.events.FETCH, { numberOfBatches: 0, duration: 1 })
  }

  crash (error = new Error('boom')) {
    this.#emit(this.events.CRASH, { error, groupId: 'test-group', restart: false })
  }

  #emit (event: string, payload: unknown) {
    for (const listener of this.#listeners.get(event) ?? []) listener({ payload })
  }
}

export interface FakeRange {
  partition: number
  low: number
  high: number
}

export class FakeKafka {
  readonly consumers: FakeConsumer[] = []
  topics: string[] = []
  ranges = new Map<string, FakeRange[]>()
  connectError: Error | undefined
  adminError: Error | undefined

  consumer () {
    const consumer = new FakeConsumer(this)
    this.consumers.push(consumer)
    return consumer
  }

  admin () {
    return {
      connect: async () => { if (this.adminError !== undefined) throw this.adminError },
      disconnect: async () => {},
      listTopics: async () => this.topics,
      fetchTopicOffsets: async (topic: string) => (this.ranges.get(topic) ?? []).map((range) =>
        ({ partition: range.partition, offset: String(range.high), low: String(range.low),
          high: String(range.high) }))
    }
  }

  get last (): FakeConsumer {
    const consumer = this.consumers[this.consumers.length - 1]
    if (consumer === undefined) throw new Error('no consumer started yet')
    return consumer
  }

  asKafka (): Kafka {
    return this as unknown as Kafka
  }
}

export interface FakeBatch {
  payload: EachBatchPayload
  resolved: string[]
  commits: Array<{ partition: number, offset: string }>
  heartbeats: number
  running: boolean
}

/** One batch of `lines` at offsets from `first`, as kafkajs would hand it to eachBatch. */
export function fakeBatch (topic: string, partition: number, first: number, lines: string[],
  highWatermark = first + lines.length): FakeBatch {
  const messages = lines.map((line, i) => ({ offset: String(first + i), value: Buffer.from(line),
    key: null, timestamp: '0', attributes: 0, headers: {} }))
  const fake: FakeBatch = { resolved: [], commits: [], heartbeats: 0, running: true } as any
  const batch = { topic, partition, highWatermark: String(highWatermark), messages,
    lastOffset: () => String(first + lines.length - 1) }
  fake.payload = {
    batch,
    resolveOffset: (offset: string) => { fake.resolved.push(offset) },
    heartbeat: async () => { fake.heartbeats++ },
    commitOffsetsIfNecessary: async (offsets: any) => {
      fake.commits.push(...offsets.topics[0].partitions)
    },
    isRunning: () => fake.running,
    isStale: () => false,
    pause: () => () => {},
    uncommittedOffsets: () => ({ topics: [] })
  } as unknown as EachBatchPayload

  return fake
}
