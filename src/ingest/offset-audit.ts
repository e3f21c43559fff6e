/**
 * Checks a stored offset against the offsets the partition still has. Below the earliest one,
 * the broker removed messages (retention) before dnsledger read them: they are lost, and the
 * read resumes at the earliest. Above the end, the offset names a message the partition never
 * had: the topic was deleted and created again (or the broker lost data), and the partition is
 * read again from its earliest offset. Either way the store's offset is moved in a transaction
 * of its own, and the move is logged, counted and shown in /ready, never silently skipped.
 */
import type { Logger } from '../logger.js'
import type { ServiceMetrics } from '../metrics/service-metrics.js'
import type { TopicPartition } from './partition-offsets.js'

export type AnomalyKind = 'below_earliest' | 'above_end'

export interface OffsetRange {
  /** The earliest offset the partition still holds. */
  low: bigint
  /** The offset the next message will get (the high watermark). */
  high: bigint
}

export interface OffsetAnomaly extends TopicPartition {
  kind: AnomalyKind
  stored: bigint
  range: OffsetRange
  at: number
}

const SHOWN_ANOMALIES = 5

export function classifyOffset (stored: bigint, range: OffsetRange): AnomalyKind | undefined {
  if (stored < range.low) return 'below_earliest'
  if (stored > range.high) return 'above_end'

  return undefined
}

export function describeAnomaly (anomaly: OffsetAnomaly): string {
  const { topic, partition, stored, range } = anomaly
  const where = `${topic}/${partition}: stored offset ${stored}`
  if (anomaly.kind === 'below_earliest') {
    return `${where} is below the earliest offset ${range.low} (retention): ` +
      `${range.low - stored} messages were lost; reading from ${range.low}`
  }

  return `${where} is past the end of the partition (${range.high}): the topic was ` +
    `re-created or the broker lost data; reading it again from ${range.low}`
}

export class OffsetAudit {
  readonly #logger: Logger
  readonly #metrics: ServiceMetrics
  readonly #anomalies: OffsetAnomaly[] = []

  constructor (logger: Logger, metrics: ServiceMetrics) {
    this.#logger = logger
    this.#metrics = metrics
  }

  report (anomaly: OffsetAnomaly): void {
    this.#anomalies.push(anomaly)
    const labels = { topic: anomaly.topic, partition: String(anomaly.partition) }
    this.#metrics.offsetAnomalies.inc({ ...labels, kind: anomaly.kind })
    if (anomaly.kind === 'below_earliest') {
      this.#metrics.messagesLost.inc(labels, Number(anomaly.range.low - anomaly.stored))
    }
    this.#logger.error({ ...labels, kind: anomaly.kind, stored: String(anomaly.stored),
      earliest: String(anomaly.range.low), end: String(anomaly.range.high),
      detail: describeAnomaly(anomaly) }, 'stored offset outside its partition')
  }

  /** For /ready: the latest anomalies, newest last. */
  detail (): string {
    if (this.#anomalies.length === 0) return 'every stored offset is within its partition'
    const shown = this.#anomalies.slice(-SHOWN_ANOMALIES).map(describeAnomaly)
    const more = this.#anomalies.length - shown.length

    return shown.join('; ') + (more > 0 ? `; and ${more} earlier` : '')
  }

  get anomalies (): readonly OffsetAnomaly[] {
    return this.#anomalies
  }
}
