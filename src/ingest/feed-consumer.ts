/**
 * The background Kafka consumer. The store, not Kafka, is the record of progress: each chunk of
 * a batch is written to SQLite together with the offsets it reaches, and only then committed to
 * Kafka (for monitoring). On every partition assignment the consumer seeks to the stored
 * offsets, and any message below them is skipped, so a crash never loses or double-counts one.
 */
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs'
import type { KafkaConfig } from '../config.js'
import { DnsledgerError } from '../errors.js'
import { FEED_KINDS } from '../feeds/observation.js'
import type { Logger } from '../logger.js'
import type { Store } from '../store/store.js'
import { BatchBuilder } from './batch-builder.js'
import { createKafka } from './kafka-client.js'

export type ConsumerState = 'starting' | 'connected' | 'consuming' | 'stopped' | 'crashed'

export interface ConsumerStatus {
  state: ConsumerState
  detail: string
  lastBatchAt?: number
  messagesConsumed: number
  messagesRejected: number
}

export interface FeedConsumerOptions {
  config: KafkaConfig
  store: Store
  logger: Logger
  chunkMaxMessages: number
}

export class FeedConsumer {
  readonly #options: FeedConsumerOptions
  readonly #logger: Logger
  readonly #kafka: Kafka
  readonly #topics: string[]
  readonly #storedNext = new Map<string, bigint>()
  #consumer: Consumer | undefined
  #status: ConsumerStatus = { state: 'starting', detail: '', messagesConsumed: 0, messagesRejected: 0 }

  constructor (options: FeedConsumerOptions) {
    this.#options = options
    this.#logger = options.logger.child({ component: 'consumer' })
    this.#kafka = createKafka(options.config, options.logger)
    this.#topics = FEED_KINDS.map((kind) => `${options.config.topicPrefix}${kind}`)
    for (const offset of options.store.offsets()) {
      this.#storedNext.set(partitionKey(offset.topic, offset.partition), BigInt(offset.nextOffset))
    }
  }

  get status (): ConsumerStatus {
    return { ...this.#status }
  }

  /** Fails fast, with what to fix, on settings that no retry can mend. */
  async checkSettings (): Promise<void> {
    const admin = this.#kafka.admin()
    try {
      await admin.connect()
      const existing = new Set(await admin.listTopics())
      const missing = this.#topics.filter((topic) => !existing.has(topic))
      if (missing.length > 0) {
        throw new DnsledgerError('KAFKA_CONFIG', `topics ${missing.join(', ')} do not exist on ` +
          `${this.#options.config.brokers.join(',')}: check KAFKA_TOPIC_PREFIX and the topic ` +
          'names your feed provider gave you')
      }
    } catch (err) {
      throw asSettingsError(err, this.#options.config)
    } finally {
      await admin.disconnect().catch(() => {})
    }
  }

  async start (): Promise<void> {
    await this.checkSettings()
    const consumer = this.#kafka.consumer({
      groupId: this.#options.config.groupId,
      sessionTimeout: this.#options.config.sessionTimeoutMs
    })
    this.#consumer = consumer
    this.#watch(consumer)
    await consumer.connect()
    await consumer.subscribe({ topics: this.#topics, fromBeginning: true })
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => this.#consumeBatch(payload)
    })
  }

  async stop (): Promise<void> {
    const consumer = this.#consumer
    this.#consumer = undefined
    if (consumer !== undefined) await consumer.disconnect()
    this.#setState('stopped', 'stopped on request')
  }

  #watch (consumer: Consumer): void {
    const { CONNECT, GROUP_JOIN, CRASH, DISCONNECT } = consumer.events
    consumer.on(CONNECT, () => this.#setState('connected', 'connected to the brokers'))
    consumer.on(GROUP_JOIN, (event) => {
      this.#seekToStored(consumer, event.payload.memberAssignment)
      this.#setState('consuming', `member of group ${event.payload.groupId}`)
    })
    consumer.on(CRASH, (event) => {
      const { error, restart } = event.payload
      this.#logger.error({ err: error, restart }, 'consumer crashed')
      this.#setState('crashed', `${error.message}${restart ? '; restarting' : ''}`)
    })
    consumer.on(DISCONNECT, () => {
      if (this.#consumer !== undefined) this.#setState('crashed', 'disconnected from the brokers')
    })
  }

  /** Kafka's committed offsets are for monitoring; where the store says it is, it is. */
  #seekToStored (consumer: Consumer, assignment: Record<string, number[]>): void {
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) {
        const next = this.#storedNext.get(partitionKey(topic, partition))
        if (next === undefined) continue
        consumer.seek({ topic, partition, offset: next.toString() })
        this.#logger.info({ topic, partition, offset: next.toString() }, 'resuming at stored offset')
      }
    }
  }

  async #consumeBatch (payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload
    const key = partitionKey(batch.topic, batch.partition)
    const builder = new BatchBuilder(this.#options.config.topicPrefix)
    let lastOffset: string | undefined

    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break
      const stored = this.#storedNext.get(key)
      lastOffset = message.offset
      if (stored !== undefined && BigInt(message.offset) < stored) continue
      builder.add({ topic: batch.topic, partition: batch.partition, offset: message.offset,
        value: message.value }, Math.floor(Date.now() / 1000))
      if (builder.size >= this.#options.chunkMaxMessages) {
        await this.#writeChunk(builder, key, message.offset, resolveOffset, heartbeat)
      }
    }
    if (builder.size > 0 && lastOffset !== undefined) {
      await this.#writeChunk(builder, key, lastOffset, resolveOffset, heartbeat)
    }
    await this.#commitToKafka(batch.topic, batch.partition, key)
  }

  async #writeChunk (builder: BatchBuilder, key: string, offset: string,
    resolveOffset: (offset: string) => void, heartbeat: () => Promise<void>): Promise<void> {
    const messages = builder.size
    const result = this.#options.store.write(builder.take())
    this.#storedNext.set(key, BigInt(offset) + 1n)
    resolveOffset(offset)
    this.#status.messagesConsumed += messages
    this.#status.messagesRejected += result.rejects
    this.#status.lastBatchAt = Date.now()
    this.#logger.debug({ key, messages, distinct: result.distinct, rejects: result.rejects },
      'chunk stored')
    await heartbeat()
  }

  async #commitToKafka (topic: string, partition: number, key: string): Promise<void> {
    const next = this.#storedNext.get(key)
    if (next === undefined || this.#consumer === undefined) return
    await this.#consumer.commitOffsets([{ topic, partition, offset: next.toString() }])
  }

  #setState (state: ConsumerState, detail: string): void {
    if (this.#status.state !== state) this.#logger.info({ state, detail }, 'consumer state')
    this.#status.state = state
    this.#status.detail = detail
  }
}

function partitionKey (topic: string, partition: number): string {
  return `${topic}\u0000${partition}`
}

function asSettingsError (err: unknown, config: KafkaConfig): Error {
  if (err instanceof DnsledgerError) return err
  const error = err as Error & { type?: string }
  const brokers = config.brokers.join(',')
  if (error.name === 'KafkaJSSASLAuthenticationError') {
    return new DnsledgerError('KAFKA_CONFIG', `the brokers at ${brokers} refused the SASL login ` +
      `(${error.message}): check KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD and ` +
      'KAFKA_SASL_MECHANISM')
  }

  return new DnsledgerError('KAFKA_UNAVAILABLE', `cannot reach Kafka at ${brokers} ` +
    `(${error.message}): check KAFKA_BROKERS, KAFKA_TLS and that the brokers are up`)
}
