/**
 * Writes a generated observation as the feed would send it: pipe lines with names mostly
 * without the root dot, JSON for TXT and SOA, and a share of first NS sightings on the
 * newly-observed-domains topic.
 */
import type { FeedKind } from '../../src/feeds/observation.js'
import type { GenObservation } from './generator.js'

export interface FeedMessage {
  topic: FeedKind
  line: string
}

const PIPE_TOPICS: Record<string, FeedKind> = {
  A: 'spamhaus_pdns_ipv4',
  AAAA: 'spamhaus_pdns_ipv6',
  CNAME: 'spamhaus_pdns_cname',
  NS: 'spamhaus_pdns_ns',
  MX: 'spamhaus_pdns_mx'
}

function bare (name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name
}

function header (obs: GenObservation, rrtype: number, rdlength: number): string {
  return `{"Epoch":${obs.timeSeen},"Name":"${obs.rrname}","Rrtype":${rrtype},"Class":1,` +
    `"Ttl":3600,"Rdlength":${rdlength}}`
}

function soaLine (obs: GenObservation): string {
  const [ns, mbox, serial, refresh, retry, expire, minimum] = obs.rdata.split(' ')
  return `{"Hdr":${header(obs, 6, 60)},"Ns":"${ns}","Mbox":"${mbox}","Serial":${serial},` +
    `"Refresh":${refresh},"Retry":${retry},"Expire":${expire},"Minttl":${minimum}}`
}

function txtLine (obs: GenObservation): string {
  const text = obs.rdata.slice(1, -1)
  return `{"Hdr":${header(obs, 16, text.length + 1)},"Txt":[${JSON.stringify(text)}]}`
}

/** `newDomain`: send this NS observation as the vendor's "newly observed domain" message. */
export function feedMessage (obs: GenObservation, newDomain = false): FeedMessage {
  if (obs.rrtype === 'TXT') return { topic: 'spamhaus_pdns_txt', line: txtLine(obs) }
  if (obs.rrtype === 'SOA') return { topic: 'spamhaus_pdns_soa', line: soaLine(obs) }
  const rdata = obs.rrtype === 'MX' ? obs.rdata : bare(obs.rdata)
  if (newDomain && obs.rrtype === 'NS') {
    return {
      topic: 'spamhaus_new_domains',
      line: `NS|${obs.timeSeen}|${bare(obs.rrname)}|${rdata}`
    }
  }

  const topic = PIPE_TOPICS[obs.rrtype] as FeedKind

  return { topic, line: `${obs.timeSeen}|${bare(obs.rrname)}|${rdata}` }
}
