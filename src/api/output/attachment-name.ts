/**
 * The file name a CSV download is saved under, from the request path: `/v1/domains/*.example.com`
 * becomes `dnsledger-domains-example.com.csv`. Only letters, digits, dots and hyphens are kept,
 * so the name needs no quoting and cannot climb out of a folder; the root zone is `root`.
 */
const MAX_NAME_CHARS = 120

function segmentName (segment: string): string {
  let text: string
  try {
    text = decodeURIComponent(segment)
  } catch {
    text = segment
  }
  const safe = text.replaceAll(/[^A-Za-z0-9.-]+/g, '_').replaceAll(/^[._]+|[._]+$/g, '')

  return safe === '' ? 'root' : safe
}

export function attachmentName (url: string): string {
  const path = url.split('?', 1)[0] ?? ''
  const segments = path.split('/').filter((segment) => segment !== '').slice(1)
  const stem = ['dnsledger', ...segments.map(segmentName)].join('-').slice(0, MAX_NAME_CHARS)

  return `${stem}.csv`
}
