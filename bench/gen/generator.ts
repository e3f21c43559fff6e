/**
 * The deterministic observation generator. Observation i belongs to group i / 4, one owner
 * name with four distinct records. Even groups are zones (a registered domain under a real TLD:
 * NS, NS, then NS, MX, TXT or SOA, then an apex A), odd groups are hosts under an earlier zone
 * or a real one (A, A or AAAA, AAAA or CNAME, CNAME or A). Targets (addresses, nameservers, mail
 * hosts, CNAME targets) are drawn skewed from pools that start with the real ones and grow with
 * the store, so many names share an address or a nameserver, and a few are very popular.
 * Within a group, two records of one type take neighbouring pool entries, so all four are
 * distinct and observation i is always distinct from observation j.
 */
import type { RRType } from '../../src/feeds/observation.js'
import { bytesToIp } from '../../src/feeds/ip-address.js'
import { hashIndex, mix, pick, skewed } from './hash.js'
import type { SeedPools } from './seed-pools.js'

export interface GenObservation {
  rrname: string
  rrtype: RRType
  rdata: string
  timeSeen: number
  /** The group's zone (registered domain), for suffix lookups and JSON records. */
  zone: string
}

export const GROUP_SIZE = 4
/** The first observation's time; later ones follow at 20 per second. */
export const EPOCH = 1_700_000_000
const PER_SECOND = 20

const ZONE_THIRD: RRType[] = ['NS', 'NS', 'NS', 'MX', 'MX', 'TXT', 'TXT', 'SOA', 'SOA', 'SOA']
const HOST_TYPES_A: RRType[] = ['A', 'A', 'AAAA', 'CNAME']
const HOST_TYPES_B: RRType[] = ['A', 'AAAA', 'CNAME', 'A']

export class ObservationGenerator {
  readonly pools: SeedPools

  constructor (pools: SeedPools) {
    this.pools = pools
  }

  observation (index: number): GenObservation {
    const group = Math.floor(index / GROUP_SIZE)
    const slot = index % GROUP_SIZE
    const timeSeen = EPOCH + Math.floor(index / PER_SECOND)
    if (group % 2 === 0) return this.#zoneRecord(group, slot, timeSeen)

    return this.#hostRecord(group, slot, timeSeen)
  }

  /** The owner name of a group: a zone for even groups, a host for odd ones. */
  groupName (group: number): string {
    return group % 2 === 0 ? this.zoneName(group) : this.#hostName(group)
  }

  zoneName (group: number): string {
    const { labels, tlds } = this.pools
    return `${pick(labels, mix(group, 1))}-${group.toString(36)}.${pick(tlds, mix(group, 2))}.`
  }

  /** A host's zone: mostly an earlier generated zone, popular ones more often; some real. */
  hostZone (group: number): string {
    const hash = hashIndex(group, 3)
    const { zones } = this.pools
    if (group < 4 || hash % 10 === 0) return zones[skewed(mix(hash, 4), zones.length, 2)] as string

    return this.zoneName(2 * skewed(mix(hash, 5), Math.floor(group / 2), 2))
  }

