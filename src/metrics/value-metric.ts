/**
 * What a counter and a gauge share: one number per label set, written as one sample line
 * each. They differ only in how the number changes (counter.ts, gauge.ts).
 */
import { formatLabels, formatValue, header, type Labels } from './exposition.js'
import { LabelSeries } from './label-series.js'

export abstract class ValueMetric {
  readonly name: string
  readonly help: string
  protected abstract readonly type: 'counter' | 'gauge'
  protected readonly series: LabelSeries<{ value: number }>

  constructor (name: string, help: string, labelNames: readonly string[] = []) {
    this.name = name
    this.help = help
    this.series = new LabelSeries(labelNames, () => ({ value: 0 }))
  }

  value (labels: Labels = {}): number {
    return this.series.get(labels).value
  }

  render (): string {
    const lines = this.series.entries().map(({ values, state }) =>
      `${this.name}${formatLabels(this.series.labelNames, values)} ${formatValue(state.value)}\n`)

    return header(this.name, this.help, this.type) + lines.join('')
  }
}
