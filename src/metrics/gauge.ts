/** A gauge: a value per label set that is set to what it is now, e.g. consumer lag. */
import type { Labels } from './exposition.js'
import { ValueMetric } from './value-metric.js'

export class Gauge extends ValueMetric {
  protected readonly type = 'gauge'

  set (labels: Labels, value: number): void {
    this.series.get(labels).value = value
  }

  /** Drops every label set, for gauges rebuilt in full at each scrape. */
  reset (): void {
    this.series.clear()
  }
}