  #hostName (group: number): string {
    return `${pick(this.pools.labels, mix(group, 6))}-${group.toString(36)}.${this.hostZone(group)}`
  }

  #zoneRecord (group: number, slot: number, timeSeen: number): GenObservation {
    const zone = this.zoneName(group)
    const hash = hashIndex(group, 10)
    const rrtype: RRType = slot < 2 ? 'NS' : slot === 3 ? 'A' : pick(ZONE_THIRD, mix(hash, 11))
    let rdata: string
    if (rrtype === 'NS') rdata = this.nameserver(this.#nsBase(group) + slot)
    else if (rrtype === 'A') rdata = this.ipv4(this.#ipv4Base(group, 12))
    else if (rrtype === 'MX') rdata = this.#mxRdata(group, hash)
    else if (rrtype === 'TXT') rdata = this.#txtRdata(zone, hash)
    else rdata = this.#soaRdata(group, zone, hash)

    return { rrname: zone, rrtype, rdata, timeSeen, zone }
  }

  #hostRecord (group: number, slot: number, timeSeen: number): GenObservation {
    const zone = this.hostZone(group)
    const rrname = `${pick(this.pools.labels, mix(group, 6))}-${group.toString(36)}.${zone}`
    const rrtype = hashIndex(group, 20) % 2 === 0 ? HOST_TYPES_A[slot] : HOST_TYPES_B[slot]
    // Records of one type in one group take neighbouring entries (slot picks which one).
    let rdata: string
    if (rrtype === 'A') rdata = this.ipv4(this.#ipv4Base(group, 21) + slot)
    else if (rrtype === 'AAAA') rdata = this.ipv6(this.#ipv6Base(group) + slot)
    else rdata = this.cnameTarget(this.#cnameBase(group) + slot)

    return { rrname, rrtype: rrtype as RRType, rdata, timeSeen, zone }
  }

  #ipv4Base (group: number, salt: number): number {
    return skewed(hashIndex(group, salt), this.pools.ipv4Nets.length * 4 + group / 8)
  }

  #ipv6Base (group: number): number {
    return skewed(hashIndex(group, 22), this.pools.ipv6Nets.length * 4 + group / 16)
  }

  #nsBase (group: number): number {
    return skewed(hashIndex(group, 13), this.pools.nameservers.length + group / 32)
  }

  #cnameBase (group: number): number {
    return skewed(hashIndex(group, 23), this.pools.cnameTargets.length + group / 4)
  }

  /** Entry k of the IPv4 pool: a real /16 and a 16-bit host part unique to k. */
  ipv4 (k: number): string {
    const nets = this.pools.ipv4Nets
    const net = nets[k % nets.length] as number
    const host = (Math.imul(Math.floor(k / nets.length), 40_503) + 0x0a01) & 0xffff

    return `${net >>> 8}.${net & 0xff}.${host >>> 8}.${host & 0xff}`
  }

  /** Entry k of the IPv6 pool: a real /64 and an interface id unique to k. */
  ipv6 (k: number): string {
    const nets = this.pools.ipv6Nets
    const bytes = Buffer.alloc(16)
    ;(nets[k % nets.length] as Buffer).copy(bytes, 0, 0, 8)
    bytes.writeUInt32BE((Math.imul(Math.floor(k / nets.length), 0x9e3779b1) + 1) >>> 0, 12)

    return bytesToIp(bytes)
  }

  nameserver (k: number): string {
    const { nameservers, labels, tlds } = this.pools
    if (k < nameservers.length) return nameservers[k] as string
    const j = k - nameservers.length
    const provider = Math.floor(j / 4)

    return `ns${(j % 4) + 1}.${pick(labels, mix(provider, 7))}-${provider.toString(36)}-dns.` +
      `${pick(tlds, mix(provider, 8))}.`
  }

  mxHost (k: number): string {
    const { mxHosts, tlds } = this.pools
    if (k < mxHosts.length) return mxHosts[k] as string
    const j = k - mxHosts.length

    return `mx${(j % 2) + 1}.mail-${Math.floor(j / 2).toString(36)}.${pick(tlds, mix(j, 9))}.`
  }

  cnameTarget (k: number): string {
    const { cnameTargets } = this.pools
    if (k < cnameTargets.length) return cnameTargets[k] as string

    return this.groupName(2 * (k - cnameTargets.length) + 1)
  }

  #mxRdata (group: number, hash: number): string {
    const k = skewed(mix(hash, 14), this.pools.mxHosts.length + group / 64)
    const host = this.mxHost(k)

    return hash % 2 === 0 ? host : `${10 * (hash % 4)} ${host}`
  }

  #txtRdata (zone: string, hash: number): string {
    const text = hash % 3 === 0
      ? `v=spf1 include:_spf.${zone.slice(0, -1)} ~all`
      : pick(this.pools.txtStrings, mix(hash, 15))

    return `"${text}"`
  }

  #soaRdata (group: number, zone: string, hash: number): string {
    const serial = 2_016_000_000 + (mix(hash, 16) % 10_000_000)
    const mname = this.nameserver(this.#nsBase(group))

    return `${mname} hostmaster.${zone} ${serial} 3600 900 604800 86400`
  }
}
