/**
 * How each dialect of the API writes the forms an address refusal suggests. DNSDB and CIRCL
 * take a network only as `address,prefix` (a slash would end the path segment) and look names
 * up at paths of their own: a hint in /v1's forms would send their clients to a form their path
 * refuses.
 */

export interface AddressDialect {
  /** Between a network's address and its prefix length. */
  separator: '/' | ','
  /** Where a domain name sent in place of an address is looked up instead. */
  nameLookup: (name: string) => string
}

export const V1_ADDRESSES: AddressDialect = {
  separator: '/',
  nameLookup: (name) => `look the name up at /v1/domains/${name}`
}

export const CIRCL_ADDRESSES: AddressDialect = {
  separator: ',',
  nameLookup: (name) => `look the name up at /pdns/query/${name}`
}

/** `verb`: lookup or summarize, as the path asked. */
export function dnsdbAddresses (verb: string): AddressDialect {
  const base = `/dnsdb/v2/${verb}`

  return {
    separator: ',',
    nameLookup: (name) => `look up the records pointing at the name at ` +
      `${base}/rdata/name/${name}, or its own at ${base}/rrset/name/${name}`
  }
}

/** `address/prefix, e.g. 192.0.2.0/24 or 2001:db8::/32`, with the dialect's separator. */
export function networkForm (dialect: AddressDialect): string {
  const s = dialect.separator

  return `address${s}prefix, e.g. 192.0.2.0${s}24 or 2001:db8::${s}32`
}
