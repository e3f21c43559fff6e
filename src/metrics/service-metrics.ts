/**
 * Every metric dnsledger exposes at GET /metrics, in one place so that names and labels stay
 * consistent. One instance serves the process; tests build their own.
 */
import type { ChunkResult } from '../ingest/store-writer.js'
import { Counter } from './counter.js'
import { Gauge } from './gauge.js'
import { Histogram } from './histogram.js'
import { Registry } from './registry.js'

const CHUNK_MESSAGE_BOUNDS = [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 50000]
const SECONDS_BOUNDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

export class ServiceMetrics {
  readonly registry = new Registry()
  readonly consumed = this.#counter('dnsledger_ingest_messages_consumed_total',
    'Feed messages written to the store (stored or set aside), from Kafka or the sample load',
    ['topic'])
  readonly stored = this.#counter('dnsledger_ingest_messages_stored_total',
    'Feed messages whose observations were stored', ['topic'])
  readonly rejected = this.#counter('dnsledger_ingest_messages_rejected_total',
    'Feed messages set aside, by reason code', ['topic', 'code'])
  readonly chunkMessages = this.registry.register(new Histogram('dnsledger_ingest_batch_messages',
    'Messages per store transaction (one chunk of a Kafka batch or of a file)',
    CHUNK_MESSAGE_BOUNDS))
  readonly chunkSeconds = this.registry.register(new Histogram('dnsledger_ingest_batch_seconds',
    'Time to write one store transaction, in the writer thread', SECONDS_BOUNDS))
  readonly parseSeconds = this.registry.register(new Histogram('dnsledger_ingest_parse_seconds',
    'Time to parse the messages of one store transaction, in the writer thread', SECONDS_BOUNDS))
  readonly lag = this.#gauge('dnsledger_kafka_consumer_lag_messages',
    'Messages in the partition past the offset the store has reached', ['topic', 'partition'])
  readonly lastStoreCommit = this.#gauge('dnsledger_ingest_last_store_commit_timestamp_seconds',
    'When the last ingest transaction (rows and offsets) committed to the store')
  readonly lastKafkaCommit = this.#gauge('dnsledger_kafka_last_offset_commit_timestamp_seconds',
    'When stored offsets were last committed to Kafka (for monitoring; the store leads)')
  readonly consumerState = this.#gauge('dnsledger_consumer_state',
    'The feed consumer state: 1 for the current one; not_configured without Kafka', ['state'])
  readonly consumerRestarts = this.#counter('dnsledger_consumer_restarts_total',
    'Feed consumer restarts by dnsledger, by cause (crash, stall)', ['reason'])
  readonly storeFailures = this.#counter('dnsledger_store_write_failures_total',
    'Failed ingest writes to the store, by SQLite error code', ['code'])
  readonly storeFaulted = this.#gauge('dnsledger_store_write_faulted',
    '1 while ingest is paused because store writes fail, else 0')
  readonly offsetAnomalies = this.#counter('dnsledger_kafka_offset_anomalies_total',
    'Stored offsets found outside the partition: below_earliest or above_end',
    ['topic', 'partition', 'kind'])
  readonly messagesLost = this.#counter('dnsledger_kafka_messages_lost_total',
    'Messages removed by the broker (retention) before dnsledger read them',
    ['topic', 'partition'])
  readonly databaseBytes = this.#gauge('dnsledger_database_bytes',
    'Size of the database files: main and wal', ['file'])
  readonly httpRequests = this.#counter('dnsledger_http_requests_total',
    'HTTP requests answered, by method, route and status', ['method', 'route', 'status'])
  readonly httpSeconds = this.registry.register(new Histogram(
    'dnsledger_http_request_duration_seconds', 'HTTP request time, by method, route and status',
    SECONDS_BOUNDS, ['method', 'route', 'status']))

  constructor () {
    // A dashboard sees 0, not a gap, before the first fault and in a service without Kafka.
    this.storeFaulted.set({}, 0)
  }

  /** One chunk written, by whatever path it came: Kafka, or a file of the sample load. */
  countChunk (topic: string, written: ChunkResult): void {
    const { messages, rejects } = written
    this.consumed.inc({ topic }, messages)
    this.stored.inc({ topic }, messages - rejects)
    for (const [code, count] of Object.entries(written.rejectedByCode)) {
      this.rejected.inc({ topic, code }, count)
    }
    this.chunkMessages.observe({}, messages)
    this.chunkSeconds.observe({}, written.writeSeconds)
    this.parseSeconds.observe({}, written.parseSeconds)
    this.lastStoreCommit.set({}, Date.now() / 1000)
  }

  render (): string {
    return this.registry.render()
  }

  #counter (name: string, help: string, labels: string[] = []): Counter {
    return this.registry.register(new Counter(name, help, labels))
  }

  #gauge (name: string, help: string, labels: string[] = []): Gauge {
    return this.registry.register(new Gauge(name, help, labels))
  }
}

/** The process's metrics, scraped at GET /metrics. */
export const serviceMetrics = new ServiceMetrics()
