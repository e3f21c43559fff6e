/**
 * Label order reversal for the store's suffix index: `www.example.com` <-> `com.example.www`,
 * so every name under a domain sorts together and a subdomain search is a prefix range scan.
 * It works on canonical names (normalizeName's output) written without their final root dot:
 * the store strips that dot before calling it and closes the key with one of its own (see
 * store/name-key.ts), and keys the root apart, so the root never reaches it. In such a name a
 * dot is escaped exactly when a backslash precedes it (`\.` in an SOA rname, RFC 1035 8), and
 * those dots stay in their label. Reversal is its own inverse; both names are exported so call
 * sites read right.
 */
export function reverseName (name: string): string {
  if (name.indexOf('\\') < 0) return name.split('.').reverse().join('.')

  return splitOnUnescapedDots(name).reverse().join('.')
}

/** Turns a reversed name (`com.example.www`) back into a name (`www.example.com`). */
export function unreverseName (reversed: string): string {
  return reverseName(reversed)
}

function splitOnUnescapedDots (name: string): string[] {
  const labels: string[] = []
  let start = 0
  for (let i = 0; i < name.length; i++) {
    if (name.charCodeAt(i) !== 0x2e || name.charCodeAt(i - 1) === 0x5c) continue

    labels.push(name.slice(start, i))
    start = i + 1
  }
  labels.push(name.slice(start))
  return labels
}
