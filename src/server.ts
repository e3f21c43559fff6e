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
import { loadSampleData } from './sample-data.js'
import { Store } from './store/store.js'

export interface RunningService {
  app: FastifyInstance
  store: Store
  consumer?: FeedConsumer
  close: () => Promise<void>
}

function readiness (store: Store, consumer: FeedConsumer | undefined): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [
    { name: 'store', ok: store.db.open, detail: store.db.open ? 'open' : 'closed' }
  ]
  if (consumer === undefined) {
    checks.push({ name: 'consumer', ok: true, detail: 'Kafka not configured; serving the store' })
    return checks
  }
  const status = consumer.status
  checks.push({ name: 'consumer', ok: status.state === 'consuming', detail: status.detail })

  return checks
}

export async function startService (config: Config, logger: Logger): Promise<RunningService> {
  const store = Store.open(config.databasePath)
  logger.info({ path: config.databasePath }, 'store open')
  if (config.kafka === undefined && config.loadSample === 'auto' && store.isEmpty()) {
    const loaded = await loadSampleData(store, config.sampleDir, logger)
    logger.info({ dir: config.sampleDir, ...loaded }, 'no Kafka configured: sample data loaded')
  }

  const consumer = config.kafka === undefined
    ? undefined
    : new FeedConsumer({ config: config.kafka, store, logger, chunkMaxMessages: config.ingestBatchMaxMessages })
  const app = await buildApp({
    store,
    logger,
    probe: () => readiness(store, consumer),
    defaultLimit: config.apiDefaultLimit,
    maxLimit: config.apiMaxLimit
  })
  await app.listen({ host: config.host, port: config.port })
  await consumer?.start()

  let closing: Promise<void> | undefined
  const close = async (): Promise<void> => {
    closing ??= (async () => {
      await app.close()
      await consumer?.stop()
      store.close()
      logger.info('stopped')
    })()
    return closing
  }

  return { app, store, consumer, close }
}
