/**
 * Client data quoted in a message, bounded: a value is written as JSON up to a few levels and
 * a few dozen characters, and whatever it holds (a list nested 5,000 deep, a cycle, a getter
 * that throws) the writing never throws and never recurses past its depth.
 */

const SHOWN_MAX_CHARS = 60
const SHOWN_MAX_DEPTH = 4

/** Text cut to `max` characters, marked with `...` when cut. */
export function clipText (text: string, max = SHOWN_MAX_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}...` : text
}

function scalarJson (value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(clipText(value, SHOWN_MAX_CHARS * 2))
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null'
  if (typeof value === 'boolean' || value === null) return String(value)
  if (typeof value === 'bigint') return String(value)

  return 'null'
}

/** Writes until `budget` characters are spent; deeper levels than the depth become `...`. */
function writeJson (value: unknown, depth: number, out: string[], budget: { left: number }) {
  const push = (text: string) => { out.push(text); budget.left -= text.length }
  if (typeof value !== 'object' || value === null) return push(scalarJson(value))
  if (depth >= SHOWN_MAX_DEPTH) return push(Array.isArray(value) ? '[...]' : '{...}')

  const isList = Array.isArray(value)
  push(isList ? '[' : '{')
  // Each entry costs a character at least, so no more than the budget's worth are read.
  const entries = (isList ? value.slice(0, SHOWN_MAX_CHARS).map((item, i) => [String(i), item])
    : Object.entries(value).slice(0, SHOWN_MAX_CHARS)) as [string, unknown][]
  for (const [index, [key, item]] of entries.entries()) {
    if (budget.left <= 0) { push('...'); break }
    if (index > 0) push(',')
    if (!isList) push(`${JSON.stringify(clipText(key, SHOWN_MAX_CHARS))}:`)
    writeJson(item, depth + 1, out, budget)
  }
  push(isList ? ']' : '}')
}

/** A value as JSON for a message: bounded in depth and length, never throwing. */
export function shownJson (value: unknown, max = SHOWN_MAX_CHARS): string {
  try {
    const out: string[] = []
    writeJson(value, 0, out, { left: max })
    return clipText(out.join(''), max)
  } catch {
    return '(a value that cannot be shown)'
  }
}

/** A value as text for a message: a string as it is, anything else as bounded JSON. */
export function shownText (value: unknown, max = SHOWN_MAX_CHARS): string {
  return typeof value === 'string' ? clipText(value, max) : shownJson(value, max)
}
