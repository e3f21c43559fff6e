/**
 * Lookup paths for a store holding observations [0, stored): names, addresses, networks,
 * zones, nameservers and mail hosts that are in it, drawn at random, popular and rare alike.
 */
import { hashIndex } from '../gen/hash.js'
import type { GenObservation, ObservationGenerator } from '../gen/generator.js'

export const LOOKUP_KINDS = ['name', 'ip', 'cidr', 'suffix', 'nameserver', 'mx'] as const

export type LookupKind = (typeof LOOKUP_KINDS)[number]

function bare (name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name
}

/** The path for one observation, or undefined if it cannot serve this kind of lookup. */
function pathFor (kind: LookupKind, obs: GenObservation): string | undefined {
  switch (kind) {
    case 'name':
      return `/v1/domains/${bare(obs.rrname)}`
    case 'suffix':
      return `/v1/domains/*.${bare(obs.zone)}`
    case 'ip':
      return obs.rrtype === 'A' ? `/v1/ips/${obs.rdata}` : undefined
    case 'cidr':
      return obs.rrtype === 'A' ? `/v1/ips/${obs.rdata.replace(/\.\d+$/, '.0')}/24` : undefined
    case 'nameserver':
      return obs.rrtype === 'NS' ? `/v1/nameservers/${bare(obs.rdata)}` : undefined
    case 'mx':
      return obs.rrtype === 'MX' ? `/v1/mx/${bare(obs.rdata.replace(/^\d+ /, ''))}` : undefined
  }
}

export function lookupPaths (gen: ObservationGenerator, stored: number, kind: LookupKind,
  count: number, limit: number): string[] {
  const paths: string[] = []
  for (let j = 0; paths.length < count && j < count * 1000; j++) {
    const path = pathFor(kind, gen.observation(hashIndex(j, 77) % stored))
    if (path !== undefined) paths.push(`${path}?limit=${limit}`)
  }

  return paths
}
