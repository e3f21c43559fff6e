/**
 * Collects the figures. Each is printed as soon as it is measured, beside its ratio to the
 * baseline measured in the same run (the machine is shared and noisy, so only ratios travel),
 * and all of them are written as JSON at the end.
 */
import { writeFileSync } from 'node:fs'

export interface Figure {
  section: string
  name: string
  size?: string
  value: number
  unit: string
  baseline?: { name: string, value: number }
  /** The ratio to the baseline when measured in pairs (the median of the pairs' ratios). */
  ratio?: number
  note?: string
}

/** A figure's ratio to its baseline: as measured in pairs, or value over baseline. */
export function ratioOf (figure: Figure): number | undefined {
  if (figure.ratio !== undefined) return figure.ratio
  return figure.baseline === undefined ? undefined : figure.value / figure.baseline.value
}

export interface Target {
  name: string
  ok: boolean
  detail: string
}

function format (value: number): string {
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US')
  if (Math.abs(value) >= 10) return value.toFixed(1)

  return value.toFixed(2)
}

export class Report {
  readonly figures: Figure[] = []
  readonly targets: Target[] = []
  readonly #started = Date.now()

  add (figure: Figure): Figure {
    this.figures.push(figure)
    const r = ratioOf(figure)
    const paired = figure.ratio === undefined ? '' : ', paired'
    const ratio = r === undefined || figure.baseline === undefined
      ? ''
      : `  ×${r.toFixed(2)} of ${figure.baseline.name}${paired}`
    const size = figure.size === undefined ? '' : ` @${figure.size}`
    const note = figure.note === undefined ? '' : `  (${figure.note})`
    log(`[${figure.section}${size}] ${figure.name}: ${format(figure.value)} ${figure.unit}` +
      `${ratio}${note}`)

    return figure
  }

  find (section: string, name: string, size?: string): Figure | undefined {
    return this.figures.find((f) => f.section === section && f.name === name && f.size === size)
  }

  target (name: string, ok: boolean, detail: string): void {
    this.targets.push({ name, ok, detail })
  }

  printTargets (): void {
    log('targets:')
    for (const t of this.targets) log(`  ${t.ok ? 'PASS' : 'MISS'}  ${t.name}: ${t.detail}`)
  }

  write (path: string, machine: Record<string, unknown>): void {
    const minutes = (Date.now() - this.#started) / 60_000
    writeFileSync(path, JSON.stringify({ machine, minutes, figures: this.figures,
      targets: this.targets }, null, 2))
    log(`figures written to ${path} (${minutes.toFixed(1)} min)`)
  }
}

export function log (line: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`)
}
