/**
 * The service process: the HTTP API and, when Kafka is configured, the feed consumer beside it.
 * On SIGTERM or SIGINT it stops taking requests, lets the batch in flight finish and commit,
 * leaves the consumer group and closes the database.
 */
import type { FastifyInstance } from 'fastify'
import { buildApp } from './api/app.js'
import type { ReadinessCheck } from './api/routes/health-routes.js'
import type { Config } from './config.js'
import { FeedConsumer } from './ingest/feed-consumer.js'
import type { Logger } from './logger.js'
import { databaseSize } from './metrics/database-size.js'
import { serviceMetrics, type ServiceMetrics } from './metrics/service-metrics.js'
import { loadSampleData } from './sample-data.js'
import { Store } from './store/store.js'

export interface RunningService {
  app: FastifyInstance
  store: Store
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

function collectMetrics (metrics: ServiceMetrics, store: Store, consumer?: FeedConsumer) {
  return metrics.registry.collect(() => {
    const size = databaseSize(store.path)
    metrics.databaseBytes.set({ file: 'main' }, size.main)
    metrics.databaseBytes.set({ file: 'wal' }, size.wal)
    consumer?.collectMetrics()
  })
}

function createConsumer (config: Config, store: Store, logger: Logger, hooks: ServiceHooks) {
  if (config.kafka === undefined) return undefined

  return new FeedConsumer({
    config: config.kafka,
    store,
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
  const store = Store.open(config.databasePath)
  logger.info({ path: config.databasePath }, 'store open')
  if (config.kafka === undefined && config.loadSample === 'auto' && store.isEmpty()) {
    const loaded = await loadSampleData(store, config.sampleDir, logger)
    logger.info({ dir: config.sampleDir, ...loaded }, 'no Kafka configured: sample data loaded')
  }

  const consumer = createConsumer(config, store, logger, hooks)
  const stopCollecting = collectMetrics(hooks.metrics ?? serviceMetrics, store, consumer)
  const app = await buildApp({
    store,
    logger,
    probe: () => readiness(store, consumer),
    defaultLimit: config.apiDefaultLimit,
    apiKeys: config.apiKeys,
    rateLimit: config.apiRateLimit,
    corsOrigins: config.corsOrigins,
    maxLimit: config.apiMaxLimit
  })
  await app.listen({ host: config.host, port: config.port })
  await consumer?.start()

  let closing: Promise<void> | undefined
  const close = async (): Promise<void> => {
    closing ??= (async () => {
      // Both at once: ingest should not run on while open HTTP connections drain.
      await Promise.all([app.close(), consumer?.stop()])
      stopCollecting()
      store.close()
      logger.info('stopped')
    })()
    return closing
  }

  return { app, store, consumer, close }
}
