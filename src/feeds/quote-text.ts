/** Longest excerpt of a bad value a reason repeats; a reason is read by a person, not parsed. */
const MAX_QUOTED_CHARS = 80

/**
 * Quotes a value for a reject reason as a JSON string literal, so control characters, quotes
 * and line breaks show as escapes instead of breaking the set-aside list it is written to.
 */
export function quote (text: string): string {
  if (text.length <= MAX_QUOTED_CHARS) return JSON.stringify(text)

  const excerpt = text.slice(0, MAX_QUOTED_CHARS)
  return `${JSON.stringify(excerpt)}… (${text.length} characters)`
}
