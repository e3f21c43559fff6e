/**
 * The service process: the HTTP API and, when Kafka is configured, the feed consumer beside it.
 * The API reads through its own connection; every write (the feed, the sample data) goes
 * through the writer thread, which has another. On SIGTERM or SIGINT it stops taking requests,
 * lets the batch in flight finish and commit, leaves the consumer group, lets the writer thread
 * finish what it was sent and closes the database.
 */
import type { FastifyInstance } from 'fastify'
import { buildApp } from './api/app.js'
import type { ReadinessCheck } from './api/routes/health-routes.js'
import type { Config } from './config.js'
import { countedWriter } from './ingest/counted-writer.js'
import { CONSUMER_STATES, FeedConsumer } from './ingest/feed-consumer.js'
import { WriterThread } from './ingest/writer-thread.js'
import type { Logger } from './logger.js'
import { databaseSize } from './metrics/database-size.js'
import { serviceMetrics, type ServiceMetrics } from './metrics/service-metrics.js'
import { loadSampleData } from './sample-data.js'
import { Store } from './store/store.js'

export interface RunningService {
  app: FastifyInstance
  store: Store
  writer: WriterThread
  consumer?: FeedConsumer
  close: () => Promise<void>
}

export interface ServiceHooks {
  /** Ingest hit a failure no retry can mend; the process should stop, non-zero. */
  onFatal?: (err: Error) => void
  metrics?: ServiceMetrics
}

function readiness (store: Store, consumer: FeedConsumer | undefined): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [
    { name: 'store', ok: store.db.open, detail: store.db.open ? 'open' : 'closed' }
  ]
  if (consumer === undefined) {
    checks.push({ name: 'consumer', ok: true, detail: 'Kafka not configured; serving the store' })
    return checks
  }

  return [...checks, ...consumer.readiness()]
}

/** Without Kafka every consumer state is 0 and not_configured is 1: a value, never a gap. */
function collectNoConsumer (metrics: ServiceMetrics): void {
  for (const state of CONSUMER_STATES) metrics.consumerState.set({ state }, 0)
  metrics.consumerState.set({ state: 'not_configured' }, 1)
}

function collectMetrics (metrics: ServiceMetrics, store: Store, consumer?: FeedConsumer) {
  return metrics.registry.collect(() => {
    const size = databaseSize(store.path)
    metrics.databaseBytes.set({ file: 'main' }, size.main)
    metrics.databaseBytes.set({ file: 'wal' }, size.wal)
    if (consumer === undefined) collectNoConsumer(metrics)
    else consumer.collectMetrics()
  })
}

function createConsumer (config: Config, store: Store, writer: WriterThread, logger: Logger,
  hooks: ServiceHooks) {
  if (config.kafka === undefined) return undefined

  return new FeedConsumer({
    config: config.kafka,
    store,
    writer,
    logger,
    chunkMaxMessages: config.ingestBatchMaxMessages,
    stallTimeoutMs: config.ingestStallTimeoutMs,
    retryMaxBackoffMs: config.ingestRetryMaxBackoffMs,
    metrics: hooks.metrics,
    onFatal: hooks.onFatal
  })
}

export async function startService (config: Config, logger: Logger,
  hooks: ServiceHooks = {}): Promise<RunningService> {
  const metrics = hooks.metrics ?? serviceMetrics
  // The reader migrates the schema before the writer thread opens its own connection.
  const store = Store.open(config.databasePath, { role: 'reader' })
  logger.info({ path: config.databasePath }, 'store open')
  const writer = new WriterThread({ path: config.databasePath, logger,
    topicPrefix: config.kafka?.topicPrefix })
  if (config.kafka === undefined && config.loadSample === 'auto' && store.isEmpty()) {
    const counted = countedWriter(writer, metrics)
    const loaded = await loadSampleData(counted, config.sampleDir, logger).catch(async (err) => {
      await writer.close()
      store.close()
      throw err
    })
    logger.info({ dir: config.sampleDir, ...loaded }, 'no Kafka configured: sample data loaded')
  }

  const consumer = createConsumer(config, store, writer, logger, hooks)
  const stopCollecting = collectMetrics(metrics, store, consumer)
  const app = await buildApp({
    store,
    logger,
    probe: () => readiness(store, consumer),
    defaultLimit: config.apiDefaultLimit,
    apiKeys: config.apiKeys,
    maxLimit: config.apiMaxLimit,
    streamMaxLimit: config.apiStreamMaxLimit,
    bulkMaxIndicators: config.apiBulkMaxIndicators,
    bulkMaxLimit: config.apiBulkMaxLimit,
    txtScanLimit: config.apiTxtScanLimit,
    topicPrefix: config.kafka?.topicPrefix,
    rateLimit: config.apiRateLimit,
    corsOrigins: config.corsOrigins
  })
  await app.listen({ host: config.host, port: config.port })
  await consumer?.start()

  let closing: Promise<void> | undefined
  const close = async (): Promise<void> => {
    closing ??= (async () => {
      // Both at once: ingest should not run on while open HTTP connections drain.
      await Promise.all([app.close(), consumer?.stop()])
      await writer.close()
      stopCollecting()
      store.close()
      logger.info('stopped')
    })()
    return closing
  }

  return { app, store, writer, consumer, close }
}
