/** A gauge: a value per label set that is set to what it is now, e.g. consumer lag. */
import { formatLabels, formatValue, header, type Labels } from './exposition.js'
import { LabelSeries } from './label-series.js'

export class Gauge {
  readonly name: string
  readonly help: string
  readonly #series: LabelSeries<{ value: number }>

  constructor (name: string, help: string, labelNames: readonly string[] = []) {
    this.name = name
    this.help = help
    this.#series = new LabelSeries(labelNames, () => ({ value: 0 }))
  }

  set (labels: Labels, value: number): void {
    this.#series.get(labels).value = value
  }

  value (labels: Labels = {}): number {
    return this.#series.get(labels).value
  }

  /** Drops every label set, for gauges rebuilt in full at each scrape. */
  reset (): void {
    this.#series.clear()
  }

  render (): string {
    const lines = this.#series.entries().map(({ values, state }) =>
      `${this.name}${formatLabels(this.#series.labelNames, values)} ${formatValue(state.value)}\n`)

    return header(this.name, this.help, 'gauge') + lines.join('')
  }
}
