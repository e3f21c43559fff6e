/**
 * The figures as one Markdown table: a row per figure, a column per store size (value and
 * ratio to its baseline), and the growth from the smallest to the largest size. Printed at the
 * end of a run, ready for the README.
 */
import { ratioOf, type Figure } from './report.js'

function format (value: number, unit: string): string {
  const rounded = Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US')
    : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2)

  return `${rounded} ${unit}`
}

function cell (figure: Figure | undefined): string {
  if (figure === undefined) return ''
  const ratio = ratioOf(figure)
  const shown = format(figure.value, figure.unit)
  const note = figure.note === undefined ? '' : ` [${figure.note}]`

  return ratio === undefined ? `${shown}${note}` : `${shown} (×${ratio.toFixed(2)})${note}`
}

function rowKey (figure: Figure): string {
  return `${figure.section} | ${figure.name}`
}

function baselineOf (figures: Figure[]): string {
  return figures.find((f) => f.baseline !== undefined)?.baseline?.name ?? ''
}

export function growthTable (figures: Figure[]): string {
  const sizes = [...new Set(figures.flatMap((f) => f.size === undefined ? [] : [f.size]))]
  const rows = new Map<string, Figure[]>()
  for (const figure of figures) {
    rows.set(rowKey(figure), [...(rows.get(rowKey(figure)) ?? []), figure])
  }
  const first = sizes[0]
  const last = sizes[sizes.length - 1]
  const lines = [
    `| section | figure | ratio to | ${sizes.join(' | ')} | ${last ?? ''}/${first ?? ''} |`,
    `|---|---|---|${sizes.map(() => '---|').join('')}---|`
  ]
  for (const [key, group] of rows) {
    const bySize = (size?: string) => group.find((f) => f.size === size)
    const cells = sizes.length === 0 || group.every((f) => f.size === undefined)
      ? [cell(group[0]), ...sizes.slice(1).map(() => '')]
      : sizes.map((size) => cell(bySize(size)))
    const a = bySize(first)
    const b = bySize(last)
    const growth = a !== undefined && b !== undefined && a !== b && a.value !== 0
      ? `×${(b.value / a.value).toFixed(2)}`
      : ''
    lines.push(`| ${key} | ${baselineOf(group)} | ${cells.join(' | ')} | ${growth} |`)
  }

  return lines.join('\n')
}
