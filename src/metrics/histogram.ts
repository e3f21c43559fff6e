/**
 * A histogram: counts of observations at or under each bucket bound, with their sum and
 * count, per label set (e.g. store write seconds). Buckets are cumulative when written, as
 * the format asks, and end with +Inf.
 */
import { formatLabels, formatValue, header, type Labels } from './exposition.js'
import { LabelSeries } from './label-series.js'

interface HistogramState {
  buckets: number[]
  sum: number
  count: number
}

export class Histogram {
  readonly name: string
  readonly help: string
  readonly bounds: readonly number[]
  readonly #series: LabelSeries<HistogramState>

  constructor (name: string, help: string, bounds: readonly number[],
    labelNames: readonly string[] = []) {
    this.name = name
    this.help = help
    this.bounds = [...bounds].sort((a, b) => a - b)
    this.#series = new LabelSeries(labelNames,
      () => ({ buckets: this.bounds.map(() => 0), sum: 0, count: 0 }))
  }

  observe (labels: Labels, value: number): void {
    const state = this.#series.get(labels)
    const index = this.bounds.findIndex((bound) => value <= bound)
    if (index >= 0) state.buckets[index] = (state.buckets[index] ?? 0) + 1
    state.sum += value
    state.count++
  }

  count (labels: Labels = {}): number {
    return this.#series.get(labels).count
  }

  render (): string {
    const parts = this.#series.entries().map(({ values, state }) => this.#renderOne(values, state))

    return header(this.name, this.help, 'histogram') + parts.join('')
  }

  #renderOne (values: string[], state: HistogramState): string {
    const names = [...this.#series.labelNames, 'le']
    let cumulative = 0
    const lines = this.bounds.map((bound, i) => {
      cumulative += state.buckets[i] ?? 0
      const labels = formatLabels(names, [...values, formatValue(bound)])
      return `${this.name}_bucket${labels} ${cumulative}\n`
    })
    lines.push(`${this.name}_bucket${formatLabels(names, [...values, '+Inf'])} ${state.count}\n`)
    const plain = formatLabels(this.#series.labelNames, values)
    lines.push(`${this.name}_sum${plain} ${formatValue(state.sum)}\n`)
    lines.push(`${this.name}_count${plain} ${state.count}\n`)

    return lines.join('')
  }
}
