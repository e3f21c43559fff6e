/**
 * What dnsledger asks the Kafka admin API: that the feed topics exist (at start, to fail fast
 * with what to fix), and which offsets each partition still holds (to check the store's).
 */
import type { Admin } from 'kafkajs'
import type { KafkaConfig } from '../config.js'
import { DnsledgerError } from '../errors.js'
import type { OffsetRange } from './offset-audit.js'

export interface PartitionRange extends OffsetRange {
  partition: number
}

export async function checkTopics (admin: Admin, topics: string[], config: KafkaConfig) {
  const existing = new Set(await admin.listTopics())
  const missing = topics.filter((topic) => !existing.has(topic))
  if (missing.length === 0) return

  throw new DnsledgerError('KAFKA_CONFIG', `topics ${missing.join(', ')} do not exist on ` +
    `${config.brokers.join(',')}: check KAFKA_TOPIC_PREFIX and the topic names your feed ` +
    'provider gave you', { missing })
}

export async function partitionRanges (admin: Admin, topic: string): Promise<PartitionRange[]> {
  const offsets = await admin.fetchTopicOffsets(topic)

  return offsets.map(({ partition, low, high }) =>
    ({ partition, low: BigInt(low), high: BigInt(high) }))
}

/** A failure at start, worded as what to fix. */
export function asSettingsError (err: unknown, config: KafkaConfig): DnsledgerError {
  if (err instanceof DnsledgerError) return err
  const error = err as Error
  const brokers = config.brokers.join(',')
  if (isAuthenticationError(error)) {
    return new DnsledgerError('KAFKA_CONFIG', `the brokers at ${brokers} refused the SASL login ` +
      `(${error.message}): check KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD and ` +
      'KAFKA_SASL_MECHANISM', { brokers })
  }

  return new DnsledgerError('KAFKA_UNAVAILABLE', `cannot reach Kafka at ${brokers} ` +
    `(${error.message}): check KAFKA_BROKERS, KAFKA_TLS and that the brokers are up`, { brokers })
}

function isAuthenticationError (error: Error & { cause?: unknown }): boolean {
  if (error.name === 'KafkaJSSASLAuthenticationError') return true

  return error.cause instanceof Error && isAuthenticationError(error.cause)
}
