/**
 * The caller an address stands for, when limits apply per address. An IPv6 host usually has a
 * whole /64 to itself and can pick any address in it, so the /64 is the caller; an IPv4 client
 * seen through a dual-stack socket (`::ffff:192.0.2.1`) is its IPv4 address.
 */
import { parseIp } from '../../feeds/ip-address.js'

const V4_MAPPED = Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff])

export function callerOfAddress (address: string): string {
  const ip = parseIp(address)
  if (!ip.ok || ip.version === 4) return address

  if (ip.bytes.subarray(0, 12).equals(V4_MAPPED)) return [...ip.bytes.subarray(12)].join('.')

  return `${ip.bytes.subarray(0, 8).toString('hex')}/64`
}
