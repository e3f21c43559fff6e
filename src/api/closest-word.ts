/**
 * The accepted word nearest to a misspelt one (`nameservr` → `nameserver`), so that a refusal
 * can say what was probably meant. Distance is Levenshtein's, case folded.
 */

function distance (a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution)
    }
    previous = current
  }

  return previous[b.length] ?? 0
}

/**
 * The nearest word within a third of its length (at least 2 edits), or undefined; never one
 * that shares nothing with what was sent (`x` is not a misspelt `t`).
 */
export function closestWord (sent: string, words: readonly string[]): string | undefined {
  const folded = sent.toLowerCase()
  let best: string | undefined
  let bestDistance = Infinity
  for (const word of words) {
    const d = distance(folded, word.toLowerCase())
    if (d < bestDistance) [best, bestDistance] = [word, d]
  }
  const allowed = Math.max(2, Math.floor((best?.length ?? 0) / 3))

  const rewritten = bestDistance >= Math.max(folded.length, best?.length ?? 0)

  return bestDistance <= allowed && !rewritten ? best : undefined
}
