/**
 * One value (or histogram) per label set, keyed by the label values in declared order.
 * A metric refuses label sets that do not match its declaration, so a typo cannot create a
 * new series.
 */
import type { Labels } from './exposition.js'

export class LabelSeries<T> {
  readonly labelNames: readonly string[]
  readonly #series = new Map<string, { values: string[], state: T }>()
  readonly #create: () => T

  constructor (labelNames: readonly string[], create: () => T) {
    this.labelNames = labelNames
    this.#create = create
  }

  /** The state of one label set, created on first use. */
  get (labels: Labels = {}): T {
    const values = this.#valuesOf(labels)
    const key = values.join('\u0000')
    let entry = this.#series.get(key)
    if (entry === undefined) {
      entry = { values, state: this.#create() }
      this.#series.set(key, entry)
    }

    return entry.state
  }

  entries (): Array<{ values: string[], state: T }> {
    return [...this.#series.values()]
  }

  clear (): void {
    this.#series.clear()
  }

  #valuesOf (labels: Labels): string[] {
    const given = Object.keys(labels)
    const fits = given.length === this.labelNames.length &&
      this.labelNames.every((name) => labels[name] !== undefined)
    if (!fits) {
      throw new TypeError(`labels ${given.join(',')} do not match ${this.labelNames.join(',')}`)
    }

    return this.labelNames.map((name) => labels[name] as string)
  }
}
