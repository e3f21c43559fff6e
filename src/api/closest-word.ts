/**
 * The accepted word meant by one that is not (`nameservr` → `nameserver`, `pdns_cname` →
 * `spamhaus_pdns_cname`), so that a refusal can say what was probably meant. Distance is
 * Levenshtein's, case folded.
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

/** Shorter than this, what was sent is inside too many words to say which was meant. */
const HELD_MIN_CHARS = 2

/** `words` by distance to `folded`, nearest first; the first of equals keeps its place. */
function byDistance (folded: string, words: readonly string[]): Array<[string, number]> {
  return words.map((word): [string, number] => [word, distance(folded, word.toLowerCase())])
    .sort((a, b) => a[1] - b[1])
}

/**
 * A word that holds what was sent whole (`pdns_cname` in `spamhaus_pdns_cname`: a prefix left
 * out) is what was meant more surely than one a few edits away: of those, one that ends with
 * it, then the nearest.
 */
function holdingWord (folded: string, words: readonly string[]): string | undefined {
  if (folded.length < HELD_MIN_CHARS) return undefined
  const holding = words.filter((word) => word.toLowerCase().includes(folded))
  const ending = holding.filter((word) => word.toLowerCase().endsWith(folded))

  return byDistance(folded, ending.length > 0 ? ending : holding)[0]?.[0]
}

/**
 * A word that holds what was sent, else the nearest word within a third of its length (at
 * least 2 edits), or undefined; never one that shares nothing with what was sent (`x` is not a
 * misspelt `t`).
 */
export function closestWord (sent: string, words: readonly string[]): string | undefined {
  const folded = sent.toLowerCase()
  const held = holdingWord(folded, words)
  if (held !== undefined) return held
  const [best, bestDistance = Infinity] = byDistance(folded, words)[0] ?? []
  const allowed = Math.max(2, Math.floor((best?.length ?? 0) / 3))

  const rewritten = bestDistance >= Math.max(folded.length, best?.length ?? 0)

  return bestDistance <= allowed && !rewritten ? best : undefined
}
