/**
 * The real names and addresses that seed the generator, read from the feed samples in
 * test/fixtures/feeds/. Everything is deduplicated and sorted, so the pools (and with them every
 * generated observation) are the same on every machine.
 */
import { readFileSync } from 'node:fs'
import { parseIp } from '../../src/feeds/ip-address.js'

export interface SeedPools {
  /** Leftmost labels of real host names: `www`, `ns1`, `mail`, `vpn` ... */
  labels: string[]
  /** Real registered domains (`walmart.com.`), canonical. */
  zones: string[]
  /** Real top-level domains (`com`, `edu`), without dots. */
  tlds: string[]
  /** Distinct real IPv4 /16 networks, as the upper 16 bits. */
  ipv4Nets: number[]
  /** Distinct real IPv6 /64 networks, 8 bytes each. */
  ipv6Nets: Buffer[]
  nameservers: string[]
  mxHosts: string[]
  cnameTargets: string[]
  txtStrings: string[]
}

const FIXTURES = new URL('../../../test/fixtures/feeds/', import.meta.url)
const LABEL = /^[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?$/
/** Printable ASCII but `"` and `\`, so that quoting a string needs no escapes. */
const PLAIN_TXT = /^[ !#-[\]-~]{1,200}$/

function lines (kind: string): string[] {
  return readFileSync(new URL(`${kind}.txt`, FIXTURES), 'utf8').split('\n').filter((l) => l !== '')
}

function field (kind: string, index: number): string[] {
  return lines(kind).map((line) => (line.split('|')[index] ?? '').toLowerCase())
}

/** Names made only of plain labels, canonical (trailing dot); the others are dropped. */
function plainName (raw: string): string | undefined {
  const name = raw.replace(/^\d+ /, '').replace(/\.$/, '')
  const labels = name.split('.')
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return undefined

  return `${name}.`
}

function sortedSet (values: Iterable<string | undefined>): string[] {
  const set = new Set<string>()
  for (const value of values) if (value !== undefined) set.add(value)

  return [...set].sort()
}

function hostNames (): string[] {
  const kinds = ['spamhaus_pdns_ipv4', 'spamhaus_pdns_ipv6', 'spamhaus_pdns_cname']
  return sortedSet(kinds.flatMap((kind) => field(kind, 1)).map(plainName))
}

function ipv4Nets (): number[] {
  const nets = new Set<number>()
  for (const text of field('spamhaus_pdns_ipv4', 2)) {
    const ip = parseIp(text)
    if (ip.ok && ip.version === 4) nets.add(ip.bytes.readUInt16BE(0))
  }

  return [...nets].sort((a, b) => a - b)
}

function ipv6Nets (): Buffer[] {
  const nets = new Map<string, Buffer>()
  for (const text of field('spamhaus_pdns_ipv6', 2)) {
    const ip = parseIp(text)
    if (ip.ok && ip.version === 6) nets.set(ip.bytes.subarray(0, 8).toString('hex'), ip.bytes)
  }

  return [...nets.keys()].sort().map((hex) => Buffer.from(hex, 'hex'))
}

function txtStrings (): string[] {
  return sortedSet(lines('spamhaus_pdns_txt').flatMap((line) => {
    const txt = (JSON.parse(line) as { Txt?: unknown }).Txt
    return Array.isArray(txt) ? txt.filter((s) => typeof s === 'string' && PLAIN_TXT.test(s)) : []
  }))
}

export function loadSeedPools (): SeedPools {
  const hosts = hostNames()
  const zones = sortedSet(hosts.concat(sortedSet(field('spamhaus_pdns_ns', 1).map(plainName)))
    .map((name) => name.split('.').slice(-3).join('.')))

  return {
    labels: sortedSet(hosts.map((name) => name.split('.')[0])),
    zones,
    tlds: sortedSet(zones.map((zone) => zone.split('.')[1])),
    ipv4Nets: ipv4Nets(),
    ipv6Nets: ipv6Nets(),
    nameservers: sortedSet(field('spamhaus_pdns_ns', 2).concat(field('spamhaus_new_domains', 3))
      .map(plainName)),
    mxHosts: sortedSet(field('spamhaus_pdns_mx', 2).map(plainName)),
    cnameTargets: sortedSet(field('spamhaus_pdns_cname', 2).map(plainName)),
    txtStrings: txtStrings()
  }
}
