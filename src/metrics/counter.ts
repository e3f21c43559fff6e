/** A counter: a value per label set that only goes up, e.g. messages stored. */
import { formatLabels, formatValue, header, type Labels } from './exposition.js'
import { LabelSeries } from './label-series.js'

export class Counter {
  readonly name: string
  readonly help: string
  readonly #series: LabelSeries<{ value: number }>

  constructor (name: string, help: string, labelNames: readonly string[] = []) {
    this.name = name
    this.help = help
    this.#series = new LabelSeries(labelNames, () => ({ value: 0 }))
  }

  inc (labels: Labels = {}, by = 1): void {
    if (by < 0) throw new RangeError(`counter ${this.name} cannot go down`)
    this.#series.get(labels).value += by
  }

  value (labels: Labels = {}): number {
    return this.#series.get(labels).value
  }

  render (): string {
    const lines = this.#series.entries().map(({ values, state }) =>
      `${this.name}${formatLabels(this.#series.labelNames, values)} ${formatValue(state.value)}\n`)

    return header(this.name, this.help, 'counter') + lines.join('')
  }
}
