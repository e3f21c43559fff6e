/**
 * The expected store, computed from the feed files on its own terms: deliberately not with
 * dnsledger's parsers, so that an end-to-end test compares two independent readings. It knows
 * the fixture files (clean apart from Zeek's `RRSIG 5 name` lines), not every rule of the feed.
 */
import { readFileSync } from 'node:fs'

export interface Expected {
  first_seen: number
  last_seen: number
  count: number
}

export type ExpectedStore = Map<string, Expected>

export function recordKey (rrname: string, rrtype: string, rdata: string): string {
  return `${rrname}|${rrtype}|${rdata}`
}

function fqdn (name: string): string {
  const lower = name.toLowerCase()
  return lower.endsWith('.') ? lower : `${lower}.`
}

function ipv6Text (address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1)
}

function quoteTxt (strings: string[]): string {
  return strings.map((s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(' ')
}

const PIPE_TOPICS: Record<string, { rrtype: string, rdata: (value: string) => string }> = {
  spamhaus_pdns_cname: { rrtype: 'CNAME', rdata: fqdn },
  spamhaus_pdns_ipv4: { rrtype: 'A', rdata: (v) => v },
  spamhaus_pdns_ipv6: { rrtype: 'AAAA', rdata: ipv6Text },
  spamhaus_pdns_mx: { rrtype: 'MX', rdata: fqdn },
  spamhaus_pdns_ns: { rrtype: 'NS', rdata: fqdn }
}

function observe (store: ExpectedStore, key: string, time: number): void {
  const seen = store.get(key)
  if (seen === undefined) {
    store.set(key, { first_seen: time, last_seen: time, count: 1 })
    return
  }
  seen.first_seen = Math.min(seen.first_seen, time)
  seen.last_seen = Math.max(seen.last_seen, time)
  seen.count++
}

export interface ExpectedFeed {
  records: ExpectedStore
  newDomains: Map<string, { first_seen: number, nameserver: string }>
  junkLines: number
}

export function expectedFromFeed (files: Record<string, string>): ExpectedFeed {
  const feed: ExpectedFeed = { records: new Map(), newDomains: new Map(), junkLines: 0 }
  for (const [topic, path] of Object.entries(files)) {
    const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line !== '')
    for (const line of lines) readLine(feed, topic, line)
  }

  return feed
}

function readLine (feed: ExpectedFeed, topic: string, line: string): void {
  if (topic === 'spamhaus_pdns_txt' || topic === 'spamhaus_pdns_soa') {
    const message = JSON.parse(line)
    const name = fqdn(message.Hdr.Name)
    const rdata = topic === 'spamhaus_pdns_txt'
      ? quoteTxt(message.Txt)
      : [fqdn(message.Ns), fqdn(message.Mbox), message.Serial, message.Refresh, message.Retry,
          message.Expire, message.Minttl].join(' ')
    observe(feed.records, recordKey(name, topic.endsWith('txt') ? 'TXT' : 'SOA', rdata),
      message.Hdr.Epoch)
    return
  }
  const fields = line.split('|')
  if (fields.some((field) => field.includes(' '))) {
    feed.junkLines++
    return
  }
  if (topic === 'spamhaus_new_domains') {
    const [, time, domain, nameserver] = fields as [string, string, string, string]
    observe(feed.records, recordKey(fqdn(domain), 'NS', fqdn(nameserver)), Number(time))
    const known = feed.newDomains.get(fqdn(domain))
    if (known === undefined || Number(time) < known.first_seen) {
      feed.newDomains.set(fqdn(domain), { first_seen: Number(time), nameserver: fqdn(nameserver) })
    }
    return
  }
  const [time, name, value] = fields as [string, string, string]
  const kind = PIPE_TOPICS[topic]
  if (kind === undefined) throw new Error(`no oracle for ${topic}`)
  observe(feed.records, recordKey(fqdn(name), kind.rrtype, kind.rdata(value)), Number(time))
}
