/**
 * The background Kafka consumer and its supervision. The store, not Kafka, is the record of
 * progress: each chunk of a batch is written to SQLite together with the offset it reaches
 * (BatchProcessor), and on every assignment the consumer seeks to the stored offsets, so a
 * crash never loses or double-counts a message.
 *
 * Whatever stops consumption, a crash of kafkajs (a broker outage ends in one), a start that
 * fails, or a stall seen by the watchdog, leads to the same place: the consumer is dropped and
 * a new one started after a bounded backoff, until it runs or the service stops. A store
 * failure that no retry can mend is fatal instead: the service stops rather than run on
 * without storing.
 *
 * TODO(perf): kafkajs runs on the thread that serves HTTP, so decoding its fetches (up to 1 MiB
 * a partition) still delays lookups while the feed is ingested (README, Performance: p99 ×2.4
 * to ×32 of idle at 10M); running the consumer beside the writer, on its thread, is the next
 * step to measure.
 */
import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs'
import type { ReadinessCheck } from '../api/routes/health-routes.js'
import type { KafkaConfig } from '../config.js'
import { DnsledgerError } from '../errors.js'
import { FEED_KINDS } from '../feeds/observation.js'
import type { Logger } from '../logger.js'
import { serviceMetrics, type ServiceMetrics } from '../metrics/service-metrics.js'
import type { Store } from '../store/store.js'
import { backoffMs, wait } from './backoff.js'
import { BatchProcessor } from './batch-processor.js'
import { ChunkWriter, type WriteContext } from './chunk-writer.js'
import { startConsumer, type RunHandlers } from './consumer-run.js'
import { asSettingsError, checkTopics, partitionRanges } from './kafka-admin.js'
import { createKafka } from './kafka-client.js'
import { OffsetAudit } from './offset-audit.js'
import { OffsetRangeGuard } from './offset-range-guard.js'
import { PartitionOffsets } from './partition-offsets.js'
import { StallWatchdog } from './stall-watchdog.js'
import type { StoreWriter } from './store-writer.js'
import { WriteFaults } from './write-faults.js'

export const CONSUMER_STATES = ['starting', 'consuming', 'reconnecting', 'restarting', 'stopped',
  'failed'] as const

export type ConsumerState = typeof CONSUMER_STATES[number]

export interface ConsumerStatus {
  state: ConsumerState
  detail: string
  lastBatchAt?: number
}

export interface FeedConsumerOptions {
  config: KafkaConfig
  /** Where the stored offsets are read. */
  store: Store
  /** What chunks are written through (in the service, the writer thread). */
  writer: StoreWriter
  logger: Logger
  chunkMaxMessages: number
  stallTimeoutMs?: number
  retryMaxBackoffMs?: number
  metrics?: ServiceMetrics
  /** The Kafka client; built from `config` unless given (tests give a fake). */
  kafka?: Kafka
  /** Called once on a failure no retry can mend; the service should stop, non-zero. */
  onFatal?: (err: Error) => void
  now?: () => number
}

interface Failure {
  reason: 'crash' | 'stall' | 'start'
  cause: string
}

interface Run {
  generation: number
  fail: (failure: Failure) => void
}

export class FeedConsumer {
  readonly #options: FeedConsumerOptions
  readonly #logger: Logger
  readonly #kafka: Kafka
  readonly #metrics: ServiceMetrics
  readonly #topics: string[]
  readonly #offsets = new PartitionOffsets()
  readonly #audit: OffsetAudit
  readonly #faults: WriteFaults
  readonly #writer: ChunkWriter
  readonly #guard: OffsetRangeGuard
  readonly #processor: BatchProcessor
  readonly #watchdog: StallWatchdog
  readonly #abort = new AbortController()
  readonly #maxBackoffMs: number
  #status: ConsumerStatus = { state: 'starting', detail: 'not started' }
  #consumer: Consumer | undefined
  #run: Run | undefined
  #generation = 0
  #restartAttempt = 0
  #stopping = false
  #supervision: Promise<void> | undefined
  #timer: NodeJS.Timeout | undefined
  #lastContact = 0

  constructor (options: FeedConsumerOptions) {
    this.#options = options
    this.#logger = options.logger.child({ component: 'consumer' })
    this.#kafka = options.kafka ?? createKafka(options.config, options.logger)
    this.#metrics = options.metrics ?? serviceMetrics
    this.#topics = FEED_KINDS.map((kind) => `${options.config.topicPrefix}${kind}`)
    this.#maxBackoffMs = options.retryMaxBackoffMs ?? 30_000
    this.#audit = new OffsetAudit(this.#logger, this.#metrics)
    this.#faults = new WriteFaults(this.#logger, this.#metrics, options.now)
    this.#writer = new ChunkWriter(options.writer, this.#faults, this.#maxBackoffMs,
      this.#abort.signal)
    this.#guard = new OffsetRangeGuard({ offsets: this.#offsets, audit: this.#audit,
      writer: this.#writer, earliest: (topic, partition) => this.#earliest(topic, partition) })
    this.#processor = this.#createProcessor()
    this.#watchdog = new StallWatchdog(options.stallTimeoutMs ?? 120_000, options.now)
  }

