/** A counter: a value per label set that only goes up, e.g. messages stored. */
import type { Labels } from './exposition.js'
import { ValueMetric } from './value-metric.js'

export class Counter extends ValueMetric {
  protected readonly type = 'counter'

  inc (labels: Labels = {}, by = 1): void {
    if (by < 0) throw new RangeError(`counter ${this.name} cannot go down`)
    this.series.get(labels).value += by
  }
}
