/**
 * The Prometheus text exposition format (version 0.0.4): how names, label sets and sample
 * values are written. Label values are escaped as the format asks, so any topic or route
 * name is safe to expose.
 */

export type Labels = Record<string, string>

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

export function escapeHelp (text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')
}

function escapeLabelValue (value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

/** `{a="1",b="2"}` in the order the names were declared, or nothing without labels. */
export function formatLabels (names: readonly string[], values: readonly string[]): string {
  if (names.length === 0) return ''
  const pairs = names.map((name, i) => `${name}="${escapeLabelValue(values[i] ?? '')}"`)

  return `{${pairs.join(',')}}`
}

export function formatValue (value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return '+Inf'
  if (value === -Infinity) return '-Inf'

  return String(value)
}

export function header (name: string, help: string, type: string): string {
  return `# HELP ${name} ${escapeHelp(help)}\n# TYPE ${name} ${type}\n`
}