  /**
   * What the consumer is doing. A member of the group that has heard nothing from the brokers
   * for a session timeout is `reconnecting`: kafkajs retries for a while before it gives up.
   */
  get status (): ConsumerStatus {
    const now = (this.#options.now ?? Date.now)()
    const silentMs = now - this.#lastContact
    if (this.#status.state !== 'consuming' || silentMs <= this.#options.config.sessionTimeoutMs) {
      return { ...this.#status }
    }

    return { ...this.#status, state: 'reconnecting', detail: `no answer from ` +
      `${this.#options.config.brokers.join(',')} for ${Math.round(silentMs / 1000)} s; retrying` }
  }

  /** One check per concern, for /ready. */
  readiness (): ReadinessCheck[] {
    const status = this.status
    return [
      { name: 'consumer', ok: status.state === 'consuming', detail: status.detail },
      { name: 'store_writes', ok: !this.#faults.active, detail: this.#faults.detail() },
      { name: 'kafka_offsets', ok: true, detail: this.#audit.detail() }
    ]
  }

  /** Sets the gauges that are read at scrape time: state and lag. */
  collectMetrics (): void {
    const current = this.status.state
    for (const state of CONSUMER_STATES) {
      this.#metrics.consumerState.set({ state }, state === current ? 1 : 0)
    }
    this.#metrics.lag.reset()
    for (const { topic, partition, lag } of this.#offsets.lags()) {
      this.#metrics.lag.set({ topic, partition: String(partition) }, Number(lag))
    }
  }

  /** Fails fast, with what to fix, on settings that no retry can mend. */
  async checkSettings (): Promise<void> {
    try {
      await this.#withAdmin((admin) => checkTopics(admin, this.#topics, this.#options.config))
    } catch (err) {
      throw asSettingsError(err, this.#options.config)
    }
  }

  /** Checks the settings (throwing on bad ones), then consumes in the background. */
  async start (): Promise<void> {
    await this.checkSettings()
    const periodMs = Math.min(Math.ceil(this.#watchdog.timeoutMs / 4), 5_000)
    this.#timer = setInterval(() => this.checkStall(), periodMs).unref()
    this.#supervision = this.#supervise()
  }

  /** Lets the chunk in flight commit, leaves the group and stops restarting. */
  async stop (): Promise<void> {
    this.#stopping = true
    this.#abort.abort()
    clearInterval(this.#timer)
    this.#run?.fail({ reason: 'crash', cause: 'stopping' })
    await this.#supervision
    await this.#disconnect()
    if (this.#status.state !== 'failed') this.#setState('stopped', 'stopped on request')
  }

  /** Run by the watchdog timer (and by tests): restarts a consumer that lags but stores nothing. */
  checkStall (): boolean {
    const lag = this.#offsets.assignedLag()
    const consuming = this.#status.state === 'consuming' && !this.#faults.active
    const stalledMs = this.#watchdog.check({ consuming, lag })
    if (stalledMs === undefined) return false

    const cause = `stalled: no chunk stored for ${Math.round(stalledMs / 1000)} s while ` +
      `${lag} messages wait in assigned partitions`
    this.#run?.fail({ reason: 'stall', cause })
    return true
  }

  async #supervise (): Promise<void> {
    while (!this.#stopping) {
      const failure = await this.#runOnce()
      if (this.#stopping) return

      this.#metrics.consumerRestarts.inc({ reason: failure.reason })
      const waitMs = backoffMs(this.#restartAttempt++, this.#maxBackoffMs)
      this.#logger.error({ ...failure, restartInMs: waitMs }, 'consumer not consuming; restarting')
      this.#setState('restarting', `${failure.cause}; restarting in ${waitMs} ms`)
      await wait(waitMs, this.#abort.signal)
    }
  }

  /** Starts one kafkajs consumer and resolves with why it ended. */
  async #runOnce (): Promise<Failure> {
    let fail: (failure: Failure) => void = () => {}
    const failed = new Promise<Failure>((resolve) => { fail = resolve })
    const run: Run = { generation: ++this.#generation, fail }
    this.#run = run
    try {
      await this.#launch(run)
    } catch (err) {
      await this.#disconnect()
      return { reason: 'start', cause: asSettingsError(err, this.#options.config).message }
    }
    const failure = await failed
    await this.#disconnect()

    return failure
  }

  async #launch (run: Run): Promise<void> {
    this.#setState('starting', `connecting to ${this.#options.config.brokers.join(',')}`)
    this.#offsets.load(this.#options.store.offsets())
    await this.#withAdmin(async (admin) => {
      await checkTopics(admin, this.#topics, this.#options.config)
      await this.#checkRanges(admin)
    })
    const settings = { groupId: this.#options.config.groupId, topics: this.#topics,
      sessionTimeoutMs: this.#options.config.sessionTimeoutMs }
    this.#consumer = await startConsumer(this.#kafka, settings, this.#handlers(run))
  }

  /** Every stored offset against what its partition still holds, before consuming. */
  async #checkRanges (admin: Admin): Promise<void> {
    for (const topic of this.#topics) {
      for (const { partition, ...range } of await partitionRanges(admin, topic)) {
        const context = this.#ownContext({ topic, partition })
        if (!(await this.#guard.checkRange({ topic, partition }, range, context))) {
          throw new DnsledgerError('KAFKA_UNAVAILABLE', 'stopped while checking offsets')
        }
      }
    }
  }

  #handlers (run: Run): RunHandlers {
    const current = () => run.generation === this.#generation && !this.#stopping

    return {
      joined: (consumer, groupId, assignment) => {
        if (current()) this.#joined(consumer, groupId, assignment)
      },
      crashed: (error) => run.fail({ reason: 'crash',
        cause: `kafka consumer crashed: ${error.message}` }),
      contact: () => { if (current()) this.#contact() },
      eachBatch: (payload) => this.#eachBatch(payload)
    }
  }

  #joined (consumer: Consumer, groupId: string, assignment: Record<string, number[]>): void {
    this.#offsets.assign(assignment)
    this.#offsets.refresh(this.#options.store.offsets())
    const seeks = this.#seekTargets(assignment)
    for (const seek of seeks) consumer.seek(seek)
    this.#watchdog.progress()
    this.#contact()
    this.#logger.info({ groupId, seeks }, 'partitions assigned; reading from the stored offsets')
    this.#setState('consuming', `member of group ${groupId}, ${seeks.length} partitions assigned`)
  }

  /** Kafka's committed offsets are for monitoring; where the store says it is, it is. */
  #seekTargets (assignment: Record<string, number[]>) {
    return Object.entries(assignment).flatMap(([topic, partitions]) => partitions.flatMap(
      (partition) => {
        const target = this.#offsets.seekTarget(topic, partition)
        return target === undefined ? [] : [{ topic, partition, offset: String(target) }]
      }))
  }

  async #eachBatch (payload: EachBatchPayload): Promise<void> {
    try {
      await this.#processor.process(payload)
    } catch (err) {
      if (!isKafkaError(err)) this.#fatal(err as Error)
      throw err
    }
  }

  #fatal (err: Error): void {
    if (this.#status.state === 'failed') return
    this.#logger.fatal({ err }, 'ingest cannot go on')
    this.#setState('failed', err.message)
    this.#options.onFatal?.(err)
    if (this.#options.onFatal === undefined) void this.stop()
  }

  #createProcessor (): BatchProcessor {
    return new BatchProcessor({
      offsets: this.#offsets,
      writer: this.#writer,
      guard: this.#guard,
      metrics: this.#metrics,
      logger: this.#logger,
      chunkMaxMessages: this.#options.chunkMaxMessages,
      onStored: () => this.#stored()
    })
  }

  #contact (): void {
    this.#lastContact = (this.#options.now ?? Date.now)()
  }

  #stored (): void {
    this.#restartAttempt = 0
    this.#status.lastBatchAt = Date.now()
    this.#watchdog.progress()
  }

  #ownContext (where: Record<string, unknown>): WriteContext {
    return {
      isRunning: () => !this.#stopping,
      isStale: () => false,
      heartbeat: async () => {},
      where
    }
  }

  async #earliest (topic: string, partition: number): Promise<bigint | undefined> {
    try {
      const ranges = await this.#withAdmin((admin) => partitionRanges(admin, topic))
      return ranges.find((range) => range.partition === partition)?.low
    } catch (err) {
      this.#logger.warn({ err, topic, partition }, 'cannot read the earliest offset')
      return undefined
    }
  }

  async #withAdmin<T> (use: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.#kafka.admin()
    try {
      await admin.connect()
      return await use(admin)
    } finally {
      await admin.disconnect().catch(() => {})
    }
  }

  async #disconnect (): Promise<void> {
    const consumer = this.#consumer
    this.#consumer = undefined
    await consumer?.disconnect().catch((err: unknown) =>
      this.#logger.debug({ err }, 'consumer disconnect failed'))
  }

  #setState (state: ConsumerState, detail: string): void {
    if (this.#status.state !== state) this.#logger.info({ state, detail }, 'consumer state')
    this.#status.state = state
    this.#status.detail = detail
  }
}

/** kafkajs's own errors (a rebalance, a lost broker) go back to kafkajs; the rest are ours. */
function isKafkaError (err: unknown): boolean {
  return err instanceof Error && err.name.startsWith('KafkaJS')
}
