/**
 * A set of metrics written out together. Collectors run just before each scrape, for values
 * that are cheaper to read when asked than to keep current (database file sizes, lag).
 */
import type { Counter } from './counter.js'
import type { Gauge } from './gauge.js'
import type { Histogram } from './histogram.js'

export type Metric = Counter | Gauge | Histogram

export type Collector = () => void

export class Registry {
  readonly #metrics = new Map<string, Metric>()
  readonly #collectors = new Set<Collector>()

  register<M extends Metric> (metric: M): M {
    if (this.#metrics.has(metric.name)) throw new Error(`metric ${metric.name} registered twice`)
    this.#metrics.set(metric.name, metric)

    return metric
  }

  /** Adds a collector; the returned function removes it (when its source closes). */
  collect (collector: Collector): () => void {
    this.#collectors.add(collector)

    return () => { this.#collectors.delete(collector) }
  }

  render (): string {
    for (const collector of this.#collectors) collector()

    return [...this.#metrics.values()].map((metric) => metric.render()).join('')
  }
}
