/**
 * DNSDB and CIRCL write a network as `address,prefix`: the slash of `192.0.2.0/24` would end
 * the path segment, so such a URL matches no route. Rather than a bare 404, the dialect's
 * error says how to write it.
 */

import { clipText } from './shown-value.js'

/** The paths whose last segment is an address, in each dialect. */
const ADDRESS_PATHS = [
  /^(\/dnsdb\/v2\/(?:lookup|summarize)\/rdata\/ip\/)([^/]+)\/(\d{1,3})$/,
  /^(\/pdns\/query\/)([^/]+)\/(\d{1,3})$/
]

/** The path with the network written `address,prefix`, when `path` is one written with `/`. */
export function commaNetworkPath (path: string): string | undefined {
  for (const pattern of ADDRESS_PATHS) {
    const [, base, address, prefix] = pattern.exec(path) ?? []
    if (base !== undefined && /^[0-9a-f.:]+$/i.test(address ?? '')) {
      return `${base}${address},${prefix}`
    }
  }

  return undefined
}

export function slashNetworkDetail (path: string, fixed: string): string {
  return `${clipText(path, 120)} writes a network with a slash, which ends a path segment ` +
    `here: write it address,prefix: ${clipText(fixed, 120)}`
}
