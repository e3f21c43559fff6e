/**
 * One kafkajs consumer, from connect to crash or stop. kafkajs's own restart after a crash is
 * switched off (restartOnFailure), so that every crash reaches FeedConsumer, which restarts
 * with a bounded backoff, and no crash can leave the service running without consuming.
 */
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs'

/**
 * Batches of this many partitions are handled at once: their chunks wait on the writer thread
 * together, which writes the chunks waiting in one transaction (writer-loop.ts). Each
 * partition still has one chunk in flight at most, so its chunks are stored in order.
 */
export const PARTITIONS_AT_ONCE = 32

export interface RunSettings {
  groupId: string
  sessionTimeoutMs: number
  topics: string[]
}

export interface RunHandlers {
  joined: (consumer: Consumer, groupId: string, assignment: Record<string, number[]>) => void
  crashed: (error: Error) => void
  /** The brokers answered: a fetch came back or a heartbeat went through. */
  contact: () => void
  eachBatch: (payload: EachBatchPayload) => Promise<void>
}

function watch (consumer: Consumer, handlers: RunHandlers): void {
  const { GROUP_JOIN, CRASH, FETCH, HEARTBEAT } = consumer.events
  consumer.on(GROUP_JOIN, ({ payload }) =>
    handlers.joined(consumer, payload.groupId, payload.memberAssignment))
  consumer.on(CRASH, ({ payload }) => handlers.crashed(payload.error))
  consumer.on(FETCH, () => handlers.contact())
  consumer.on(HEARTBEAT, () => handlers.contact())
}

export async function startConsumer (kafka: Kafka, settings: RunSettings,
  handlers: RunHandlers): Promise<Consumer> {
  const consumer = kafka.consumer({
    groupId: settings.groupId,
    sessionTimeout: settings.sessionTimeoutMs,
    retry: { retries: 5, restartOnFailure: async () => false }
  })
  watch(consumer, handlers)
  try {
    await consumer.connect()
    await consumer.subscribe({ topics: settings.topics, fromBeginning: true })
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: PARTITIONS_AT_ONCE, eachBatch: handlers.eachBatch })
  } catch (err) {
    await consumer.disconnect().catch(() => {})
    throw err
  }

  return consumer
}
