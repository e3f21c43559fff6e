/**
 * The file name a CSV download is saved under, from the request path: `/v1/domains/example.com`
 * becomes `dnsledger-domains-example.com.csv`, and `/v1/domains/*.example.com`, a different
 * list, `dnsledger-domains-example.com-subtree.csv`. Only letters, digits, dots, hyphens and
 * underscores are kept (`_dmarc` stays itself), so the name needs no quoting and cannot climb
 * out of a folder; the root zone is `root`.
 */
const MAX_NAME_CHARS = 120

function segmentName (segment: string): string {
  let text: string
  try {
    text = decodeURIComponent(segment)
  } catch {
    text = segment
  }
  const subtree = text.startsWith('*.')
  const safe = (subtree ? text.slice(2) : text).replaceAll(/[^A-Za-z0-9._-]+/g, '_')
    .replaceAll(/^\.+|\.+$/g, '')
  const name = safe === '' ? 'root' : safe

  return subtree ? `${name}-subtree` : name
}

export function attachmentName (url: string): string {
  const path = url.split('?', 1)[0] ?? ''
  const segments = path.split('/').filter((segment) => segment !== '').slice(1)
  const stem = ['dnsledger', ...segments.map(segmentName)].join('-').slice(0, MAX_NAME_CHARS)

  return `${stem}.csv`
}
