/**
 * Reads an Accept header (RFC 9110, 12.5.1) into its media ranges with their weights, in the
 * order sent. Parameters other than q are not kept: every format is written in UTF-8 only.
 * A range that cannot be read is left out, as if it had not been sent.
 */
export interface MediaRange {
  type: string
  subtype: string
  q: number
  /** Position in the header, to break ties between equal weights. */
  index: number
}

const TOKEN = /^[a-z0-9!#$%&'*+.^_`|~-]+$/

function weightOf (params: string[]): number | undefined {
  const q = params.find((param) => param.startsWith('q='))
  if (q === undefined) return 1
  const value = q.slice(2)
  if (!/^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value)) return undefined

  return Number(value)
}

export function parseAccept (header: string): MediaRange[] {
  return header.split(',').flatMap((part, index) => {
    const [range = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase())
    const [type = '', subtype = '', ...extra] = range.split('/')
    const q = weightOf(params)
    if (!TOKEN.test(type) || !TOKEN.test(subtype) || extra.length > 0 || q === undefined) return []
    if (type === '*' && subtype !== '*') return []

    return [{ type, subtype, q, index }]
  })
}

/** How closely a range names a media type: 2 exactly, 1 by `type/*`, 0 by `*\/*`; -1 not. */
export function specificity (range: MediaRange, mediaType: string): number {
  const [type, subtype] = mediaType.split('/')
  if (range.type === type && range.subtype === subtype) return 2
  if (range.type === type && range.subtype === '*') return 1
  if (range.type === '*') return 0

  return -1
}
